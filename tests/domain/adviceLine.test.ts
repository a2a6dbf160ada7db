import { describe, expect, it } from "vitest";
import { triedForIn, yearGroupIn } from "../../domain/adviceLine";

describe("reading the context out of a free-text question", () => {
  it.each([
    ["Year 4 boy, reading well below peers", "Year 4"],
    ["Y10 girl anxious", "Year 10"],
    ["yr 2 can't sit still", "Year 2"],
    ["Reception child not talking", "Reception"],
    ["nursery child bites", "Nursery"],
    ["a boy who struggles with maths", undefined],
    ["in the year 2024 we tried", undefined],
  ])("%s -> %s", (text, expected) => {
    expect(yearGroupIn(text)).toBe(expected);
  });

  it.each([
    ["we've tried phonics catch-up for a term", "a term"],
    ["tried for two terms now", "two terms"],
    ["for half a term", "half a term"],
    ["for a year", "a year or more"],
    ["for three weeks", "under half a term"],
    ["we haven't tried anything", undefined],
  ])("%s -> %s", (text, expected) => {
    expect(triedForIn(text)).toBe(expected);
  });
});

import { describe, expect, it } from "vitest";
import { screenFromFiles, shippedScreen } from "../../../domain/safeguarding";
import lexicon from "../../../domain/safeguarding/lexicon.json";

describe("the shipped indicator files", () => {
  it("validate and compile, one file per statutory category", () => {
    const screen = shippedScreen();
    expect(screen.categoryOrder).toEqual(expect.arrayContaining(["physical-abuse", "neglect", "fgm", "forced-marriage-honour", "radicalisation", "fabricated-illness", "private-fostering", "position-of-trust"]));
    expect(screen.categoryOrder.length).toBeGreaterThanOrEqual(19);
  });

  it("name the file and the reason when a file is wrong", () => {
    expect(() => screenFromFiles(lexicon, [{ category: "x", title: "X", basis: "", review: { owner: "", lastReviewed: "" }, indicators: [] }])).toThrow(/indicator file 1: indicators/);
    const bad = { category: "x", title: "X", basis: "", review: { owner: "", lastReviewed: "" }, indicators: [{ id: "x.y", level: "concern", says: "something", patterns: ["@nope"] }] };
    expect(() => screenFromFiles(lexicon, [bad])).toThrow(/x\.y.*unknown concept @nope/);
  });
});

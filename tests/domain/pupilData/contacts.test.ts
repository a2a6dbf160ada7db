import { describe, expect, it } from "vitest";
import { findPupilIdentifiers } from "../../../domain/pupilData";
import { findEmails, findPostcodes } from "../../../domain/pupilData/contacts";

function found(text: string): [string, string][] {
  return findPupilIdentifiers(text).map((f) => [f.kind, text.slice(f.start, f.end)]);
}

describe("email addresses written to dodge a filter", () => {
  it("finds (at), [at], {at} and <at> with real or spelt-out dots", () => {
    expect(found("email sarah(at)example.com")).toEqual([["email", "sarah(at)example.com"]]);
    expect(found("dad: j.smith [at] hotmail [dot] co [dot] uk")).toEqual([["email", "j.smith [at] hotmail [dot] co [dot] uk"]]);
    expect(found("sam{at}btinternet{dot}com")).toEqual([["email", "sam{at}btinternet{dot}com"]]);
    expect(found("mum <at> example (dot) org")).toEqual([["email", "mum <at> example (dot) org"]]);
  });

  it("finds the word 'at' with a spelt-out or spaced dot and a known ending", () => {
    expect(found("Email kerry at example dot com please")).toEqual([["email", "kerry at example dot com"]]);
    expect(found("SAM AT EXAMPLE DOT CO DOT UK")).toEqual([["email", "SAM AT EXAMPLE DOT CO DOT UK"]]);
    expect(found("sam.jones at example . org")).toEqual([["email", "sam.jones at example . org"]]);
    expect(found("sam dot jones at school dot sch dot uk")).toEqual([["email", "sam dot jones at school dot sch dot uk"]]);
  });

  it("finds the word 'at' before a webmail provider, and spaces around @", () => {
    expect(found("Mum is lisa.khan at gmail.com")).toEqual([["email", "lisa.khan at gmail.com"]]);
    expect(found("j.smith @ hotmail.co.uk")).toEqual([["email", "j.smith @ hotmail.co.uk"]]);
    expect(found("\uFF54\uFF4F\uFF4D\uFF20\uFF45\uFF58\uFF41\uFF4D\uFF50\uFF4C\uFF45\uFF0E\uFF43\uFF4F\uFF4D")).toHaveLength(1);
  });

  it("leaves 'at' as a word alone: websites, places, times", () => {
    expect(findEmails("We looked at the Local Offer at wiltshire.gov.uk")).toEqual([]);
    expect(findEmails("Please look at www.gov.uk for the code of practice")).toEqual([]);
    expect(findEmails("She is good at maths dot to dot puzzles")).toEqual([]);
    expect(findEmails("Meet at reception at 9 and at lunch at 12.30")).toEqual([]);
    expect(findEmails("He is at school dot")).toEqual([]);
  });

  it("does not let a rejected spelt-out match hide a real address after it", () => {
    expect(found("email mum at kerry.smith@live.co.uk")).toEqual([["email", "kerry.smith@live.co.uk"]]);
  });
});

describe("postcodes", () => {
  it("finds postcodes with Unicode spaces or in full-width characters", () => {
    expect(found("They live in SN15\u00A03BQ now")).toEqual([["postcode", "SN15\u00A03BQ"]]);
    expect(found("Postcode \uFF33\uFF2E\uFF11\uFF15 \uFF13\uFF22\uFF31")).toEqual([["postcode", "\uFF33\uFF2E\uFF11\uFF15 \uFF13\uFF22\uFF31"]]);
  });

  it("still leaves year groups and key stages alone", () => {
    expect(findPostcodes("Y6 2nd half term, KS2 3AB")).toEqual([]);
  });
});

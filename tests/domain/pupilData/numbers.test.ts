import { describe, expect, it } from "vitest";
import { findPupilIdentifiers } from "../../../domain/pupilData";
import { findPhones, findTenDigitNumbers, findUpns } from "../../../domain/pupilData/numbers";

function found(text: string): [string, string][] {
  return findPupilIdentifiers(text).map((f) => [f.kind, text.slice(f.start, f.end)]);
}

describe("UPNs", () => {
  it("finds a UPN with a zero-width or invisible character inside", () => {
    for (const invisible of ["\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD"]) {
      const upn = `H8012${invisible}00001001`;
      expect(found(`UPN ${upn}, Year 5`)).toEqual([["upn", upn]]);
    }
  });

  it("finds a UPN split by spaces or hyphens, and in lower case", () => {
    expect(found("His UPN is H801 2000 01001.")).toEqual([["upn", "H801 2000 01001"]]);
    expect(found("H801-2000-01001 from the CTF")).toEqual([["upn", "H801-2000-01001"]]);
    expect(found("upn h801200001001")).toEqual([["upn", "h801200001001"]]);
    expect(found("temporary v935 2117 0300a")).toEqual([["upn", "v935 2117 0300a"]]);
  });

  it("needs the check letter or a label for a split UPN, but not for a whole one", () => {
    expect(findUpns("B 1234 5678 9012")).toEqual([]);
    expect(findUpns("UPN B 1234 5678 9012")).toMatchObject([{ kind: "upn", confidence: "possible" }]);
    expect(findUpns("B123456789012")).toMatchObject([{ kind: "upn", confidence: "possible" }]);
  });

  it("does not take the start of a longer run of digits for a split UPN", () => {
    expect(findUpns("UPN B 1234 5678 9012 3")).toEqual([]);
    expect(found("UPN H 8012 0000 1001. 5 siblings")).toEqual([["upn", "H 8012 0000 1001"]]);
  });
});

describe("ten-digit numbers", () => {
  it("finds NHS numbers spaced with Unicode spaces, dots or every digit apart", () => {
    for (const text of ["943\u2009476\u20095919", "943\u202F476\u202F5919", "943\u00A0476\u00A05919", "943.476.5919", "9 4 3 4 7 6 5 9 1 9", "94 34 76 59 19", "943 - 476 - 5919"]) {
      expect(found(`NHS ${text} on the letter`)).toEqual([["nhs-number", text]]);
    }
  });

  it("finds NHS numbers in full-width, Arabic-Indic and Devanagari digits", () => {
    for (const text of ["\uFF19\uFF14\uFF13\uFF14\uFF17\uFF16\uFF15\uFF19\uFF11\uFF19", "\u0669\u0664\u0663\u0664\u0667\u0666\u0665\u0669\u0661\u0669", "\u096F\u096A\u0969 \u096A\u096D\u096C \u096B\u096F\u0967\u096F"]) {
      expect(found(`number ${text}`)).toEqual([["nhs-number", text]]);
    }
  });

  it("uses the check digit to tell a ULN from an NHS number when split", () => {
    expect(found("learner 4857 7734 56 and 485 777 3457")).toEqual([
      ["uln", "4857 7734 56"],
      ["nhs-number", "485 777 3457"],
    ]);
  });

  it("flags ten digits split oddly only with a check digit or a label", () => {
    expect(findTenDigitNumbers("12 3456 7893")).toEqual([]);
    expect(findTenDigitNumbers("ULN 12 3456 7893")).toMatchObject([{ kind: "uln", confidence: "high" }]);
    expect(findTenDigitNumbers("123 456 7893")).toMatchObject([{ kind: "nhs-number", confidence: "possible" }]);
  });

  it("finds a number inside a longer run of groups when a space separates it", () => {
    expect(found("Y5 943 476 5919")).toEqual([["nhs-number", "943 476 5919"]]);
    expect(found("NHS 943 476 5919 12 pupils")).toEqual([["nhs-number", "943 476 5919"]]);
  });

  it("leaves dates, times, money, decimals and short lists alone", () => {
    expect(findTenDigitNumbers("12.03.2025 10.30")).toEqual([]);
    expect(findTenDigitNumbers("£1234 567 890")).toEqual([]);
    expect(findTenDigitNumbers("1234567890.5")).toEqual([]);
    expect(findTenDigitNumbers("Scores 98 76 85 90 88")).toEqual([]);
    expect(findTenDigitNumbers("1 2 3 4 5")).toEqual([]);
  });
});

describe("phone numbers", () => {
  it("finds phone numbers with every digit spaced, with dots, Unicode spaces or digits", () => {
    expect(found("Mum on 0 7 7 0 0 9 0 0 1 2 3")).toEqual([["phone-number", "0 7 7 0 0 9 0 0 1 2 3"]]);
    expect(found("call 07700.900.123")).toEqual([["phone-number", "07700.900.123"]]);
    expect(found("ring 07700\u2009900\u2009123")).toEqual([["phone-number", "07700\u2009900\u2009123"]]);
    expect(found("dad \uFF10\uFF17\uFF17\uFF10\uFF10 \uFF19\uFF10\uFF10\uFF14\uFF15\uFF16")).toEqual([
      ["phone-number", "\uFF10\uFF17\uFF17\uFF10\uFF10 \uFF19\uFF10\uFF10\uFF14\uFF15\uFF16"],
    ]);
  });

  it("leaves times and decimals alone", () => {
    expect(findPhones("08.45 to 15.15, then 0.5 0.25 0.75")).toEqual([]);
  });
});

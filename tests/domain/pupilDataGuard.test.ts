import { describe, expect, it } from "vitest";
import {
  describeFindings,
  findPupilIdentifiers,
  isValidNhsNumber,
  isValidUln,
  isValidUpn,
  maskIdentifier,
  upnCheckLetter,
} from "../../domain/pupilDataGuard";
import { PUPIL_DATA_EXAMPLES, scorePupilDataGuard } from "../../scripts/fixtures/pupilDataExamples";

function found(text: string): [string, string][] {
  return findPupilIdentifiers(text).map((f) => [f.kind, text.slice(f.start, f.end)]);
}

describe("check digits", () => {
  it("accepts the NHS test number 943 476 5919 and rejects a near miss", () => {
    expect(isValidNhsNumber("943 476 5919")).toBe(true);
    expect(isValidNhsNumber("9434765919")).toBe(true);
    expect(isValidNhsNumber("9434765918")).toBe(false);
    expect(isValidNhsNumber("4857773457")).toBe(true);
  });

  it("treats an NHS check result of 10 as invalid whatever the last digit", () => {
    // 123456789: weighted sum 210, 210 mod 11 = 1, 11 - 1 = 10, so no tenth digit can work.
    for (let last = 0; last <= 9; last++) expect(isValidNhsNumber(`123456789${last}`)).toBe(false);
  });

  it("checks ULNs with 10 - (sum mod 11)", () => {
    expect(isValidUln("1234567899")).toBe(true);
    expect(isValidUln("1234567890")).toBe(false);
    expect(isValidUln("4857773456")).toBe(true);
    // A number passing the NHS check can never pass the ULN check (different remainders).
    expect(isValidUln("9434765919")).toBe(false);
  });

  it("computes UPN check letters, including temporary UPNs ending in a letter", () => {
    // Z213282605052 is a valid UPN used in a public validator's tests; the others are computed here.
    expect(isValidUpn("Z213282605052")).toBe(true);
    expect(upnCheckLetter("801200001001")).toBe("H");
    expect(isValidUpn("H801200001001")).toBe(true);
    expect(isValidUpn("V93521170300A")).toBe(true);
    expect(isValidUpn("A123456789123")).toBe(false);
    expect(upnCheckLetter("80120000100I")).toBeUndefined(); // I is never used
  });
});

describe("findPupilIdentifiers", () => {
  it("gets every labelled example right", () => {
    expect(scorePupilDataGuard().mismatches).toEqual([]);
  });

  it("scores recall >= 0.95 and precision >= 0.9 on the labelled set", () => {
    const score = scorePupilDataGuard();
    const positives = PUPIL_DATA_EXAMPLES.filter((e) => e.kinds.length > 0).length;
    expect(positives).toBeGreaterThanOrEqual(45);
    expect(PUPIL_DATA_EXAMPLES.length - positives).toBeGreaterThanOrEqual(35);
    expect(score.recall).toBeGreaterThanOrEqual(0.95);
    expect(score.precision).toBeGreaterThanOrEqual(0.9);
  });

  it("covers every kind in the labelled set", () => {
    const kinds = new Set(PUPIL_DATA_EXAMPLES.flatMap((e) => e.kinds));
    expect([...kinds].sort()).toEqual(["date-of-birth", "email", "name", "nhs-number", "phone-number", "postcode", "uln", "upn"]);
  });

  it("returns exact offsets, sorted, with no overlaps", () => {
    const text = "Sam Jones (DOB 01/02/2016), NHS 943 476 5919, lives in SN15 3BQ, mum sam.j@gmail.com or 07700 900123.";
    expect(found(text)).toEqual([
      ["name", "Sam Jones"],
      ["date-of-birth", "01/02/2016"],
      ["nhs-number", "943 476 5919"],
      ["postcode", "SN15 3BQ"],
      ["email", "sam.j@gmail.com"],
      ["phone-number", "07700 900123"],
    ]);
    const findings = findPupilIdentifiers(text);
    for (let i = 1; i < findings.length; i++) {
      expect(findings[i]!.start).toBeGreaterThanOrEqual(findings[i - 1]!.end);
    }
  });

  it("decides between NHS number and ULN by check digit, with a nearby label overriding", () => {
    const [nhs] = findPupilIdentifiers("number 9434765919");
    expect(nhs).toMatchObject({ kind: "nhs-number", confidence: "high" });
    const [uln] = findPupilIdentifiers("number 1234567899");
    expect(uln).toMatchObject({ kind: "uln", confidence: "high" });
    const [neither] = findPupilIdentifiers("number 1234567893");
    expect(neither).toMatchObject({ kind: "nhs-number", confidence: "possible" });
    expect(neither?.explanation).toMatch(/NHS number or a unique learner number/);
    const [labelled] = findPupilIdentifiers("ULN 1234567893");
    expect(labelled?.kind).toBe("uln");
    expect(found("NHS 943 476 5919, ULN 1234567893").map(([kind]) => kind)).toEqual(["nhs-number", "uln"]);
  });

  it("still flags a UPN whose check letter is wrong, with lower confidence", () => {
    expect(findPupilIdentifiers("UPN H801200001001")[0]).toMatchObject({ kind: "upn", confidence: "high" });
    expect(findPupilIdentifiers("UPN B801200001001")[0]).toMatchObject({ kind: "upn", confidence: "possible" });
  });

  it("leaves ordinary numbers alone: years, scores, percentages, times, year groups", () => {
    expect(found("In 2024 she scored 85% (42/50) at 10:30 in Year 4; KS2 SATs in May; 1:1 for 25 hours.")).toEqual([]);
  });

  it("treats a title and surname as staff, not a pupil", () => {
    expect(found("Mrs Patel and Mr. Jones spoke to Mrs Emma Patel.")).toEqual([]);
    expect(found("Mrs Patel says Oliver is struggling.")).toEqual([["name", "Oliver"]]);
  });

  it("masks all but the first character of each token", () => {
    expect(maskIdentifier("Sam Jones")).toBe("S** J****");
    expect(maskIdentifier("943 476 5919")).toBe("9** 4** 5***");
    expect(maskIdentifier("sam.j@gmail.com")).toBe("s**.j@g****.c**");
  });

  it("returns masked text and a one-sentence explanation for every finding", () => {
    for (const finding of findPupilIdentifiers("Name: Ava Brown, DOB 12/03/2017, UPN H801200001001")) {
      expect(finding.masked).not.toMatch(/[A-Za-z0-9]{2}/);
      expect(finding.explanation).toMatch(/^This [^.]*\.$/);
    }
  });
});

describe("describeFindings", () => {
  it("lists each kind with masked values and never repeats an identifier", () => {
    const text = "Sam Jones, NHS 943 476 5919, phone 07700 900123";
    const message = describeFindings(findPupilIdentifiers(text));
    expect(message).toContain("a name (S** J****)");
    expect(message).toContain("an NHS number (9** 4** 5***)");
    expect(message).toContain("a phone number (0**** 9*****)");
    expect(message).toMatch(/Please remove them/);
    for (const raw of ["Sam", "Jones", "943", "5919", "07700", "900123"]) expect(message).not.toContain(raw);
  });

  it("says so when nothing was found", () => {
    expect(describeFindings([])).toMatch(/did not find/);
  });
});

describe("long input", () => {
  it("returns on 20,000-character adversarial inputs", () => {
    const inputs = [
      "a".repeat(20_000),
      "1".repeat(20_000),
      "a1".repeat(10_000),
      "Sam ".repeat(5_000),
      "0 ".repeat(10_000),
      "x@".repeat(10_000),
      "a.".repeat(10_000) + "@",
      "DOB 12/03/2017 ".repeat(1_334),
      "called Sam Jones (Year 4) ".repeat(800),
      "SN15 1ER ".repeat(2_300),
      "+44 ".repeat(5_000),
    ];
    for (const input of inputs) expect(Array.isArray(findPupilIdentifiers(input))).toBe(true);
  });
});

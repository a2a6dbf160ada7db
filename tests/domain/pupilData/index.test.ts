import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findPupilIdentifiers, type PupilIdentifierKind } from "../../../domain/pupilData";
import { gap, inScripts, interleave, letterVariant, surroundings, validNhsNumber, validUln, validUpn } from "./generators";

/** Builds "before<opening>IDENTIFIER<closing>after" and checks the identifier is found with its exact span. */
function expectFoundAt(kind: PupilIdentifierKind, identifier: string, around: { before: string; opening: string; closing: string; after: string }): void {
  const prefix = around.before + around.opening;
  const text = prefix + identifier + around.closing + around.after;
  const findings = findPupilIdentifiers(text);
  const match = findings.find((f) => f.kind === kind && f.start === prefix.length && f.end === prefix.length + identifier.length);
  if (!match) {
    const seen = findings.map((f) => `${f.kind} ${JSON.stringify(text.slice(f.start, f.end))}`);
    expect.fail(`expected ${kind} ${JSON.stringify(identifier)} in ${JSON.stringify(text)}; found ${JSON.stringify(seen)}`);
  }
}

/** Digits all ASCII, all in one script, or each in a script of its own. */
const scripts = fc.oneof(
  fc.constant(Array<number>(13).fill(0)),
  fc.nat().map((n) => Array<number>(13).fill(n)),
  fc.array(fc.nat(), { minLength: 13, maxLength: 13 }),
);
const gaps = fc.array(gap, { minLength: 12, maxLength: 12 });

describe("findPupilIdentifiers: disguised identifiers (property tests)", () => {
  it("finds every valid NHS number, however it is split, spaced or written, with its span in the original text", () => {
    fc.assert(
      fc.property(validNhsNumber, gaps, scripts, surroundings, (nhs, between, digitScripts, around) => {
        expectFoundAt("nhs-number", interleave([...inScripts(nhs, digitScripts)], between), around);
      }),
      { numRuns: 400 },
    );
  });

  it("finds every valid ULN the same way", () => {
    fc.assert(
      fc.property(validUln, gaps, scripts, surroundings, (uln, between, digitScripts, around) => {
        expectFoundAt("uln", interleave([...inScripts(uln, digitScripts)], between), around);
      }),
      { numRuns: 400 },
    );
  });

  it("finds every valid UPN, temporary UPNs included, in any case, script and split", () => {
    fc.assert(
      fc.property(validUpn, gaps, scripts, fc.nat(), fc.nat(), surroundings, (upn, between, digitScripts, first, last, around) => {
        const chars = [...inScripts(upn, digitScripts)];
        chars[0] = letterVariant(chars[0] ?? "", first);
        if (/[A-Z]/.test(chars[12] ?? "")) chars[12] = letterVariant(chars[12] ?? "", last);
        expectFoundAt("upn", interleave(chars, between), around);
      }),
      { numRuns: 400 },
    );
  });
});

const FRAGMENTS = [
  "Sam Jones", "DOB 12/03/2017", "943 476 5919", "9 4 3 4 7 6 5 9 1 9", "H801200001001", "SN15 3BQ", "07700 900123",
  "sam(at)example.com", "a@b.co.uk", "Precious", "called Ava", "\u200B", "\u00AD", "\u2009", "\u00A0", "\uFF19", "\u0664",
  "e\u0301", "\uFB01", "\u3000", "\u2028", "Year 4", " ", ".", "-", "/", "@", " at ", " dot ", "com", "(", ")", "\n", "0", "1",
];
const anyText = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: "grapheme", maxLength: 5 }), fc.string({ unit: "binary", maxLength: 3 })), {
    maxLength: 30,
  })
  .map((parts) => parts.join(""));

describe("findPupilIdentifiers: invariants on any text (property tests)", () => {
  it("returns findings in order, inside the text, never overlapping", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const findings = findPupilIdentifiers(text);
        let previousEnd = 0;
        for (const finding of findings) {
          expect(finding.start).toBeGreaterThanOrEqual(previousEnd);
          expect(finding.end).toBeGreaterThan(finding.start);
          expect(finding.end).toBeLessThanOrEqual(text.length);
          previousEnd = finding.end;
        }
      }),
      { numRuns: 500 },
    );
  });

  it("never shows more than the first character of any token of what it found", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const finding of findPupilIdentifiers(text)) {
          const firsts = (text.slice(finding.start, finding.end).match(/[\p{L}\p{M}\p{N}]+/gu) ?? []).map((t) => String.fromCodePoint(t.codePointAt(0) ?? 0));
          const shown = [...finding.masked].filter((c) => /[\p{L}\p{M}\p{N}]/u.test(c));
          expect(shown.length).toBeLessThanOrEqual(firsts.length);
          // What is shown is, in order, the first character of some of the tokens.
          let next = 0;
          for (const char of shown) {
            while (next < firsts.length && firsts[next] !== char) next++;
            expect(next, `${JSON.stringify(finding.masked)} shows more than first characters`).toBeLessThan(firsts.length);
            next++;
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("findPupilIdentifiers: offsets in the original text", () => {
  it("reports spans and masks of the text as written, invisible characters and all", () => {
    const text = "Note: UPN H8012\u200B00001001 and NHS \uFF19\uFF14\uFF13 \uFF14\uFF17\uFF16 \uFF15\uFF19\uFF11\uFF19.";
    const findings = findPupilIdentifiers(text);
    expect(findings.map((f) => [f.kind, text.slice(f.start, f.end)])).toEqual([
      ["upn", "H8012\u200B00001001"],
      ["nhs-number", "\uFF19\uFF14\uFF13 \uFF14\uFF17\uFF16 \uFF15\uFF19\uFF11\uFF19"],
    ]);
    expect(findings.map((f) => f.masked)).toEqual(["H************", "\uFF19** \uFF14** \uFF15***"]);
  });

  it("leaves invisible characters at the edges out of the span", () => {
    const text = "NHS \u200B9434765919\u200B.";
    const [finding] = findPupilIdentifiers(text);
    expect(text.slice(finding?.start, finding?.end)).toBe("9434765919");
  });

  it("keeps findings apart when normalisation expands one character into several", () => {
    const text = "\uFB01 Sam \u2474 \u3392 called Ava";
    const findings = findPupilIdentifiers(text);
    for (let i = 1; i < findings.length; i++) expect(findings[i]!.start).toBeGreaterThanOrEqual(findings[i - 1]!.end);
    expect(findings.map((f) => text.slice(f.start, f.end))).toContain("Ava");
  });
});

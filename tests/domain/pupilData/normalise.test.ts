import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { asciiDigit, normaliseForScreening } from "../../../domain/pupilData/normalise";
import { DIGIT_ZEROS, INVISIBLES } from "./generators";

describe("normaliseForScreening", () => {
  it("leaves plain ASCII text as it is, offsets included", () => {
    const normalised = normaliseForScreening("Sam, 943 476 5919.");
    expect(normalised.text).toBe("Sam, 943 476 5919.");
    expect(normalised.toOriginal(5, 17)).toEqual({ start: 5, end: 17 });
  });

  it("removes zero-width characters, joiners, word joiners, byte order marks and soft hyphens", () => {
    for (const invisible of INVISIBLES) {
      const original = `H8012${invisible}00001001`;
      const normalised = normaliseForScreening(original);
      expect(normalised.text).toBe("H801200001001");
      expect(normalised.toOriginal(0, 13)).toEqual({ start: 0, end: original.length });
    }
  });

  it("turns every kind of space into a plain space, and tabs too", () => {
    const spaces = ["\u00A0", "\u2009", "\u202F", "\u2007", "\u2002", "\u3000", "\u205F", "\u1680", "\t"];
    for (const space of spaces) expect(normaliseForScreening(`943${space}476`).text).toBe("943 476");
  });

  it("turns full-width letters and digits into ASCII (NFKC)", () => {
    expect(normaliseForScreening("\uFF35\uFF30\uFF2E \uFF28\uFF18\uFF10\uFF11").text).toBe("UPN H801");
    expect(normaliseForScreening("sam\uFF20example\uFF0Ecom").text).toBe("sam@example.com");
  });

  it("turns the digits of every script into ASCII digits", () => {
    for (const zero of DIGIT_ZEROS) {
      const digits = Array.from({ length: 10 }, (_, d) => String.fromCodePoint(zero + d)).join("");
      expect(normaliseForScreening(digits).text).toBe("0123456789");
    }
  });

  it("agrees with the platform's own numbering systems", () => {
    const systems = ["arab", "arabext", "beng", "deva", "fullwide", "gujr", "guru", "khmr", "knda", "laoo", "mlym", "mong", "mymr", "orya", "tamldec", "telu", "thai", "tibt"];
    for (const numberingSystem of systems) {
      const format = new Intl.NumberFormat("en-GB", { numberingSystem, useGrouping: false });
      for (let d = 0; d <= 9; d++) expect(normaliseForScreening(format.format(d)).text, numberingSystem).toBe(String(d));
    }
  });

  it("gives each Unicode decimal digit its value", () => {
    expect(asciiDigit(0x0669)).toBe("9");
    expect(asciiDigit(0x096a)).toBe("4");
    expect(asciiDigit(0x1d7ce + 17)).toBe("7"); // mathematical digits: five sets back to back
  });

  it("maps dashes, minus signs and ideographic full stops to ASCII", () => {
    expect(normaliseForScreening("943\u2013476\u2212591\u2011 9\u3002").text).toBe("943-476-591- 9.");
  });

  it("composes combining marks and keeps letters' case", () => {
    const normalised = normaliseForScreening("Zoe\u0308 and ZOË");
    expect(normalised.text).toBe("Zoë and ZOË");
    expect(normalised.toOriginal(0, 3)).toEqual({ start: 0, end: 4 });
  });

  it("maps every normalised span back inside the original, in order", () => {
    const piece = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 4 }),
      fc.string({ unit: "binary", maxLength: 3 }),
      fc.constantFrom(...INVISIBLES, "\uFB01", "\u2474", "\u3392", "\uFF19", "e\u0301", "\u00A0"),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }).map((p) => p.join("")), fc.nat(), fc.nat(), (original, a, b) => {
        const normalised = normaliseForScreening(original);
        const length = normalised.text.length;
        const start = length ? a % (length + 1) : 0;
        const end = start + (length - start ? b % (length - start + 1) : 0);
        const span = normalised.toOriginal(start, end);
        expect(span.start).toBeGreaterThanOrEqual(0);
        expect(span.end).toBeGreaterThanOrEqual(span.start);
        expect(span.end).toBeLessThanOrEqual(original.length);
      }),
    );
  });
});

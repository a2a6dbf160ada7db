import { describe, expect, it } from "vitest";
import { compilePattern, matchAt } from "../../../domain/safeguarding/patterns";
import { tokenise } from "../../../domain/safeguarding/text";

const concepts = new Map<string, string[]>([
  ["carer", ["mum", "dad", "mum boyfriend"]],
  ["hurt", ["hit", "punch"]],
  ["nested", ["@carer", "uncle"]],
]);

function matches(pattern: string, text: string): boolean {
  const compiled = compilePattern(pattern, concepts);
  const tokens = tokenise(text);
  return tokens.some((_, i) => matchAt(tokens, compiled, i) >= 0);
}

describe("the indicator pattern language", () => {
  it("matches words by lemma", () => {
    expect(matches("@carer @hurt", "dad punched")).toBe(true);
    expect(matches("@carer @hurt", "mum's boyfriend hits")).toBe(true);
    expect(matches("@carer @hurt", "dad's hitting")).toBe(true);
  });

  it("allows a bounded gap, and with ! no new subject inside it", () => {
    expect(matches("@carer ~2 @hurt", "dad often hits")).toBe(true);
    expect(matches("@carer ~1 @hurt", "dad very often hits")).toBe(false);
    expect(matches("@carer ~2! @hurt", "mum says he hits")).toBe(false);
    expect(matches("@carer ~2 @hurt", "mum says he hits")).toBe(true);
  });

  it("never reaches across a sentence", () => {
    expect(matches("@carer ~5 @hurt", "I met dad. He hits the ball well")).toBe(false);
  });

  it("supports prefixes, phrases, alternatives and concepts inside concepts and phrases", () => {
    expect(matches("bruis*", "some bruising")).toBe(true);
    expect(matches("home_alone|no_one", "left home alone")).toBe(true);
    expect(matches("@nested", "uncle")).toBe(true);
    expect(matches("@nested", "mum")).toBe(true);
    expect(matches("by_@carer", "hurt by dad")).toBe(true);
  });

  it("refuses unknown concepts and cycles with a clear message", () => {
    expect(() => compilePattern("@nobody", concepts)).toThrow(/unknown concept @nobody/);
    expect(() => compilePattern("@loop", new Map([["loop", ["@loop"]]]))).toThrow(/refers to itself/);
  });
});

describe("tokenise", () => {
  it("opens contractions, joins hyphenated words and spells out text-speak", () => {
    expect(tokenise("doesn't").map((t) => t.word)).toEqual(["does", "not"]);
    expect(tokenise("self-harm").map((t) => t.word)).toEqual(["self", "harm"]);
    expect(tokenise("cos u r").map((t) => t.word).slice(0, 2)).toEqual(["because", "you"]);
  });

  it("numbers sentences and clauses", () => {
    const tokens = tokenise("he is fine, but scared. next");
    expect(tokens.map((t) => t.sentence)).toEqual([0, 0, 0, 0, 0, 1]);
    expect(new Set(tokens.slice(0, 5).map((t) => t.clause)).size).toBeGreaterThan(1);
  });
});

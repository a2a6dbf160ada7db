import fc from "fast-check";
import { validNhsNumber, validUln, validUpn } from "../../domain/pupilData/generators";

/*
 * Generators shared by both properties: the awkward values any field may receive, whether it is
 * an activity's or a card's.
 */

/** A value once in `every` draws, else undefined. */
export const sometimes = <T>(arb: fc.Arbitrary<T>, every: number): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: every - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

/** Control characters, unpaired surrogates, bidi overrides, zero-width and combining characters, emoji, other scripts. */
const ODD_STRINGS = [
  "", " ", "\t", "\r\n", "\u0000", "a\u0007b", "\u001b[31mred", "\u007f", "\u0085", "\u009f", "\uD800", "\uDC00", "x\uD83Dy", "\uDE00\uD83D", "\u202Eevil", "\u200B",
  "\uFEFF", "e\u0301\u0301\u0301", "👩‍👩‍👧‍👦", "𝒜𝓈𝓀", "\u2028\u2029", "İıßǅ", "日本語のテキスト", "مرحبا", "<at>SEND Early Help</at>", "<script>alert(1)</script>", "%00%0d%0a",
  "../../etc/passwd", "a/b\\c#d?e", "'; DROP TABLE x; --", "${process.exit()}", "__proto__", "constructor", "null", "undefined", "NaN", "[object Object]",
];
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
export const oddString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...ODD_STRINGS),
  fc.string({ unit: codeUnit, maxLength: 40 }), // any UTF-16 code units, lone surrogates included
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ maxLength: 20 }),
);
/** Strings at and just past each limit the activity schema and the card schemas set. */
const LENGTHS = [128, 129, 512, 513, 1024, 1025, 2001, 2049, 4001, 27_999, 28_001, 100_000];
const FILLS = ["a", "é", "😀", " ", "\u0000", "Reading support "];
// Indexes, not constantFrom: an integer shrinks by halving, so a failure shrinks to the shortest length that fails.
export const longString: fc.Arbitrary<string> = fc
  .tuple(fc.nat(LENGTHS.length - 1), fc.nat(FILLS.length - 1))
  .map(([i, j]) => {
    const n = LENGTHS[i] ?? 0;
    const c = FILLS[j] ?? "a";
    return c.repeat(Math.ceil(n / c.length)).slice(0, n); // a cut emoji leaves an unpaired surrogate
  });
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant({}),
  fc.constant([]),
  fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);
/** Pupil identifiers (valid check digits) as someone might type them. */
export const pupilText: fc.Arbitrary<string> = fc.oneof(
  fc.constant("NHS number 943 476 5919"),
  validNhsNumber.map((n) => `Ask the OT about NHS number ${n} before the review.`),
  validUpn.map((u) => `His UPN is ${u}.`),
  validUln.map((u) => `ULN ${u}`),
);

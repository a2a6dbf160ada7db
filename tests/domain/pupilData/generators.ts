import fc from "fast-check";

/**
 * fast-check generators for the property tests: valid identifiers (check digits computed here,
 * independently of the code under test), disguises and surrounding text.
 */

function weightedSum(digits: number[]): number {
  return digits.slice(0, 9).reduce((sum, d, i) => sum + d * (10 - i), 0);
}

/** Valid NHS numbers: nine digits (first not 0, which is a phone number's), then 11 - (sum mod 11), where 11 means 0 and 10 is impossible. */
export const validNhsNumber = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }))
  .map(([first, rest]) => [first, ...rest])
  .filter((digits) => 11 - (weightedSum(digits) % 11) !== 10)
  .map((digits) => {
    const check = 11 - (weightedSum(digits) % 11);
    return [...digits, check === 11 ? 0 : check].join("");
  });

/** Valid ULNs: nine digits (first not 0), then 10 - (sum mod 11), which must be a single digit. */
export const validUln = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }))
  .map(([first, rest]) => [first, ...rest])
  .filter((digits) => weightedSum(digits) % 11 !== 0)
  .map((digits) => [...digits, 10 - (weightedSum(digits) % 11)].join(""));

const UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";

/** Valid UPNs: a check letter, eleven digits, and a digit or (temporary UPN) a letter. */
export const validUpn = fc
  .tuple(
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 11, maxLength: 11 }),
    fc.oneof(fc.integer({ min: 0, max: 9 }).map(String), fc.constantFrom(...UPN_LETTERS)),
  )
  .map(([digits, last]) => {
    const values = [...digits, /\d/.test(last) ? Number(last) : UPN_LETTERS.indexOf(last)];
    const sum = values.reduce((total, value, i) => total + value * (i + 2), 0);
    return `${UPN_LETTERS[sum % 23] ?? ""}${digits.join("")}${last}`;
  });

/** The zero of decimal digit sets in many scripts, ASCII and full-width included (two outside the BMP). */
export const DIGIT_ZEROS = [
  0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xe50, 0xed0, 0xf20, 0x1040,
  0x17e0, 0x1810, 0x1946, 0x19d0, 0x1b50, 0xa8d0, 0xa9d0, 0xff10, 0x104a0, 0x1d7ce, 0x1d7d8, 0x1d7f6,
];

/** Invisible characters a disguise can slip between any two characters. */
export const INVISIBLES = ["\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD"];

/** Visible separators between digit groups: plain and Unicode spaces, hyphens and dashes, dots. */
export const VISIBLE_SEPARATORS = [" ", "  ", "\u2009", "\u202F", "\u00A0", "\u3000", "\u2007", "\t", "-", "\u2013", "\u2011", ".", " - ", " . ", "\u00A0-\u00A0"];

/** What goes between two characters of an identifier: nothing (mostly), a visible separator, invisible characters, or both. */
export const gap = fc.oneof(
  { weight: 4, arbitrary: fc.constant("") },
  { weight: 2, arbitrary: fc.constantFrom(...VISIBLE_SEPARATORS) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...INVISIBLES), { minLength: 1, maxLength: 3 }).map((chars) => chars.join("")) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...INVISIBLES), fc.constantFrom(...VISIBLE_SEPARATORS), fc.constantFrom("", ...INVISIBLES))
      .map((parts) => parts.join("")),
  },
);

/** Each digit in a script of its own: `scripts[i]` picks the zero for digit i. */
export function inScripts(value: string, scripts: number[]): string {
  return [...value]
    .map((char, i) => {
      if (char < "0" || char > "9") return char;
      const zero = DIGIT_ZEROS[(scripts[i] ?? 0) % DIGIT_ZEROS.length] ?? 0x30;
      return String.fromCodePoint(zero + Number(char));
    })
    .join("");
}

/** A letter as typed, in lower case, or full-width. */
export function letterVariant(letter: string, variant: number): string {
  if (variant % 3 === 1) return letter.toLowerCase();
  if (variant % 3 === 2) return String.fromCodePoint(0xff21 + letter.charCodeAt(0) - 65);
  return letter;
}

/** Joins characters with the given gaps (gaps[i] goes after character i). */
export function interleave(chars: string[], gaps: string[]): string {
  return chars.map((char, i) => (i < chars.length - 1 ? char + (gaps[i] ?? "") : char)).join("");
}

const FILLER = [
  "Year 4", "pupil", "he", "she", "struggles", "with", "reading", "école", "число", "数字", "مرحبا", "😊", "(see", "note)",
  "is", "a", "the", "12 pupils", "2024", "10:30", "85%", "on", "roll", "Mrs Patel", "x@y", "KS2", "Y6", "SN15", "£45", "réf.",
];
const words = fc.array(fc.oneof(fc.constantFrom(...FILLER), fc.string({ unit: "grapheme", maxLength: 6 })), { maxLength: 6 }).map((w) => w.join(" "));

/**
 * Text before and after an identifier, joined to it by something that cannot be part of a number
 * or a word (a colon, " is ", a bracket, a new line), so the identifier's span is well defined.
 */
export const surroundings = fc.record({
  before: words,
  opening: fc.constantFrom(": ", " is ", " (", "\n", ", ", " = "),
  closing: fc.constantFrom(". ", ", ", ") ", " is ", "\n", "! ", "? "),
  after: words,
});

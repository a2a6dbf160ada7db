/**
 * Undoes the disguises that would let an identifier past the detectors, while remembering where
 * each character came from so that findings point at the text as it was written:
 * - Unicode NFKC (full-width "９４３" and "ＵＰＮ", ligatures, compatibility spaces);
 * - every decimal digit of any script (Arabic-Indic, Devanagari, Bengali, Thai...) to ASCII;
 * - invisible format characters removed (zero-width space and joiners, word joiner, byte order
 *   mark, soft hyphen, and every other default-ignorable code point);
 * - every space-like character (no-break, thin, narrow no-break, ideographic, tabs) to a plain
 *   space, line and paragraph separators to "\n", dashes and minus signs to "-", ideographic
 *   full stops to ".".
 * Letters keep their case: the name detector needs it.
 */

export interface NormalisedText {
  /** the normalised text the detectors read */
  text: string;
  /** the [start, end) in the original text that produced normalised [start, end) */
  toOriginal(start: number, end: number): { start: number; end: number };
}

const PLAIN = /^[\x20-\x7e\n]*$/;
const IGNORABLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;
const MARK = /\p{M}/u;
const DECIMAL_DIGIT = /\p{Nd}/u;
const SPACE = /[\p{Zs}\t]/u;
const LINE_BREAK = /[\p{Zl}\p{Zp}\r\v\f\u0085]/u;
const DASH = /[\p{Pd}\u2212\uFE63\uFF0D]/u;
const FULL_STOP = /[\u3002\uFF61\uFE52]/u;

const digitValues = new Map<number, string>();

/**
 * The ASCII digit for any Unicode decimal digit. Unicode keeps every decimal digit set in a
 * contiguous run of ten from zero to nine (sets may sit back to back), so the value is how many
 * decimal digits precede this one in its run, modulo ten.
 */
export function asciiDigit(codePoint: number): string {
  const known = digitValues.get(codePoint);
  if (known !== undefined) return known;
  let before = 0;
  while (before < 100 && DECIMAL_DIGIT.test(String.fromCodePoint(codePoint - before - 1))) before++;
  const digit = String(before % 10);
  digitValues.set(codePoint, digit);
  return digit;
}

/** One code point after NFKC: the characters it stands for in the normalised text. */
function mapCodePoint(char: string): string {
  const codePoint = char.codePointAt(0) ?? 0;
  if (codePoint < 0x80) return char === "\t" ? " " : char === "\r" || char === "\v" || char === "\f" ? "\n" : char;
  if (DECIMAL_DIGIT.test(char)) return asciiDigit(codePoint);
  if (SPACE.test(char)) return " ";
  if (LINE_BREAK.test(char)) return "\n";
  if (DASH.test(char)) return "-";
  if (FULL_STOP.test(char)) return ".";
  return char;
}

const IDENTITY = (start: number, end: number): { start: number; end: number } => ({ start, end });

export function normaliseForScreening(original: string): NormalisedText {
  if (PLAIN.test(original)) return { text: original, toOriginal: IDENTITY };
  let text = "";
  // For each UTF-16 unit of the normalised text, the original span of the character it came from.
  const originStart: number[] = [];
  const originEnd: number[] = [];
  let i = 0;
  while (i < original.length) {
    // A segment is one code point and the combining marks after it, so NFKC can compose them.
    const segmentStart = i;
    i += (original.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
    while (i < original.length) {
      const next = original.codePointAt(i) ?? 0;
      // Combining marks start at U+0300, so the common case needs no regular expression.
      if (next < 0x300 || !MARK.test(String.fromCodePoint(next))) break;
      i += next > 0xffff ? 2 : 1;
    }
    const segment = original.slice(segmentStart, i);
    const visible = segment.length === 1 && segment < "\x80" ? segment : segment.replace(IGNORABLE, "").normalize("NFKC");
    for (const char of visible) {
      const mapped = mapCodePoint(char);
      text += mapped;
      for (let unit = 0; unit < mapped.length; unit++) {
        originStart.push(segmentStart);
        originEnd.push(i);
      }
    }
  }
  return {
    text,
    toOriginal(start: number, end: number) {
      if (end <= start) {
        const at = originStart[start] ?? original.length;
        return { start: at, end: at };
      }
      return { start: originStart[start] ?? original.length, end: originEnd[end - 1] ?? original.length };
    },
  };
}

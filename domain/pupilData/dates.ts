import type { Candidate } from "./types";

/**
 * Dates of birth in normalised text: a full date (numeric, ISO, or with a month name) beside a
 * birth word. Numeric dates may have spaces around their separators ("12 / 03 / 2017",
 * "12. 03. 2017") or only spaces ("DOB 12 03 2017"). Every pattern is linear: the optional spaces
 * are bounded and digits, separators and spaces are disjoint.
 */

const MONTHS =
  "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
const NUMERIC_DATE = /(?<!\d ?|[/.-])(\d{1,2}) {0,2}([/.-]) {0,2}(\d{1,2}) {0,2}\2 {0,2}(\d{4}|\d{2})(?![\d/]|[.-]\d| {0,2}[/-] {0,2}\d)/g;
// "DOB 12 03 2017", "dob 03 03 16": only ever counted beside a birth word.
const SPACED_DATE = /(?<!\d ?|[/.-])(\d{1,2}) {1,2}(\d{1,2}) {1,2}(\d{4}|\d{2})(?! {0,2}[\d/.-]|[.-]\d)/g;
// "2016-03-03", "2017/09/14", "2016.03.03"
const ISO_DATE = /(?<![\d/.-])(\d{4}) {0,2}([-/.]) {0,2}(\d{1,2}) {0,2}\2 {0,2}(\d{1,2})(?![\d/.-]\d|\d)/g;
// "3/iii/2016": a Roman numeral month.
const ROMAN_DATE = /(?<![\d/.-])(\d{1,2}) {0,2}([/.-]) {0,2}(?:i{1,3}|iv|vi{0,3}|ix|xi{0,2}) {0,2}\2 {0,2}(?:\d{4}|\d{2})(?![\p{L}\d])/giu;
const UNITS = "one|two|three|four|five|six|seven|eight|nine";
const ORDINAL_UNITS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth";
const TEENS =
  "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|tenth|eleventh|twelfth|" +
  "thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth";
/** A day written in words: "twelve", "third", "twenty-first", "thirty first". */
const DAY_WORDS = `(?:(?:twenty|thirty)[- ]?(?:${ORDINAL_UNITS}|${UNITS})|${TEENS}|twenty|thirty|${ORDINAL_UNITS}|${UNITS})`;
/** A year: "2016", "'16", or in words ("two thousand and sixteen", "twenty sixteen"). */
const YEAR = `(?:\\d{4}|['’]\\d{2}|two thousand(?: and)? (?:${TEENS}|twenty|${UNITS})|twenty (?:${TEENS}|twenty(?:[- ](?:${UNITS}))?))`;
const DAY = `(?:\\d{1,2}(?:st|nd|rd|th)?|${DAY_WORDS})`;
// Between day, month and year: spaces, or a hyphen, slash or dot ("14-Feb-2017").
const SEP = "(?:\\s+|\\s?[-/.]\\s?)";
const DAY_MONTH_YEAR = new RegExp(`(?<![\\p{L}\\p{N}])${DAY}(?:\\s+of)?${SEP}(?:${MONTHS})\\.?,?${SEP}${YEAR}(?![\\p{L}\\p{N}])`, "giu");
const MONTH_DAY_YEAR = new RegExp(`(?<![\\p{L}\\p{N}])(?:${MONTHS})\\.?\\s+(?:the\\s+)?${DAY},?\\s+${YEAR}(?![\\p{L}\\p{N}])`, "giu");

interface DateSpan {
  start: number;
  end: number;
}

function validDayMonth(day: number, month: number): boolean {
  return day >= 1 && day <= 31 && month >= 1 && month <= 12;
}

function findFullDates(text: string): DateSpan[] {
  const dates: DateSpan[] = [];
  const add = (m: RegExpMatchArray & { index: number }): void => void dates.push({ start: m.index, end: m.index + m[0].length });
  for (const m of text.matchAll(NUMERIC_DATE)) if (validDayMonth(Number(m[1]), Number(m[3]))) add(m);
  for (const m of text.matchAll(SPACED_DATE)) if (validDayMonth(Number(m[1]), Number(m[2]))) add(m);
  for (const m of text.matchAll(ISO_DATE)) if (validDayMonth(Number(m[4]), Number(m[3]))) add(m);
  for (const m of text.matchAll(ROMAN_DATE)) if (validDayMonth(Number(m[1]), 1)) add(m);
  // A numeric day above 31 is not a day; a day in words always is.
  for (const m of text.matchAll(DAY_MONTH_YEAR)) if (!/^\d/.test(m[0]) || validDayMonth(parseInt(m[0], 10), 1)) add(m);
  for (const m of text.matchAll(MONTH_DAY_YEAR)) add(m);
  return dates;
}

const BIRTH_CUE = /\b(?:d\.?\s?o\.?\s?b|date\s+of\s+birth|birth\s?date|birth\s?day|b['’]?day|born)\b\.?/gi;
// "(b. 2016-03-03)", "b. 14/09/2017": "b." right before the date.
const B_DOT_BEFORE = /(?:^|[\s([,;])b\.\s{0,2}$/i;
const BIRTH_CUE_AFTER = /^\s*[([,-]?\s*(?:d\.?\s?o\.?\s?b\b|date\s+of\s+birth|birth\s?date|born\b)/i;
// Words between a birth cue and a date that show the date is about something else.
const UNRELATED_GAP =
  /\b(?:and|but|review\w*|met|meet\w*|seen|assess\w*|file|withheld|since|start\w*|join\w*|arriv\w*|mov\w*|came|until|from|visit\w*|diagnos\w*|refer\w*|party|celebrat\w*|card|present|trip|next|last)\b/i;

/**
 * A full date counts as a date of birth only beside a birth word: "DOB 12/03/2017", "born on
 * 3 March 2017", "12.03.17 (d.o.b.)". Plain dates ("reviewed on 12/03/2025") are not identifiers.
 */
export function findDatesOfBirth(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const date of findFullDates(text)) {
    let window = text.slice(Math.max(0, date.start - 60), date.start);
    // Only the current sentence counts; "d.o.b." has dots but no capital after them.
    const lastBreak = Math.max(...[...window.matchAll(/[!?;\n]|\.\s+(?=\p{Lu})/gu)].map((b) => b.index + b[0].length), -1);
    if (lastBreak >= 0) window = window.slice(lastBreak);
    const cues = [...window.matchAll(BIRTH_CUE)];
    const cue = cues.at(-1);
    let isBirthDate = false;
    if (cue) {
      const gap = window.slice(cue.index + cue[0].length);
      const words = gap.match(/[\p{L}']+/gu) ?? [];
      const maxWords = /^born$/i.test(cue[0]) ? 5 : 3;
      isBirthDate = words.length <= maxWords && !UNRELATED_GAP.test(gap);
    }
    if (!isBirthDate) isBirthDate = B_DOT_BEFORE.test(text.slice(Math.max(0, date.start - 6), date.start));
    if (!isBirthDate) isBirthDate = BIRTH_CUE_AFTER.test(text.slice(date.end, date.end + 25));
    if (isBirthDate) found.push({ kind: "date-of-birth", start: date.start, end: date.end, confidence: "high" });
  }
  return found;
}

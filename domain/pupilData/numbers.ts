import { digitsOf, isValidNhsNumber, isValidUln, isValidUpn } from "./checkDigits";
import type { Candidate, Confidence, PupilIdentifierKind } from "./types";

/**
 * Unique pupil numbers, ten-digit numbers (NHS number or ULN) and phone numbers, in normalised
 * text (ASCII digits, plain spaces, no invisible characters: see normalise.ts). Digits may come
 * in groups split by spaces, hyphens or dots ("943 476 5919", "943.476.5919", "9 4 3 4 7 6 5 9 1 9",
 * "H801-2000-01001"). Every pattern is linear: separators and digits are disjoint and repeats of
 * optional parts are bounded.
 */

// What may sit between two digits of one number: one or two spaces, or a hyphen or dot with at most one space each side.
const SEP = "(?: {1,2}| ?[-.] ?)";

// A letter, eleven digits and a digit or letter, with or without separators between them, not
// running into more letters or digits.
const UPN_SHAPE = new RegExp(`(?<![\\p{L}\\p{N}])[A-Za-z](?:${SEP}?\\d){11}${SEP}?[0-9A-Za-z](?![\\p{L}\\p{N}])`, "gu");
// After a UPN split into groups, " 5", "-5" or ".5" would continue the number; ". 5" ends a sentence.
const CONTINUES_NUMBER = /^(?: {1,2}|[-.]| [-.] ?)\d/;
const UPN_LABEL = /\b(?:upn|pupil\s+(?:number|no))\b/;

/**
 * A letter followed by eleven digits and a digit or letter is flagged whether or not the check
 * letter works out: nothing else a SENCO writes has that shape, and a mistyped UPN still
 * identifies the child to anyone with the school's records. The check letter only sets
 * confidence. Split into groups ("H 8012 0000 1001"), the shape is common enough by chance that
 * it needs the check letter, or a "UPN" label just before it and no more digits just after it.
 */
export function findUpns(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(UPN_SHAPE)) {
    const value = match[0];
    const valid = isValidUpn(value);
    const end = match.index + value.length;
    if (value.length !== 13 && !valid) {
      const before = text.slice(Math.max(0, match.index - 40), match.index).toLowerCase();
      if (!UPN_LABEL.test(before) || CONTINUES_NUMBER.test(text.slice(end, end + 4))) continue;
    }
    found.push({ kind: "upn", start: match.index, end, confidence: valid ? "high" : "possible" });
  }
  return found;
}

// A leading 0 (or +44 / 0044), then 9 or 10 more digits with one dot, or at most three spaces,
// hyphens or closing brackets, between digits. Not the middle of a longer run of spaced digits
// ("1 0 7700 ..."), and not across a sentence end ("... 08. 0") or a line break. Digits and
// separators are disjoint, so matching is deterministic.
const PHONE =
  /(?<![\w+]|\d[ .-]{1,3})(?:(?:\+|00)44[ -]?(?:\(0\)[ -]?)?|\(?0(?:\.|[ )-]{1,3})?)(?:\d(?:\.|[ )-]{1,3})?){9,10}(?!\d)/g;

export function findPhones(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(PHONE)) {
    const value = match[0].replace(/[ ).-]+$/, "");
    const international = /^(?:\+|00)44/.test(value);
    const digits = digitsOf(international ? value.replace(/^(?:\+|00)44/, "").replace("(0)", "") : value);
    const national = international ? [0, ...digits] : digits;
    if (national.length < 10 || national.length > 11 || national[1] === 0) continue;
    found.push({ kind: "phone-number", start: match.index, end: match.index + value.length, confidence: "high" });
  }
  return found;
}

interface DigitGroup {
  start: number;
  end: number;
  /** the characters between the previous group of the same number and this one */
  gapBefore: string;
}

const DIGIT_GROUP = /\d+/g;
const GROUP_GAP = /^(?: {1,2}| ?[-.] ?)$/;
/** Characters that make a digit group part of something else when they touch it: a word, money, a fraction. */
const ATTACHED_BEFORE = /[\p{L}\p{N}_.,/£$€+-]/u;
const ATTACHED_AFTER = /[\p{L}\p{N}_/]/u;
const NUMBER_LABEL = /\b(?:nhs|health\s+(?:service\s+)?number)\b|\b(?:uln|learner\s+(?:number|no))\b/gi;

/** Digit groups joined by separators into runs that could be one number. Linear in the text. */
function digitRuns(text: string): DigitGroup[][] {
  const runs: DigitGroup[][] = [];
  let run: DigitGroup[] = [];
  for (const match of text.matchAll(DIGIT_GROUP)) {
    const previous = run.at(-1);
    const gap = previous ? text.slice(previous.end, match.index) : "";
    if (previous && !(gap.length <= 3 && GROUP_GAP.test(gap))) {
      runs.push(run);
      run = [];
    }
    run.push({ start: match.index, end: match.index + match[0].length, gapBefore: run.length ? gap : "" });
  }
  if (run.length) runs.push(run);
  return runs;
}

/** A number may start or end between two groups only where a space separates them ("5919 12"), not at "12.03". */
function cuttable(gap: string): boolean {
  return gap.includes(" ");
}

function canStartAt(text: string, run: DigitGroup[], index: number): boolean {
  if (index > 0) return cuttable(run[index]?.gapBefore ?? "");
  const start = run[0]?.start ?? 0;
  return start === 0 || !ATTACHED_BEFORE.test(text[start - 1] ?? "");
}

function canEndAt(text: string, run: DigitGroup[], index: number): boolean {
  if (index < run.length - 1) return cuttable(run[index + 1]?.gapBefore ?? "");
  const end = run[index]?.end ?? 0;
  const next = text[end] ?? "";
  return !ATTACHED_AFTER.test(next) && !(/[.,-]/.test(next) && /\d/.test(text[end + 1] ?? ""));
}

interface Label {
  start: number;
  end: number;
  kind: PupilIdentifierKind;
}

/** Every "NHS" or "ULN" label in the text, in order: found once, so each number's look-up is cheap. */
function numberLabels(text: string): Label[] {
  return [...text.matchAll(NUMBER_LABEL)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    kind: /nhs|health/i.test(m[0]) ? "nhs-number" : "uln",
  }));
}

/** The nearest label in the 40 characters before a number: "NHS 943 476 5919, ULN 4010232136" labels each separately. */
function labelBefore(labels: Label[], start: number): PupilIdentifierKind | undefined {
  // Binary search for the last label ending by the number's start.
  let low = 0;
  let high = labels.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((labels[middle]?.end ?? Infinity) <= start) low = middle + 1;
    else high = middle;
  }
  const nearest = labels[low - 1];
  return nearest && nearest.start >= start - 40 ? nearest.kind : undefined;
}

/** Ten digits in groups of 3, 3 and 4 with one separator throughout: how NHS numbers are printed. */
function isPrintedNhsShape(groups: DigitGroup[]): boolean {
  const lengths = groups.map((g) => g.end - g.start).join(",");
  return lengths === "3,3,4" && groups[1]?.gapBefore === groups[2]?.gapBefore;
}

/**
 * Ten-digit numbers. The check digit decides between NHS number and ULN (a number cannot pass
 * both: the two checks need different remainders). A label nearby ("NHS", "ULN") overrides the
 * check, since a mistyped number keeps its label. A number passing neither is still flagged, as a
 * possible NHS number, when it is written as one (unbroken, 3-3-4, or every digit spaced): every
 * child has one from birth whereas a ULN only starts at 14, and the explanation names both. Ten
 * digits split any other way need a check digit or a label. Numbers starting with 0 are left to
 * the phone detector.
 */
export function findTenDigitNumbers(text: string): Candidate[] {
  const found: Candidate[] = [];
  const labels = numberLabels(text);
  for (const run of digitRuns(text)) {
    let first = 0;
    while (first < run.length) {
      const accepted = canStartAt(text, run, first) ? tenDigitsFrom(text, run, first, labels) : undefined;
      if (!accepted) {
        first++;
        continue;
      }
      found.push(accepted.candidate);
      first = accepted.last + 1;
    }
  }
  return found;
}

function tenDigitsFrom(
  text: string,
  run: DigitGroup[],
  first: number,
  labels: Label[],
): { candidate: Candidate; last: number } | undefined {
  const firstGroup = run[first];
  if (!firstGroup || text[firstGroup.start] === "0") return undefined;
  let digits = 0;
  let last = first;
  for (; last < run.length && digits < 10; last++) {
    const group = run[last];
    if (group) digits += group.end - group.start;
  }
  last--;
  if (digits !== 10 || !canEndAt(text, run, last)) return undefined;
  const groups = run.slice(first, last + 1);
  const start = firstGroup.start;
  const end = groups.at(-1)?.end ?? start;
  const value = text.slice(start, end);
  const label = labelBefore(labels, start);
  const nhsValid = isValidNhsNumber(value);
  const ulnValid = isValidUln(value);
  const wholeRun = first === 0 && last === run.length - 1;
  const writtenAsNumber =
    groups.length === 1 || isPrintedNhsShape(groups) || (wholeRun && groups.every((g) => g.end - g.start === 1));
  let kind: PupilIdentifierKind;
  let confidence: Confidence;
  if (label !== undefined) [kind, confidence] = [label, "high"];
  else if (nhsValid) [kind, confidence] = ["nhs-number", "high"];
  else if (ulnValid) [kind, confidence] = ["uln", "high"];
  else if (writtenAsNumber) [kind, confidence] = ["nhs-number", "possible"];
  else return undefined;
  return { candidate: { kind, start, end, confidence }, last };
}

import {
  AMBIGUOUS_NAMES,
  FIRST_NAMES,
  LABELS,
  MID_SENTENCE_NAMES,
  NAMED_THINGS,
  NOT_NAMES,
  NOT_PUPILS,
  PERSON_NOUNS,
  PLACE_WORDS,
  THING_SUBJECTS,
  TITLES,
  foldName,
  isCompoundName,
  isListedName,
} from "./nameWords";
import { FAMILY_AFTER_POSSESSIVE, LOWER_CASE_NAME_CUES, isLowerCaseName, personVerbFollows } from "./nameRules";
import type { Candidate } from "./types";

/**
 * Names in normalised text (NFKC, invisible characters removed, so "Pre\u200Bcious" reads as
 * "Precious"). A capitalised word is a name when it is a listed first name, a flower-or-virtue
 * name in mid-sentence, follows a cue ("called", "Name:", "my son"), or has a year group right
 * after it ("Kemi (Year 2)"). Titles (staff), place words ("Willow Class"), named programmes and
 * known titles ("Harry Potter") are not pupils.
 */

interface Token {
  text: string;
  /** folded (lower case, no accents: see foldName), with a trailing possessive removed */
  key: string;
  start: number;
  /** end of the name part (before any possessive 's) */
  end: number;
  /** the characters between the previous token and this one */
  gapBefore: string;
  /** "Sam's": a possessive ends a name, so "Sam's Mum" is not read as a surname */
  possessive: boolean;
}

const WORD = /[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*/gu;

function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  let previousEnd = 0;
  for (const match of text.matchAll(WORD)) {
    const possessive = /['’]s$/i.test(match[0]);
    const nameText = possessive ? match[0].slice(0, -2) : match[0];
    tokens.push({
      text: nameText,
      key: foldName(nameText),
      start: match.index,
      end: match.index + nameText.length,
      gapBefore: text.slice(previousEnd, match.index),
      possessive,
    });
    previousEnd = match.index + match[0].length;
  }
  return tokens;
}

function isCapitalisedWord(token: Token): boolean {
  // "Sam", "O'Neill", "McDonald", "Smith-Jones"; not "ADHD", "SATs" or "KS2".
  return /^\p{Lu}(?:\p{Ll}|['’-]\p{Lu})[\p{L}\p{M}'’-]*$/u.test(token.text) && /\p{Ll}$/u.test(token.text);
}

function isSentenceStart(tokens: Token[], index: number): boolean {
  if (index === 0) return true;
  return /[.!?:\n]/.test(tokens[index]?.gapBefore ?? "");
}

/** A capitalised word that could be part of a name (first name or surname) after a cue. */
function couldBeName(token: Token | undefined): boolean {
  return token !== undefined && isCapitalisedWord(token) && !NOT_NAMES.has(token.key) && !TITLES.has(token.key);
}

function separatedBySpace(token: Token | undefined): boolean {
  return token !== undefined && /^[ \t]{1,2}$/.test(token.gapBefore);
}

/** "Mrs Patel", "Mr. Jones", "Mrs Emma Patel": a title before the chain of capitalised words. */
function followsTitle(tokens: Token[], first: number): boolean {
  // Names are at most three words, so a title further back than that belongs to someone else.
  for (let back = first; back > 0 && first - back < 3; back--) {
    const previous = tokens[back - 1];
    const gap = tokens[back]?.gapBefore ?? "";
    if (!previous) return false;
    if (TITLES.has(previous.key) && /^\.?[ \t]{1,2}$/.test(gap)) return true;
    if (!/^[ \t]{1,2}$/.test(gap) || !isCapitalisedWord(previous) || NOT_NAMES.has(previous.key)) return false;
  }
  return false;
}

/**
 * From a first-name token, extends over up to two more capitalised words ("Amelia Rose Smith").
 * Returns undefined when the name follows a title (staff) or names a place, class or condition.
 */
function nameSpanFrom(tokens: Token[], first: number): { start: number; end: number; last: number } | undefined {
  const firstToken = tokens[first];
  if (!firstToken || followsTitle(tokens, first)) return undefined;
  let last = first;
  while (
    last - first < 2 &&
    !tokens[last]?.possessive &&
    separatedBySpace(tokens[last + 1]) &&
    couldBeName(tokens[last + 1]) &&
    !PLACE_WORDS.has(tokens[last + 1]?.key ?? "")
  ) {
    last++;
  }
  const next = tokens[last + 1];
  if (next && !tokens[last]?.possessive && separatedBySpace(next) && PLACE_WORDS.has(next.key)) return undefined;
  return { start: firstToken.start, end: tokens[last]?.end ?? firstToken.end, last };
}

const YEAR_GROUP_AFTER = /^\s*(?:\(\s*(?:year|yr|y)\s?\d{1,2}\b|\(\s*(?:reception|nursery)\b|\(\s*aged?\s+\d|\(\s*\d{1,2}\s*(?:\)|years?\b|yrs?\b)|,\s*(?:year|yr|y)\s?\d{1,2}\s*,|,\s*aged?\s+\d)/i;
const IN_YEAR_GROUP_AFTER = /^\s+(?:is\s+)?(?:in\s+(?:year|yr|y)\s?\d{1,2}\b|a\s+(?:year|yr|y)\s?\d{1,2}\b|in\s+(?:reception|nursery)\b)/i;

/** Whether the cue before token `index` introduces a name, and whether a lower-case name is acceptable. */
function cueBefore(tokens: Token[], index: number): { cued: boolean; lowerCaseOk: boolean; lowerListedOk?: true } {
  const none = { cued: false, lowerCaseOk: false };
  const token = tokens[index];
  const previous = tokens[index - 1];
  const twoBack = tokens[index - 2];
  if (!token || !previous) return none;
  const gap = token.gapBefore;
  const plainGap = /^[ \t]{1,2}$/.test(gap);

  // "called Sam", "named Ava": unless the thing being called is a programme, app, group...
  if (plainGap && (previous.key === "called" || previous.key === "named")) {
    // "It's called Clicker", "this is called Thrive": a thing, not a child.
    const subject = twoBack?.key === "is" || twoBack?.key === "was" ? tokens[index - 3] : twoBack;
    if (subject && THING_SUBJECTS.has(subject.key)) return none;
    for (let k = index - 2; k >= Math.max(0, index - 5); k--) {
      const candidate = tokens[k];
      if (!candidate) break;
      if (NAMED_THINGS.has(candidate.key)) return none;
      if (/[.!?;\n]/.test(tokens[k + 1]?.gapBefore ?? "")) break;
    }
    return { cued: true, lowerCaseOk: true };
  }
  // "name is Tom", "name was Tom", "name's Tom", "known as Tom", "goes by Tom"
  if (plainGap && twoBack && /^[ \t]+$/.test(previous.gapBefore)) {
    if ((twoBack.key === "name" || twoBack.key === "names") && (previous.key === "is" || previous.key === "was" || previous.key === "are")) {
      return { cued: true, lowerCaseOk: true };
    }
    if ((twoBack.key === "known" && previous.key === "as") || (twoBack.key === "goes" && previous.key === "by")) {
      return { cued: true, lowerCaseOk: true };
    }
  }
  if (plainGap && previous.key === "name" && previous.possessive) {
    return { cued: true, lowerCaseOk: true };
  }
  // "Name: Sam Jones", "Pupil - Ava", "child's name: Ava"
  if (/^\s*[:–-]\s*$/.test(gap) && (LABELS.has(previous.key) || (previous.key === "name" && twoBack !== undefined))) {
    return { cued: true, lowerCaseOk: true };
  }
  // "pupil Amelia Smith", "my son Jack", "my son, Jack,"
  // A listed name typed in lower case still counts there: "my daughter maya", "a boy, rory,".
  if ((plainGap || /^,\s$/.test(gap)) && PERSON_NOUNS.has(previous.key)) return { cued: true, lowerCaseOk: false, lowerListedOk: true };
  // "about jayden", "re kofi": only listed names that are not also English words.
  if (plainGap && LOWER_CASE_NAME_CUES.has(previous.key)) return { cued: false, lowerCaseOk: false, lowerListedOk: true };
  return none;
}

/** "Temperance's grandmother", "Olek's mum": an unlisted capitalised word owning a family member. */
function isFamilyNext(tokens: Token[], index: number): boolean {
  const next = tokens[index + 1];
  return next !== undefined && /^[ \t]{1,2}$/.test(next.gapBefore) && FAMILY_AFTER_POSSESSIVE.has(next.key);
}

export function findNames(text: string): Candidate[] {
  const excluded = [...text.matchAll(NOT_PUPILS)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  return findNameCandidates(text).filter((c) => !excluded.some((e) => c.start < e.end && e.start < c.end));
}

function findNameCandidates(text: string): Candidate[] {
  const tokens = tokenise(text);
  const found: Candidate[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token) continue;
    const cue = cueBefore(tokens, i);
    const capitalised = couldBeName(token);
    let confidence: "high" | "possible" | undefined;
    const firstName = FIRST_NAMES.has(token.key) || isCompoundName(token.key);
    if (cue.cued && (capitalised || (cue.lowerCaseOk && (isListedName(token.key) || isCompoundName(token.key))))) confidence = "high";
    else if (capitalised && firstName && !AMBIGUOUS_NAMES.has(token.key)) confidence = "high";
    else if (capitalised && MID_SENTENCE_NAMES.has(token.key) && !isSentenceStart(tokens, i)) confidence = "high";
    else if (cue.lowerListedOk && !capitalised && /^\p{Ll}/u.test(token.text) && isLowerCaseName(token.key)) confidence = "high";
    else if (capitalised && !token.possessive && personVerbFollows(token.key, text.slice(token.end, token.end + 40))) confidence = "high";
    else if (capitalised && token.possessive && isFamilyNext(tokens, i)) confidence = "possible";
    else if (capitalised) {
      // Any other capitalised word is a name only with a year group right after it: "for Jack
      // (Year 3)", "Tyrese, Year 5,", "Kemi is in Year 2", or mid-sentence "... Kemi in Year 2".
      const span = nameSpanFrom(tokens, i);
      // A bounded look-ahead keeps this linear on long text.
      const after = span ? text.slice(span.end, span.end + 40).replace(/^['’]s\b/, "") : "";
      if (
        span &&
        (YEAR_GROUP_AFTER.test(after) ||
          /^\s+is\s+(?:in|a)\s+(?:year|yr|y)\s?\d/i.test(after) ||
          ((!isSentenceStart(tokens, i) || MID_SENTENCE_NAMES.has(token.key)) && IN_YEAR_GROUP_AFTER.test(after)))
      ) {
        confidence = "possible";
      }
    }
    if (!confidence) continue;
    const span = nameSpanFrom(tokens, i);
    if (!span) continue;
    found.push({ kind: "name", start: span.start, end: span.end, confidence });
    i = span.last;
  }
  return found;
}

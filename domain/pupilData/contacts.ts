import type { Candidate } from "./types";

/**
 * Postcodes and email addresses in normalised text, including addresses written to dodge a
 * filter: "name(at)example.com", "name [at] example [dot] com", "name at example dot com".
 * Every pattern is linear: runs are anchored by a look-behind so each is scanned once, and the
 * repeated parts of an address are bounded.
 */

// Every UK postcode area (plus Crown dependencies and the non-geographic BF/BX), so "KS2", "Y4"
// or "Yr6" can never read as a postcode.
const POSTCODE_AREAS = new Set(
  (
    "AB AL B BA BB BD BF BH BL BN BR BS BT BX CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY " +
    "E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU " +
    "M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW " +
    "SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE"
  ).split(" "),
);

const POSTCODE = /(?<![\p{L}\p{N}])([A-Za-z]{1,2})(\d[A-Za-z\d]?) {0,2}(\d[A-Za-z]{2})(?![\p{L}\p{N}])/gu;

export function findPostcodes(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(POSTCODE)) {
    const [whole, area = "", district = "", inward = ""] = match;
    if (!POSTCODE_AREAS.has(area.toUpperCase())) continue;
    if (!/^\d(?:\d|[A-Z])?$/i.test(district)) continue;
    // The inward code never uses C, I, K, M, O or V.
    if (/[CIKMOV]/i.test(inward.slice(1))) continue;
    // "Y6 2nd", "B1 3rd": an ordinal typed in lower case is not a postcode's inward code.
    if (/^(?:1st|2nd|3rd|\dth)$/.test(inward)) continue;
    found.push({ kind: "postcode", start: match.index, end: match.index + whole.length, confidence: "high" });
  }
  return found;
}

// Local part anchored at the start of its run so a long run without "@" is scanned once.
const EMAIL = /(?<![\w.%+'-])[\w.%+'-]+ {0,2}@ {0,2}[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

// "@" spelt out: "(at)", "[at]", "{at}", "<at>", or the word "at" between spaces.
const AT = "(?: {0,2}[([{<] {0,2}at {0,2}[)\\]}>] {0,2}| {1,2}at {1,2})";
// "." spelt out the same way, or a dot with spaces around it.
const DOT = "(?: {0,2}[([{<] {0,2}dot {0,2}[)\\]}>] {0,2}| {1,2}dot {1,2}| {0,2}\\. {0,2})";
const LABEL = "[A-Za-z0-9-]+";
const SPELT_OUT_EMAIL = new RegExp(
  `(?<![\\w%+'-])[\\w%+'-]+(?:${DOT}[\\w%+'-]+){0,3}${AT}${LABEL}(?:${DOT}${LABEL}){1,4}(?![\\w@])`,
  "gi",
);

const DOT_SEPARATOR = new RegExp(DOT, "i");

/** Last labels of a domain that show the "at ... dot ..." really is an address. */
const TOP_LEVEL_DOMAINS = new Set(
  (
    "com org net gov sch uk ac co edu info biz io me nhs ie eu de fr es it nl pl ro pt lt lv bg in pk bd ng gh " +
    "ke za ae sa tr cn hk jp kr ca au nz us email online"
  ).split(" "),
);
/** Webmail providers: "mum at gmail.com" is an address even with a real dot and the word "at". */
const WEBMAIL = new Set(
  "gmail googlemail hotmail outlook live yahoo ymail icloud me aol btinternet sky virginmedia talktalk msn protonmail proton gmx".split(" "),
);

export function findEmails(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(EMAIL)) {
    const value = match[0].replace(/[.-]+$/, "");
    if (!/\.[A-Za-z]{2,}$/.test(value)) continue;
    found.push({ kind: "email", start: match.index, end: match.index + value.length, confidence: "high" });
  }
  // A spelt-out match that turns out not to be an address must not hide one that starts inside
  // it ("mum at kerry.smith@live.co.uk"), so scanning resumes just after its start.
  SPELT_OUT_EMAIL.lastIndex = 0;
  for (let match = SPELT_OUT_EMAIL.exec(text); match; match = SPELT_OUT_EMAIL.exec(text)) {
    const value = match[0];
    if (isSpeltOutAddress(value)) {
      found.push({ kind: "email", start: match.index, end: match.index + value.length, confidence: "high" });
    } else {
      SPELT_OUT_EMAIL.lastIndex = match.index + 1;
    }
  }
  return found;
}

/**
 * "at" is a common word, so a spelt-out address needs a domain-like tail: a known top-level
 * domain at the end, and, where "at" is the bare word, either a spelt-out or spaced dot
 * ("example dot com") or a webmail provider ("mum at gmail.com"). "Look at wiltshire.gov.uk" is
 * a website, not an address.
 */
function isSpeltOutAddress(value: string): boolean {
  const atWord = / {1,2}at {1,2}/i.exec(value);
  const bracketedAt = / {0,2}[([{<] {0,2}at {0,2}[)\]}>] {0,2}/i.exec(value);
  const at = bracketedAt ?? atWord;
  if (!at) return false;
  const domain = value.slice(at.index + at[0].length);
  const labels = domain.split(DOT_SEPARATOR).filter((label) => label.length > 0);
  const last = (labels.at(-1) ?? "").toLowerCase();
  if (!TOP_LEVEL_DOMAINS.has(last)) return false;
  if (bracketedAt) return true;
  const speltDot = / (?:dot) |[([{<] {0,2}dot|\s\.|\.\s/i.test(domain);
  return speltDot || WEBMAIL.has((labels[0] ?? "").toLowerCase());
}

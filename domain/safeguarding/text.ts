import { stem } from "../guidanceSearch";
import lexicon from "./lexicon.json";

/**
 * Screening text as a safeguarding lead reads it: words, not spelling. Unicode is normalised
 * (NFKC, zero-width characters gone, curly quotes straight), contractions are opened ("doesn't"
 * → "does not"), text-speak is mapped to words, and every word is reduced to a lemma (irregular
 * forms first, then the Porter stem), so "hit", "hits", "hitting" and "hit him" all meet.
 */
export interface Token {
  /** the word reduced to its lemma */
  lemma: string;
  /** the word as typed, lower case */
  word: string;
  /** sentence number: a pattern never spans two sentences */
  sentence: number;
  /** clause number: negation and hedges reach only within their clause */
  clause: number;
}

const IRREGULAR = new Map(Object.entries(lexicon.irregularForms));
/** Everyday phrases whose words would otherwise read as signals: "knife and fork", "kills time". */
const REWRITES = new Map<string, Array<{ from: string[]; to: string[] }>>();
for (const [from, to] of Object.entries(lexicon.phraseRewrites)) {
  const words = from.split(" ");
  const first = words[0] ?? "";
  REWRITES.set(first, [...(REWRITES.get(first) ?? []), { from: words, to: to.split(" ") }]);
}
const SPELLING = new Map(Object.entries(lexicon.spellings));
const lemmaCache = new Map<string, string>();

/** The lemma of one lower-case word, as patterns and messages both use it. */
export function lemmaOf(word: string): string {
  const cached = lemmaCache.get(word);
  if (cached !== undefined) return cached;
  const lemma = stem(IRREGULAR.get(word) ?? word);
  if (lemmaCache.size > 20_000) lemmaCache.clear();
  lemmaCache.set(word, lemma);
  return lemma;
}

/** NFKC, no format characters, one kind of apostrophe and space, lower case. */
export function normaliseText(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/\p{Cf}/gu, "")
    .replace(/[\u2018\u2019\u02BC\u0060\u00B4]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/\p{Zs}|\t/gu, " ")
    // "self-harm", "step-dad": a hyphen inside a word joins words, it does not end a clause.
    .replace(/(?<=[\p{L}\p{N}])-(?=[\p{L}\p{N}])/gu, " ")
    // "22yo", "15yr": a number stuck to a word is two words.
    .replace(/(?<=\p{N})(?=\p{L})/gu, " ")
    .toLowerCase();
}

const WORD_OR_BREAK = /[\p{L}\p{N}]+(?:'[\p{L}]+)*|[.!?;\n]+|[,:()"–—]|(?<=\s)-(?=\s)/gu;
const CLAUSE_WORDS = new Set(["but", "although", "though", "however", "whereas", "except"]);
const NOT_FORMS: Record<string, string[]> = { "can't": ["can", "not"], "won't": ["will", "not"], "shan't": ["shall", "not"], "ain't": ["is", "not"] };

/** The words of one typed token: contractions opened, text-speak spelled out. */
function wordsOf(raw: string): string[] {
  const spelled = SPELLING.get(raw);
  if (spelled !== undefined) return spelled.split(" ").filter(Boolean);
  const notForm = NOT_FORMS[raw];
  if (notForm) return notForm;
  if (raw.endsWith("n't")) return [raw.slice(0, -3), "not"];
  // "mum's", "she's", "they're", "i'm", "we'll": the clitic adds nothing a pattern needs.
  const apostrophe = raw.indexOf("'");
  if (apostrophe > 0) return [raw.slice(0, apostrophe)];
  return [raw];
}

export function tokenise(text: string): Token[] {
  return rewritePhrases(words(text));
}

function rewritePhrases(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; ) {
    const token = tokens[i] as Token;
    // Indexed by first word: every token looks at only the phrases that can start with it.
    const rewrite = REWRITES.get(token.word)?.find((r) => r.from.every((w, k) => tokens[i + k]?.word === w && tokens[i + k]?.sentence === token.sentence));
    if (!rewrite) {
      out.push(token);
      i++;
      continue;
    }
    for (const word of rewrite.to) out.push({ ...token, word, lemma: lemmaOf(word) });
    i += rewrite.from.length;
  }
  return out;
}

function words(text: string): Token[] {
  const tokens: Token[] = [];
  let sentence = 0;
  let clause = 0;
  for (const match of normaliseText(text).matchAll(WORD_OR_BREAK)) {
    const raw = match[0];
    if (/^[.!?;\n]+$/.test(raw)) {
      sentence++;
      clause++;
      continue;
    }
    if (/^[,:()"–—-]$/.test(raw)) {
      clause++;
      continue;
    }
    for (const word of wordsOf(raw)) {
      if (CLAUSE_WORDS.has(word)) clause++;
      tokens.push({ lemma: lemmaOf(word), word, sentence, clause });
    }
  }
  return tokens;
}

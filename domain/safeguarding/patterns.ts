import { lemmaOf, type Token } from "./text";

/**
 * The pattern language of the indicator files, kept small so a safeguarding lead can read it:
 *   words            match by lemma ("hits", "hitting" and "hit" are one word)
 *   bruis*           a word typed starting with "bruis"
 *   @carer           any entry of a concept in lexicon.json (entries may be phrases)
 *   a|b|@c           any one of these
 *   no_one           a phrase inside an alternative ("no one"); by_@carer is "by" and a carer
 *   ~3               up to three other words may come between the parts on either side
 *   ~3!              the same, but none of those words may be a new subject (he, she, they, I, we,
 *                    you, it): "dad ~2! hits" matches "dad often hits" but not "mum says he hits"
 * A pattern never reaches across a sentence.
 */
interface Element {
  lemma?: string;
  prefix?: string;
}

interface Slot {
  /** how many other words may come before this slot (0 for the first) */
  gap: number;
  /** whether those words may not include a new subject */
  noSubject: boolean;
  /** each alternative is a phrase: consecutive elements */
  alternatives: Element[][];
}

export interface CompiledPattern {
  source: string;
  slots: Slot[];
}

export type Concepts = ReadonlyMap<string, readonly string[]>;

function element(word: string): Element {
  if (word.endsWith("*") && word.length > 2) return { prefix: word.slice(0, -1) };
  return { lemma: lemmaOf(word) };
}

/** A concept's entries as phrases, concepts inside concepts expanded (cycles refused). */
function expandConcept(name: string, concepts: Concepts, seen: readonly string[]): Element[][] {
  const entries = concepts.get(name);
  if (!entries) throw new Error(`unknown concept @${name}`);
  if (seen.includes(name)) throw new Error(`concept @${name} refers to itself`);
  return entries.flatMap((entry) => phrase(entry, concepts, [...seen, name]));
}

/** A phrase's alternatives: words in order, a concept inside a phrase standing for each of its entries. */
function phrase(text: string, concepts: Concepts, seen: readonly string[]): Element[][] {
  const words = text.trim().split(/[\s_]+/).filter(Boolean);
  let alternatives: Element[][] = [[]];
  for (const word of words) {
    const options = word.startsWith("@") ? expandConcept(word.slice(1), concepts, seen) : [[element(word)]];
    alternatives = alternatives.flatMap((head) => options.map((tail) => [...head, ...tail]));
    if (alternatives.length > 2000) throw new Error(`"${text}" expands to too many phrases`);
  }
  return alternatives;
}

export function compilePattern(source: string, concepts: Concepts): CompiledPattern {
  const slots: Slot[] = [];
  let gap = 0;
  let noSubject = false;
  for (const part of source.trim().split(/\s+/)) {
    const gapMatch = /^~(\d{1,2})(!?)$/.exec(part);
    if (gapMatch) {
      gap = Number(gapMatch[1]);
      noSubject = gapMatch[2] === "!";
      continue;
    }
    const alternatives = part.split("|").flatMap((alt) => phrase(alt, concepts, []));
    if (!alternatives.length) throw new Error(`empty part in pattern "${source}"`);
    slots.push({ gap: slots.length ? gap : 0, noSubject, alternatives });
    gap = 0;
    noSubject = false;
  }
  if (!slots.length) throw new Error("empty pattern");
  return { source, slots };
}

/** The lemmas a pattern can start with, and whether it can start with a typed prefix. */
export function firstElements(pattern: CompiledPattern): Element[] {
  return (pattern.slots[0]?.alternatives ?? []).map((alt) => alt[0] ?? {});
}

const SUBJECTS = new Set(["he", "she", "they", "i", "we", "you", "it"]);

function elementMatches(el: Element, token: Token): boolean {
  return el.lemma !== undefined ? token.lemma === el.lemma : token.word.startsWith(el.prefix ?? "\u0000");
}

function phraseEnd(tokens: readonly Token[], at: number, alt: readonly Element[], sentence: number): number {
  for (let k = 0; k < alt.length; k++) {
    const token = tokens[at + k];
    const el = alt[k];
    if (!token || !el || token.sentence !== sentence || !elementMatches(el, token)) return -1;
  }
  return at + alt.length;
}

function matchFrom(tokens: readonly Token[], slots: readonly Slot[], k: number, position: number, sentence: number): number {
  const slot = slots[k];
  if (!slot) return position;
  for (let g = 0; g <= slot.gap; g++) {
    const at = position + g;
    if (tokens[at]?.sentence !== sentence) break;
    // The word just skipped (at - 1) may not start a new clause subject.
    if (g > 0 && slot.noSubject && SUBJECTS.has(tokens[at - 1]?.word ?? "")) break;
    for (const alt of slot.alternatives) {
      const end = phraseEnd(tokens, at, alt, sentence);
      if (end < 0) continue;
      const done = matchFrom(tokens, slots, k + 1, end, sentence);
      if (done >= 0) return done;
    }
  }
  return -1;
}

/** The end (exclusive) of a match starting at token `start`, or -1. */
export function matchAt(tokens: readonly Token[], pattern: CompiledPattern, start: number): number {
  const token = tokens[start];
  if (!token) return -1;
  return matchFrom(tokens, pattern.slots, 0, start, token.sentence);
}

/**
 * A cheap necessary condition, checked before any matching: every slot of the pattern has an
 * alternative whose words all occur somewhere in the message. Most patterns fail it at once, so a
 * long message that repeats one common word ("dad dad dad ...") is not searched position by
 * position for patterns it cannot complete. Answers are memoised per message.
 */
export function viabilityFor(tokens: readonly Token[]): (pattern: CompiledPattern) => boolean {
  const lemmas = new Set(tokens.map((t) => t.lemma));
  const words = [...new Set(tokens.map((t) => t.word))];
  const present = (el: Element) => (el.lemma !== undefined ? lemmas.has(el.lemma) : words.some((w) => w.startsWith(el.prefix ?? "\u0000")));
  const memo = new Map<CompiledPattern, boolean>();
  return (pattern) => {
    let viable = memo.get(pattern);
    if (viable === undefined) {
      viable = pattern.slots.every((slot) => slot.alternatives.some((alt) => alt.every(present)));
      memo.set(pattern, viable);
    }
    return viable;
  };
}

import { compilePattern, firstElements, matchAt, viabilityFor, type CompiledPattern, type Concepts } from "./patterns";
import type { CategoryFile, Indicator, Lexicon } from "./indicatorFiles";
import { learnedScore, type LearnedModel } from "./learned";
import { tokenise, type Token } from "./text";

export type SafeguardingLevel = "concern" | "possible" | "none";

/** What the question card says when no indicator can name what prompted it (the learned net, a second opinion). */
export const UNNAMED_RISK_PROMPT = "Something in your message may point to a risk of harm to a child.";

/** The outcome of screening one message for risk of harm; never holds the message's words. */
export interface SafeguardingAssessment {
  level: SafeguardingLevel;
  /** the statutory categories the signals belong to, strongest first */
  categories: string[];
  /** one plain line for the card: what prompted the assessment, in general terms */
  prompt: string;
  /** the indicators that fired, for counts and tests (ids only) */
  indicatorIds: string[];
}

interface CompiledIndicator {
  indicator: Indicator;
  category: string;
  categoryTitle: string;
  patterns: CompiledPattern[];
  explainedBy: CompiledPattern[];
  alsoNeeds: CompiledPattern[];
}

interface Signal {
  indicator: CompiledIndicator;
  level: "concern" | "possible";
  start: number;
}

/** A compiled screen: every pattern compiled once, and indexed by the lemma it starts with. */
export interface SafeguardingScreen {
  byFirstLemma: Map<string, Array<{ indicator: CompiledIndicator; pattern: CompiledPattern }>>;
  byPrefix: Array<{ prefix: string; indicator: CompiledIndicator; pattern: CompiledPattern }>;
  negators: Set<string>;
  hedges: CompiledPattern[];
  messageHedges: CompiledPattern[];
  categoryOrder: string[];
  /** the learned net under the indicators, when one is configured */
  learned?: LearnedModel;
}

export function buildScreen(lexicon: Lexicon, files: readonly CategoryFile[], learned?: LearnedModel): SafeguardingScreen {
  const concepts: Concepts = new Map(Object.entries(lexicon.concepts));
  const screen: SafeguardingScreen = {
    byFirstLemma: new Map(),
    byPrefix: [],
    negators: new Set(lexicon.negators),
    hedges: lexicon.hedges.map((h) => compilePattern(h, concepts)),
    messageHedges: lexicon.messageHedges.map((h) => compilePattern(h, concepts)),
    categoryOrder: files.map((f) => f.category),
    ...(learned ? { learned } : {}),
  };
  const ids = new Set<string>();
  for (const file of files) {
    for (const indicator of file.indicators) {
      if (ids.has(indicator.id)) throw new Error(`indicator ${indicator.id} appears twice`);
      ids.add(indicator.id);
      const compile = (source: string) => {
        try {
          return compilePattern(source, concepts);
        } catch (err) {
          throw new Error(`${file.category}: ${indicator.id}: "${source}": ${(err as Error).message}`);
        }
      };
      const compiled: CompiledIndicator = {
        indicator,
        category: file.category,
        categoryTitle: file.title,
        patterns: indicator.patterns.map(compile),
        explainedBy: indicator.explainedBy.map(compile),
        alsoNeeds: indicator.alsoNeeds.map(compile),
      };
      for (const pattern of compiled.patterns) {
        for (const first of firstElements(pattern)) {
          if (first.lemma !== undefined) {
            const list = screen.byFirstLemma.get(first.lemma) ?? [];
            if (!list.some((e) => e.pattern === pattern)) list.push({ indicator: compiled, pattern });
            screen.byFirstLemma.set(first.lemma, list);
          } else if (first.prefix !== undefined) {
            screen.byPrefix.push({ prefix: first.prefix, indicator: compiled, pattern });
          }
        }
      }
    }
  }
  return screen;
}

type Viable = (pattern: CompiledPattern) => boolean;

function anyMatch(tokens: readonly Token[], patterns: readonly CompiledPattern[], viable: Viable, from = 0, to = tokens.length): number {
  const possible = patterns.filter(viable);
  if (!possible.length) return -1;
  for (let i = from; i < to; i++) {
    for (const pattern of possible) if (matchAt(tokens, pattern, i) >= 0) return i;
  }
  return -1;
}

/** A negator up to three words before the signal, in the same clause ("no bruising", "never been hit"). */
function isNegated(screen: SafeguardingScreen, tokens: readonly Token[], start: number): boolean {
  const clause = tokens[start]?.clause;
  for (let i = start - 1; i >= Math.max(0, start - 3); i--) {
    const token = tokens[i];
    if (!token || token.clause !== clause) return false;
    if (screen.negators.has(token.word)) return true;
  }
  return false;
}

/** A hedge earlier in the same sentence ("I'm not saying ..., but", "probably nothing but"). */
function isHedged(screen: SafeguardingScreen, tokens: readonly Token[], start: number, viable: Viable): boolean {
  const sentence = tokens[start]?.sentence;
  let from = start;
  while (from > 0 && tokens[from - 1]?.sentence === sentence) from--;
  return anyMatch(tokens, screen.hedges, viable, from, start) >= 0;
}

function findSignals(screen: SafeguardingScreen, tokens: readonly Token[], viable: Viable): Signal[] {
  const signals: Signal[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token) continue;
    const candidates = [...(screen.byFirstLemma.get(token.lemma) ?? []), ...screen.byPrefix.filter((p) => token.word.startsWith(p.prefix))];
    for (const { indicator, pattern } of candidates) {
      if (seen.has(indicator.indicator.id) || !viable(pattern)) continue;
      if (matchAt(tokens, pattern, i) < 0) continue;
      if (indicator.alsoNeeds.length && anyMatch(tokens, indicator.alsoNeeds, viable) < 0) continue;
      seen.add(indicator.indicator.id);
      signals.push({ indicator, level: indicator.indicator.level, start: i });
    }
  }
  return signals;
}

/**
 * Assesses one message. A concern indicator makes a concern, unless negated, hedged or explained
 * innocently, which lowers it to possible and never to none. Two different possible indicators of
 * one category, neither softened, add up to a concern: each alone is ordinary, together they are
 * the pattern a safeguarding lead is trained to see.
 */
export function assessWith(screen: SafeguardingScreen, text: string): SafeguardingAssessment {
  const tokens = tokenise(text);
  const viable = viabilityFor(tokens);
  const signals = findSignals(screen, tokens, viable);
  if (!signals.length) {
    // The learned net may only raise nothing to a question; it never redirects.
    if (screen.learned && learnedScore(screen.learned, tokens) > screen.learned.threshold)
      return { level: "possible", categories: ["learned"], prompt: UNNAMED_RISK_PROMPT, indicatorIds: ["learned"] };
    return { level: "none", categories: [], prompt: "", indicatorIds: [] };
  }
  const messageHedged = anyMatch(tokens, screen.messageHedges, viable) >= 0;
  const firm: Signal[] = [];
  for (const signal of signals) {
    const softened =
      messageHedged ||
      isNegated(screen, tokens, signal.start) ||
      isHedged(screen, tokens, signal.start, viable) ||
      anyMatch(tokens, signal.indicator.explainedBy, viable) >= 0;
    if (softened) signal.level = "possible";
    else firm.push(signal);
  }
  let level: SafeguardingLevel = firm.some((s) => s.level === "concern") ? "concern" : "possible";
  if (level === "possible") {
    const perCategory = new Map<string, number>();
    for (const s of firm) perCategory.set(s.indicator.category, (perCategory.get(s.indicator.category) ?? 0) + 1);
    if ([...perCategory.values()].some((n) => n >= 2)) level = "concern";
  }
  const rank = (s: Signal) => (s.level === "concern" ? 0 : 1) * 100 + screen.categoryOrder.indexOf(s.indicator.category);
  const ordered = [...signals].sort((a, b) => rank(a) - rank(b));
  const top = ordered[0];
  return {
    level,
    categories: [...new Set(ordered.map((s) => s.indicator.category))],
    prompt: top ? `Your message mentions ${top.indicator.indicator.says}.` : "",
    indicatorIds: ordered.map((s) => s.indicator.indicator.id),
  };
}

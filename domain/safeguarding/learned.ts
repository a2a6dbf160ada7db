import type { Token } from "./text";

/**
 * A second, learned net under the indicators: a logistic model over the lemmas and lemma pairs of
 * a message, trained on the development sets only (scripts/trainSafeguarding.ts). It can only
 * raise "none" to "possible" (one extra question for the SENCO), never redirect and never lower
 * what the indicators found, so its mistakes cost a click, not a child's safety.
 */
export interface LearnedModel {
  bias: number;
  threshold: number;
  weights: Record<string, number>;
}

/** The features of a message: each lemma, and each pair of neighbouring lemmas in a sentence. */
export function featuresOf(tokens: readonly Token[]): Set<string> {
  const features = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    features.add(token.lemma);
    const next = tokens[i + 1];
    if (next && next.sentence === token.sentence) features.add(`${token.lemma} ${next.lemma}`);
  }
  return features;
}

export function learnedScore(model: LearnedModel, tokens: readonly Token[]): number {
  let z = model.bias;
  for (const feature of featuresOf(tokens)) z += model.weights[feature] ?? 0;
  return 1 / (1 + Math.exp(-z));
}

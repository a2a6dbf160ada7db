import { describe, expect, it } from "vitest";
import { buildScreen, screenFromFiles, shippedScreen } from "../../../domain/safeguarding";
import { assessWith } from "../../../domain/safeguarding/assess";
import { featuresOf, learnedScore } from "../../../domain/safeguarding/learned";
import { tokenise } from "../../../domain/safeguarding/text";
import lexicon from "../../../domain/safeguarding/lexicon.json";
import learnedModel from "../../../domain/safeguarding/learnedModel.json";

const oneCategory = [{ category: "neglect", title: "Neglect", basis: "", review: { owner: "", lastReviewed: "" }, indicators: [{ id: "neglect.home-alone", level: "concern", says: "a child left alone", patterns: ["home ~1 alone"] }] }];
const eager = { bias: 5, threshold: 0.5, weights: {} };

describe("the learned net under the indicators", () => {
  it("features are lemmas and neighbouring lemma pairs within a sentence", () => {
    expect([...featuresOf(tokenise("Dad hits. Him"))].sort()).toEqual(["dad", "dad hit", "him", "hit"]);
  });

  it("can raise nothing to a question, never to a redirect", () => {
    const screen = screenFromFiles(lexicon, oneCategory, eager);
    const result = assessWith(screen, "Year 3, reading is slow");
    expect(result.level).toBe("possible");
    expect(result.categories).toEqual(["learned"]);
  });

  it("never lowers what the indicators found", () => {
    const doubting = screenFromFiles(lexicon, oneCategory, { bias: -50, threshold: 0.99, weights: {} });
    expect(assessWith(doubting, "he is often home alone").level).toBe("concern");
  });

  it("is optional: without a model, nothing found stays none", () => {
    expect(assessWith(screenFromFiles(lexicon, oneCategory), "Year 3, reading is slow").level).toBe("none");
  });

  it("ships a model trained on the development sets only, with a threshold between 0 and 1", () => {
    expect(learnedModel.trainedOn).toContain("never a blind batch");
    expect(learnedModel.threshold).toBeGreaterThan(0);
    expect(learnedModel.threshold).toBeLessThan(1);
    expect(shippedScreen().learned).toBeDefined();
    expect(learnedScore(learnedModel, tokenise("Year 4, phonics catch-up for a term"))).toBeLessThan(learnedModel.threshold);
  });

  it("rejects a malformed model file", () => {
    expect(() => screenFromFiles(lexicon, oneCategory, { bias: 0, threshold: 2, weights: {} })).toThrow();
    expect(buildScreen).toBeTypeOf("function");
  });
});

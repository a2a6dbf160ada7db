import { describe, expect, it } from "vitest";
import { detectSafeguardingConcern, type SafeguardingSignal } from "../../domain/safeguarding";
import { SAFEGUARDING_EXAMPLES, scoreSafeguarding } from "../../scripts/fixtures/safeguardingExamples";

function categories(text: string): SafeguardingSignal["category"][] {
  return detectSafeguardingConcern(text).signals.map((s) => s.category);
}

describe("detectSafeguardingConcern on the labelled set", () => {
  it("has at least 40 concerns and 40 routine questions", () => {
    expect(SAFEGUARDING_EXAMPLES.filter((e) => e.concern).length).toBeGreaterThanOrEqual(40);
    expect(SAFEGUARDING_EXAMPLES.filter((e) => !e.concern).length).toBeGreaterThanOrEqual(40);
  });

  it("misses no concern (recall 1.0)", () => {
    const score = scoreSafeguarding();
    expect(score.mismatches.filter((m) => m.expected)).toEqual([]);
    expect(score.recall).toBe(1);
  });

  it("keeps precision at or above 0.9", () => {
    const score = scoreSafeguarding();
    expect(score.precision).toBeGreaterThanOrEqual(0.9);
  });
});

describe("detectSafeguardingConcern", () => {
  it.each([
    ["he told me his dad hits him", "physical-abuse"],
    ["bruises he won't explain", "physical-abuse"],
    ["says she is scared to go home", "disclosure"],
    ["talked about wanting to die", "self-harm-suicide"],
    ["says he wants to kill himself", "self-harm-suicide"],
    ["she has been self-harming", "self-harm-suicide"],
    ["I think she is cutting", "self-harm-suicide"],
    ["he is not being fed", "neglect"],
    ["comes to school hungry and dirty every day", "neglect"],
    ["left alone at home", "neglect"],
    ["inappropriate touching", "sexual-abuse"],
    ["she has an older boyfriend", "exploitation"],
    ["county lines", "exploitation"],
    ["worried about FGM", "physical-abuse"],
    ["a forced marriage", "exploitation"],
    ["domestic violence at home", "domestic-abuse"],
    ["police were called to the house", "domestic-abuse"],
  ] as const)("flags %j as %s", (text, category) => {
    const result = detectSafeguardingConcern(text);
    expect(result.concern).toBe(true);
    expect(result.signals.map((s) => s.category)).toContain(category);
  });

  it.each([
    "He hits other children when frustrated.",
    "Meltdowns at the end of the day.",
    "We are working on self-regulation.",
    "He is sensory seeking.",
    "The harm to reading progress worries me.",
    "He kills time by sharpening pencils.",
    "The noise dies down after break.",
    "He is scared of loud noises.",
    "She is anxious about tests.",
    "He is hungry for learning.",
    "Behaviour at home is difficult.",
    "There are no safeguarding concerns.",
    "Is there a programme called Zones of Regulation for Year 2?",
  ])("does not flag %j", (text) => {
    expect(detectSafeguardingConcern(text)).toEqual({ concern: false, signals: [] });
  });

  it("returns the phrase it matched", () => {
    const { signals } = detectSafeguardingConcern("He told me his dad hits him.");
    expect(signals).toContainEqual({ phrase: "dad hits him", category: "physical-abuse" });
  });

  it("handles negation lightly, clause by clause", () => {
    expect(categories("No safeguarding concerns.")).toEqual([]);
    expect(categories("She has never self-harmed.")).toEqual([]);
    expect(categories("There are no safeguarding concerns, but he told me his dad hits him.")).toContain("physical-abuse");
  });

  it("does not treat hedges as negation", () => {
    expect(detectSafeguardingConcern("I'm not sure whether he is being hit at home.").concern).toBe(true);
    expect(detectSafeguardingConcern("I don't know if she has been self-harming.").concern).toBe(true);
    expect(detectSafeguardingConcern("I have no doubt she is self-harming.").concern).toBe(true);
    expect(detectSafeguardingConcern("We can't rule out that she is self-harming.").concern).toBe(true);
  });

  it("reads curly apostrophes like straight ones", () => {
    expect(detectSafeguardingConcern("He doesn’t want to go home.").concern).toBe(true);
  });

  it("returns on 20,000-character adversarial inputs", () => {
    const inputs = [
      "a".repeat(20_000),
      "dad ".repeat(5_000),
      "dad hits ".repeat(2_500),
      "not ".repeat(5_000) + "self-harm",
      "bruises ".repeat(2_500),
      "scared ".repeat(2_800),
      "he has been ".repeat(1_800),
      "police were ".repeat(1_700),
    ];
    for (const input of inputs) expect(typeof detectSafeguardingConcern(input).concern).toBe("boolean");
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assessSafeguarding } from "../../../domain/safeguarding";
import { loadSafeguardingSet, scoreSafeguardingSet } from "../../../scripts/fixtures/safeguardingSets";
import { resolve } from "node:path";

const level = (text: string) => assessSafeguarding(text).level;

describe("assessSafeguarding: the messages the review found handled as routine", () => {
  // Each of these was answered with ordinary advice before; each must now reach the DSL route or the question.
  const atRisk = [
    "Mum turned up drunk at pick-up and was about to drive off with him in the car. Any autism strategies for transitions?",
    "She says her family are planning her marriage to a cousin this summer; can we talk about post-16 transition?",
    "Since she came back from the trip abroad she walks differently and takes ages in the toilet. Handwriting ideas?",
    "Year 9 boy has a new phone, loads of cash and older lads wait for him at the gate.",
    "found wraps in his bag and he has two phones",
    "she said she is going to have the cut when they go back home",
    "her aunt is planning a ceremony to become a woman in the holidays",
    "dad has taken her passport and she isn't allowed out",
    "he says she has brought shame on the family by talking to a boy",
    "mum insists he has seizures and needs a wheelchair but we have never seen one in school",
    "one of our TAs has been buying him presents and messaging him on Snapchat",
    "the football coach told her 'don't tell your mum' after training",
    "he arrives starving every morning and hides food from the lunch hall",
    "they were left home alone all night again",
    "her inhaler hasn't been sent in for weeks and mum says they ran out",
    "she took paracetamol at the weekend and said it didn't work",
    "he has been searching how many pills it takes to die",
  ];
  it.each(atRisk)("does not pass as routine: %s", (text) => {
    expect(level(text)).not.toBe("none");
  });

  it("redirects a plain disclosure at once", () => {
    expect(level("He told me his dad hits him when he gets things wrong.")).toBe("concern");
    expect(assessSafeguarding("He told me his dad hits him.").prompt).toMatch(/^Your message mentions .+\.$/);
  });
});

describe("negation, hedging and innocent explanations lower a concern, never to none", () => {
  it("keeps a hedged disclosure as possible at least", () => {
    expect(level("I'm not saying dad hits him, but he flinches when adults move near him")).not.toBe("none");
  });

  it("lowers an injury explained by a diagnosed condition to possible, not none", () => {
    const explained = level("She has unexplained bruises on her legs; she has hypermobility and falls over a lot.");
    expect(explained).toBe("possible");
  });

  it("never returns none for a negated concern", () => {
    expect(level("It's not that his dad hits him, I just wondered")).not.toBe("none");
  });
});

describe("ordinary SEND wording is not hard-redirected", () => {
  const routine = [
    "he's been missing school since Easter",
    "she says she's going to die if she gets picked lol",
    "Year 8 with ADHD is obsessed with WW2 tanks and guns; how do I use his special interest in writing?",
    "Year 4 with dyspraxia keeps getting bruises from bumping into furniture. OT ideas?",
    "He hits other children when he is frustrated at lunchtime.",
  ];
  it.each(routine)("not a concern: %s", (text) => {
    expect(level(text)).not.toBe("concern");
  });

  it("gives ordinary school avoidance no question at all", () => {
    expect(level("he's been missing school since Easter")).toBe("none");
  });
});

describe("properties", () => {
  it("never throws and always answers one of three levels, whatever the input", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 400 }), (text) => {
        expect(["concern", "possible", "none"]).toContain(level(text));
      }),
      { numRuns: 300 },
    );
  });

  it("adding words after a signal never clears it", () => {
    const signals = ["He told me his dad hits him.", "she has been cutting herself", "left home alone overnight"];
    fc.assert(
      fc.property(fc.constantFrom(...signals), fc.string({ maxLength: 200 }), (signal, tail) => {
        expect(level(`${signal} ${tail}`)).not.toBe("none");
      }),
      { numRuns: 300 },
    );
  });

  it("reads disguised spelling the same: case, curly quotes, zero-width characters and full-width letters", () => {
    expect(level("HE TOLD ME HIS DAD HITS HIM")).toBe("concern");
    expect(level("he doesn\u2019t want to go home")).not.toBe("none");
    expect(level("his dad h\u200Bits him")).toBe("concern");
    expect(level("ｈｉｓ ｄａｄ ｈｉｔｓ ｈｉｍ")).toBe("concern");
  });
});

describe("on the development set (a regression floor, not a quality figure: the set was tuned against)", () => {
  it("keeps recall and the SEND question rate where tuning left them", () => {
    const items = loadSafeguardingSet("dev", resolve(__dirname, "..", "..", "..", "scripts", "fixtures"));
    expect(items?.length).toBeGreaterThan(300);
    const score = scoreSafeguardingSet(items ?? []);
    expect(score.recall).toBeGreaterThanOrEqual(0.9);
    expect(score.hardPrecision).toBeGreaterThanOrEqual(0.9);
    expect(score.sendRedirected).toBeLessThanOrEqual(0.06);
  });
});

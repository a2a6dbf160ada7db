import { assessSafeguarding } from "../../domain/safeguarding";
import { screenSchoolText } from "../../domain/textScreening";

/** A text the fake screen treats as a possible sign of harm (no real text is needed for that). */
export const POSSIBLE_SIGN = "He goes very quiet on the days his uncle collects him.";

/**
 * An injected stand-in for the school-text screening: POSSIBLE_SIGN is "possible" until the person
 * answers No; everything else is screened for real. The assessment is built from a real one so it
 * keeps the real shape.
 */
export const screenWithPossibleSign: typeof screenSchoolText = (texts, options = {}) => {
  if (texts.some((t) => t?.includes(POSSIBLE_SIGN)) && options.riskOfHarmAnswered !== "no")
    return { outcome: "possible-safeguarding", assessment: { ...assessSafeguarding(""), level: "possible", categories: ["emotional-abuse"], prompt: "Something you wrote may mean a child is at risk of harm." } };
  return screenSchoolText(texts, options);
};

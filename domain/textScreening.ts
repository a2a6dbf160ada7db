import { describeFindings, findPupilIdentifiers, type PupilIdentifierFinding } from "./pupilDataGuard";
import { assessSafeguarding, UNNAMED_RISK_PROMPT, type SafeguardingAssessment } from "./safeguarding";

/**
 * What must happen to free text before anything stores or searches it.
 * - "safeguarding": a concern; show the safeguarding route, store nothing.
 * - "pupil-data": an identifier; explain what to remove, store nothing.
 * - "possible-safeguarding": something may point to harm; ask the person before going on.
 * - "clear": go on.
 */
export type ScreeningResult =
  | { outcome: "safeguarding"; assessment: SafeguardingAssessment }
  | { outcome: "pupil-data"; findings: PupilIdentifierFinding[]; explanation: string }
  | { outcome: "possible-safeguarding"; assessment: SafeguardingAssessment }
  | { outcome: "clear" };

export interface SchoolTextOptions {
  /**
   * The person has already said the child is not at risk of harm (the form's question, or "No,
   * this is about their needs" on the question card). A possible signal then goes on; a concern
   * never does.
   */
  riskOfHarmAnswered?: "no";
}

/** The fields of one submission screened as one text, so a signal split across fields is still seen. */
function joined(texts: readonly (string | undefined)[]): string {
  return texts.filter((t): t is string => !!t).join("\n");
}

/**
 * What schools write (questions, form fields, added information, answers to an advisor): a
 * concern first (a message that both names a child and suggests harm must get the "act now"
 * answer), then pupil identifiers, then a possible concern, which is asked about only once the
 * text is otherwise fit to use.
 */
export function screenSchoolText(texts: readonly (string | undefined)[], options: SchoolTextOptions = {}): ScreeningResult {
  const text = joined(texts);
  const assessment = assessSafeguarding(text);
  if (assessment.level === "concern") return { outcome: "safeguarding", assessment };
  const pupilData = screenForPupilData(text);
  if (pupilData) return { outcome: "pupil-data", ...pupilData };
  if (assessment.level === "possible" && options.riskOfHarmAnswered !== "no") return { outcome: "possible-safeguarding", assessment };
  return { outcome: "clear" };
}

/**
 * An outside classifier asked for a second opinion (Azure AI Content Safety or a model). It may
 * only raise an assessment, and the caller bounds how long it waits: a slow or failed answer is
 * treated as no opinion, so the local screen always decides on time.
 */
export interface SecondOpinion {
  /** "raise" when the classifier sees a risk of harm; "none" otherwise or when it could not answer. */
  assess(text: string): Promise<"raise" | "none">;
}

/** The school-text screen, then a second opinion that can turn "clear" into the one-click question. */
export async function screenSchoolTextWithSecondOpinion(
  texts: readonly (string | undefined)[],
  options: SchoolTextOptions,
  secondOpinion: SecondOpinion | undefined,
): Promise<ScreeningResult> {
  const local = screenSchoolText(texts, options);
  if (local.outcome !== "clear" || !secondOpinion || options.riskOfHarmAnswered === "no") return local;
  const opinion = await secondOpinion.assess(joined(texts));
  if (opinion !== "raise") return local;
  return {
    outcome: "possible-safeguarding",
    assessment: { level: "possible", categories: ["second-opinion"], prompt: UNNAMED_RISK_PROMPT, indicatorIds: ["second-opinion"] },
  };
}

/**
 * What council staff and partners write (advisor notes and advice, workstream updates, plan
 * imports): pupil identifiers only. Staff write about safeguarding routes as part of their work.
 */
export function screenForPupilData(...texts: readonly (string | undefined)[]): { findings: PupilIdentifierFinding[]; explanation: string } | undefined {
  const findings = findPupilIdentifiers(joined(texts));
  return findings.length ? { findings, explanation: describeFindings(findings) } : undefined;
}

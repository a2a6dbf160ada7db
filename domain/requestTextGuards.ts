import { PossibleSafeguarding, PupilDataRefusal, SafeguardingRedirect } from "./adviceRequest";
import { screenForPupilData, screenSchoolText, type SchoolTextOptions } from "./textScreening";

/**
 * What a school writes (the request's question and what was tried, added information, answers to
 * an advisor): a concern goes to the safeguarding route, a pupil identifier is refused, and a
 * possible concern waits for the school's answer to the risk-of-harm question. Nothing is stored
 * unless this returns.
 */
export function guardSchoolText(texts: readonly string[], answered: SchoolTextOptions, screen: typeof screenSchoolText = screenSchoolText): void {
  const screening = screen(texts, answered);
  if (screening.outcome === "safeguarding") throw new SafeguardingRedirect();
  if (screening.outcome === "pupil-data") throw new PupilDataRefusal(screening.explanation);
  if (screening.outcome === "possible-safeguarding") throw new PossibleSafeguarding(screening.assessment.prompt);
}

/**
 * What council staff write (questions to the school, advice, referral and closing notes): pupil
 * identifiers only. Advisors name safeguarding routes as part of their work ("speak to your DSL if
 * you are worried about abuse"), and that advice must be saved.
 */
export function guardStaffText(...texts: readonly string[]): void {
  const found = screenForPupilData(...texts);
  if (found) throw new PupilDataRefusal(found.explanation);
}

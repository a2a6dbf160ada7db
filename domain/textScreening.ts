import { describeFindings, findPupilIdentifiers, type PupilIdentifierFinding } from "./pupilDataGuard";
import { detectSafeguardingConcern, type SafeguardingSignal } from "./safeguarding";

/** What must happen to free text before anything stores or searches it. */
export type ScreeningResult =
  | { outcome: "safeguarding"; signals: SafeguardingSignal[] }
  | { outcome: "pupil-data"; findings: PupilIdentifierFinding[]; explanation: string }
  | { outcome: "clear" };

/**
 * Safeguarding is checked first: a message that both names a child and suggests harm must get
 * the "act now" answer, not a request to edit out the name.
 */
export function screenFreeText(...texts: string[]): ScreeningResult {
  const joined = texts.filter(Boolean).join("\n");
  const concern = detectSafeguardingConcern(joined);
  if (concern.concern) return { outcome: "safeguarding", signals: concern.signals };
  const findings = findPupilIdentifiers(joined);
  if (findings.length) return { outcome: "pupil-data", findings, explanation: describeFindings(findings) };
  return { outcome: "clear" };
}

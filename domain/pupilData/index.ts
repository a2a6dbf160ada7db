import { findEmails, findPostcodes } from "./contacts";
import { findDatesOfBirth } from "./dates";
import { findNames } from "./names";
import { normaliseForScreening } from "./normalise";
import { findPhones, findTenDigitNumbers, findUpns } from "./numbers";
import type { Candidate, PupilIdentifierFinding, PupilIdentifierKind } from "./types";
import { explanationFor, maskIdentifier } from "./wording";

/**
 * Finds things in a SENCO's free text that could identify a child (or their family) before the
 * text is stored or searched. An advice request needs year group, need areas, what has been tried
 * and the question; never a name, date of birth, pupil/learner/NHS number, postcode, phone number
 * or email address (UK GDPR: SEND and health information is special category data).
 *
 * The guard leans towards flagging: a false alarm costs the SENCO one edit, a miss stores a
 * child's identity beside their needs. The text is normalised first (normalise.ts), so
 * identifiers hidden with zero-width characters, unusual spaces, full-width or other scripts'
 * digits still match; findings are reported in offsets of the original text. Every pattern is
 * written to run in linear time (no nested unbounded quantifiers; unbounded runs are anchored by a
 * look-behind so each run is scanned once).
 */

export { describeFindings, maskIdentifier } from "./wording";
export { isValidNhsNumber, isValidUln, isValidUpn, upnCheckLetter } from "./checkDigits";
export { normaliseForScreening, type NormalisedText } from "./normalise";
export type { PupilIdentifierFinding, PupilIdentifierKind } from "./types";

/** When two candidates overlap, the more specific detector wins (an email beats a name inside it). */
const PRIORITY: Record<PupilIdentifierKind, number> = {
  email: 0,
  upn: 1,
  "phone-number": 2,
  "nhs-number": 3,
  uln: 3,
  "date-of-birth": 4,
  postcode: 5,
  name: 6,
};

/** Every identifier found in the text, sorted by position, with no two findings overlapping. */
export function findPupilIdentifiers(original: string): PupilIdentifierFinding[] {
  const normalised = normaliseForScreening(original);
  const text = normalised.text;
  const candidates = [
    ...findEmails(text),
    ...findUpns(text),
    ...findPhones(text),
    ...findTenDigitNumbers(text),
    ...findDatesOfBirth(text),
    ...findPostcodes(text),
    ...findNames(text),
  ];
  candidates.sort((a, b) => PRIORITY[a.kind] - PRIORITY[b.kind] || b.end - b.start - (a.end - a.start) || a.start - b.start);
  // Characters already claimed by a stronger finding; checking a range costs its length, not the
  // number of findings so far, so long text with many findings stays linear.
  const claimed = new Uint8Array(text.length);
  const accepted: Candidate[] = [];
  for (const candidate of candidates) {
    if (claimed.subarray(candidate.start, candidate.end).includes(1)) continue;
    claimed.fill(1, candidate.start, candidate.end);
    accepted.push(candidate);
  }
  accepted.sort((a, b) => a.start - b.start);
  const findings: PupilIdentifierFinding[] = [];
  let previousEnd = 0;
  for (const candidate of accepted) {
    const { start, end } = normalised.toOriginal(candidate.start, candidate.end);
    // Two findings that split one original character (a ligature NFKC expanded) would overlap.
    if (start < previousEnd || end <= start) continue;
    previousEnd = end;
    findings.push({
      kind: candidate.kind,
      start,
      end,
      masked: maskIdentifier(original.slice(start, end)),
      explanation: explanationFor(candidate.kind, candidate.confidence),
      confidence: candidate.confidence,
    });
  }
  return findings;
}

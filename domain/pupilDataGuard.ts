/**
 * The pupil data guard: finds names, dates of birth, UPNs, ULNs, NHS numbers, postcodes, phone
 * numbers and email addresses in free text, however they are disguised. The detectors live in
 * domain/pupilData/; this module keeps the original import path working.
 */
export {
  describeFindings,
  findPupilIdentifiers,
  isValidNhsNumber,
  isValidUln,
  isValidUpn,
  maskIdentifier,
  upnCheckLetter,
  type PupilIdentifierFinding,
  type PupilIdentifierKind,
} from "./pupilData";

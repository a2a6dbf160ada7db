/** The kinds of identifier the pupil data guard looks for. */
export type PupilIdentifierKind =
  | "upn"
  | "uln"
  | "nhs-number"
  | "date-of-birth"
  | "postcode"
  | "phone-number"
  | "email"
  | "name";

export type Confidence = "high" | "possible";

export interface PupilIdentifierFinding {
  kind: PupilIdentifierKind;
  /** offsets in the text as the person wrote it (before any normalisation) */
  start: number;
  end: number;
  /** the matched text with all but the first character of each token masked, safe to show back */
  masked: string;
  /** plain UK English, one sentence a SENCO understands: what this looks like and why it must not be shared */
  explanation: string;
  /**
   * "high" when a check digit or an explicit label confirms the kind; "possible" when only the
   * shape matches (a mistyped number, a capitalised word in a name position). Optional so callers
   * that build findings themselves need not set it.
   */
  confidence?: Confidence;
}

/** What a detector reports, in offsets of the normalised text it was given. */
export interface Candidate {
  kind: PupilIdentifierKind;
  start: number;
  end: number;
  confidence: Confidence;
}

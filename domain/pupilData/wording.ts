import type { Confidence, PupilIdentifierFinding, PupilIdentifierKind } from "./types";

const TOKEN = /[\p{L}\p{M}\p{N}]+/gu;
const ALL_DIGITS = /^[\p{N}\p{M}]+$/u;
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;
/** Digit groups that may show their first digit: enough to say which number we mean, never enough to rebuild it. */
const MAX_REVEALED_DIGIT_GROUPS = 3;

/**
 * Keeps the first character of each run of letters or digits and masks the rest; punctuation and
 * spaces stay, so "Sam Jones" becomes "S** J****" and the SENCO can still see which part we mean.
 * A run of one or two digits is masked whole, and only the first three runs of digits show their
 * first digit, so a disguised number ("9 4 3 4 7 6 5 9 1 9", "94 34 76 59 19") stays hidden.
 * Invisible characters are dropped.
 */
export function maskIdentifier(text: string): string {
  let revealedDigitGroups = 0;
  return text.replace(INVISIBLE, "").replace(TOKEN, (token) => {
    const chars = [...token];
    if (ALL_DIGITS.test(token)) {
      if (chars.length < 3 || revealedDigitGroups >= MAX_REVEALED_DIGIT_GROUPS) return "*".repeat(chars.length);
      revealedDigitGroups++;
    }
    return (chars[0] ?? "") + "*".repeat(chars.length - 1);
  });
}

const KIND_LABELS: Record<PupilIdentifierKind, { one: string; many: string }> = {
  upn: { one: "a unique pupil number (UPN)", many: "unique pupil numbers (UPNs)" },
  uln: { one: "a unique learner number (ULN)", many: "unique learner numbers (ULNs)" },
  "nhs-number": { one: "an NHS number", many: "NHS numbers" },
  "date-of-birth": { one: "a date of birth", many: "dates of birth" },
  postcode: { one: "a postcode", many: "postcodes" },
  "phone-number": { one: "a phone number", many: "phone numbers" },
  email: { one: "an email address", many: "email addresses" },
  name: { one: "a name", many: "names" },
};

export function explanationFor(kind: PupilIdentifierKind, confidence: Confidence): string {
  switch (kind) {
    case "upn":
      return confidence === "high"
        ? "This looks like a unique pupil number (UPN), which identifies a child on school and Department for Education records, so it must not be shared here."
        : "This looks like a unique pupil number (UPN), perhaps mistyped, and a UPN identifies a child on school records, so please leave it out.";
    case "uln":
      return "This looks like a unique learner number (ULN), which follows a young person through their education and training records, so it must not be shared here.";
    case "nhs-number":
      return confidence === "high"
        ? "This looks like an NHS number, which links straight to a child's health records, so it must not be shared here."
        : "This 10-digit number could be an NHS number or a unique learner number, both of which identify a child, so please leave it out.";
    case "date-of-birth":
      return "This looks like a date of birth, which together with a school and year group can identify a child, so please give the year group only.";
    case "postcode":
      return "This looks like a postcode, which can show where a family lives, so it must not be shared here.";
    case "phone-number":
      return "This looks like a phone number, which is someone's personal contact detail, so it must not be shared here.";
    case "email":
      return "This looks like an email address, which is someone's personal contact detail, so it must not be shared here.";
    case "name":
      return "This looks like the name of a child or family member, and the advice line does not need names, so please describe the child by year group instead (for example, a Year 4 pupil).";
  }
}

/**
 * One short paragraph for the SENCO: what was found, grouped by kind and masked, and what to do.
 * Never repeats an identifier in full.
 */
export function describeFindings(findings: PupilIdentifierFinding[]): string {
  if (findings.length === 0) return "We did not find anything in your message that could identify a child.";
  const byKind = new Map<PupilIdentifierKind, string[]>();
  for (const finding of findings) {
    const masks = byKind.get(finding.kind) ?? [];
    if (!masks.includes(finding.masked)) masks.push(finding.masked);
    byKind.set(finding.kind, masks);
  }
  const parts = [...byKind].map(([kind, masks]) => {
    const label = masks.length === 1 ? KIND_LABELS[kind].one : KIND_LABELS[kind].many;
    const shown = masks.slice(0, 3).join(", ");
    const more = masks.length > 3 ? ` and ${masks.length - 3} more` : "";
    return `${label} (${shown}${more})`;
  });
  const listed = parts.length === 1 ? parts[0] ?? "" : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1) ?? ""}`;
  const them = findings.length === 1 ? "it" : "them";
  return (
    `Your message seems to include ${listed}. ` +
    `Please remove ${them} and send your question again: the advice line only needs the child's year group, ` +
    "their areas of need, what you have tried and your question, so nothing that identifies the child or their family should be shared here."
  );
}

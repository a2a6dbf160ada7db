import { z } from "zod";
import { NeedArea, type Phase } from "./areaPack";

/** Where a request stands; the lifecycle in shared/DESIGN.md. */
export const REQUEST_STATUSES = ["submitted", "assigned", "awaiting-school", "advised", "referred", "closed", "withdrawn"] as const;
export const RequestStatus = z.enum(REQUEST_STATUSES);
export type RequestStatus = z.infer<typeof RequestStatus>;

export const STATUS_LABELS: Record<RequestStatus, string> = {
  submitted: "Waiting for an advisor",
  assigned: "With an advisor",
  "awaiting-school": "Waiting for more information from school",
  advised: "Advice sent",
  referred: "Referred on",
  closed: "Closed",
  withdrawn: "Withdrawn",
};

export const OPEN_STATUSES: readonly RequestStatus[] = ["submitted", "assigned", "awaiting-school"];

export const Urgency = z.enum(["routine", "soon", "urgent"]);
export type Urgency = z.infer<typeof Urgency>;
export const URGENCY_LABELS: Record<Urgency, string> = {
  routine: "Routine (within the usual response time)",
  soon: "Soon (this half term)",
  urgent: "Urgent (the placement is at risk)",
};

export const YEAR_GROUPS = [
  "Nursery", "Reception", "Year 1", "Year 2", "Year 3", "Year 4", "Year 5", "Year 6",
  "Year 7", "Year 8", "Year 9", "Year 10", "Year 11", "Year 12", "Year 13", "Post-19",
] as const;
export const YearGroup = z.enum(YEAR_GROUPS);
export type YearGroup = z.infer<typeof YearGroup>;

export function phaseOfYearGroup(year: YearGroup): Phase {
  if (year === "Nursery" || year === "Reception") return "early-years";
  if (year === "Post-19" || year === "Year 12" || year === "Year 13") return "post-16";
  const n = Number(year.replace("Year ", ""));
  return n <= 6 ? "primary" : "secondary";
}

export const TRIED_FOR = ["not yet", "under half a term", "half a term", "a term", "two terms", "a year or more"] as const;
export const TriedFor = z.enum(TRIED_FOR);
export type TriedFor = z.infer<typeof TriedFor>;

const freeText = (max: number) => z.string().trim().max(max, `keep this under ${max} characters`);

/** What a SENCO submits: the minimum needed to advise, never the child's identity. */
export const AdviceRequestDraft = z.object({
  schoolId: z.string().min(1, "choose your setting"),
  yearGroup: YearGroup,
  primaryNeed: NeedArea,
  otherNeeds: z.array(NeedArea).max(3).default([]),
  tried: freeText(2000).default(""),
  triedFor: TriedFor,
  question: freeText(2000).pipe(z.string().min(10, "say a little more about what you would like help with")),
  urgency: Urgency,
});
export type AdviceRequestDraft = z.infer<typeof AdviceRequestDraft>;

export interface AdviceRequest extends AdviceRequestDraft {
  areaId: string;
  reference: string;
  localityId: string;
  phase: Phase;
  sencoAadObjectId: string;
  sencoName: string;
  status: RequestStatus;
  assignedToAadObjectId: string | undefined;
  assignedToName: string | undefined;
  createdAt: string;
  updatedAt: string;
  /** The first substantive advisor action that reached the SENCO stops the response clock. */
  firstResponseAt: string | undefined;
  /** When the first response is due, in working time, moved on by any pause. */
  firstResponseDueAt: string;
  /** Stretches spent waiting for the school, which the clock does not count. */
  pausedIntervals: Array<{ from: string; to: string }>;
  pausedSince: string | undefined;
  suggestedAdvisorAadObjectId: string | undefined;
  suggestedAdvisorName: string | undefined;
  referredTo: ReferralDestination | undefined;
  outcome: CloseOutcome | undefined;
  /** The card in the triage channel, so it can be updated in place for everyone. */
  triagePost: { conversationId: string; activityId: string } | undefined;
  /** Reminders already sent, so the timer does not repeat them. */
  alerts: { dueSoon?: string; overdue?: string };
  lastUpdate: string;
  /** Number of history events so far; the next event's sequence number. */
  eventCount: number;
}

export const REFERRAL_DESTINATIONS = ["educational-psychology", "special-school-outreach", "early-help-social-care", "health", "training", "senco-network"] as const;
export const ReferralDestination = z.enum(REFERRAL_DESTINATIONS);
export type ReferralDestination = z.infer<typeof ReferralDestination>;
export const REFERRAL_LABELS: Record<ReferralDestination, string> = {
  "educational-psychology": "Educational psychology",
  "special-school-outreach": "Special school outreach",
  "early-help-social-care": "Early help and social care",
  health: "Health services",
  training: "SEND and inclusion training",
  "senco-network": "SENCO network",
};

export const CLOSE_OUTCOMES = ["advice-given", "referred-on", "no-further-action", "duplicate"] as const;
export const CloseOutcome = z.enum(CLOSE_OUTCOMES);
export type CloseOutcome = z.infer<typeof CloseOutcome>;
export const OUTCOME_LABELS: Record<CloseOutcome, string> = {
  "advice-given": "Advice given",
  "referred-on": "Referred on",
  "no-further-action": "No further action needed",
  duplicate: "Duplicate of another request",
};

export const REQUEST_EVENT_KINDS = [
  "submitted", "information-added", "withdrawn", "claimed", "reassigned", "asked-school",
  "school-answered", "advised", "referred", "closed", "reopened",
] as const;
export type RequestEventKind = (typeof REQUEST_EVENT_KINDS)[number];

/** One line of the append-only history both the school and the council see. */
export interface RequestEvent {
  sequence: number;
  kind: RequestEventKind;
  at: string;
  actorAadObjectId: string;
  actorName: string;
  actorRole: "senco" | "advisor";
  summary: string;
  detail: string | undefined;
  statusAfter: RequestStatus;
}

/** A refusal a person can read: why the thing they tried cannot happen. */
export class RequestRefusal extends Error {
  override name = "RequestRefusal";
}

/** Someone else changed the request first; the caller should show the latest state. */
export class RequestConflict extends Error {
  override name = "RequestConflict";
  constructor(readonly latest: AdviceRequest) {
    super(`Request ${latest.reference} was updated by someone else first.`);
  }
}

export function formatReference(year: number, n: number): string {
  return `EH-${year}-${String(n).padStart(4, "0")}`;
}

export const REFERENCE_PATTERN = /^EH-\d{4}-\d{4,}$/;

/** The text suggests a child may be at risk of harm: never queue it; show the safeguarding route. */
export class SafeguardingRedirect extends Error {
  override name = "SafeguardingRedirect";
  constructor() {
    super("This sounds like a safeguarding concern, so it was not saved.");
  }
}

/**
 * The school's text may point to a child being at risk of harm, and they have not yet been asked:
 * nothing is stored until they answer "Do you think this child may be at risk of harm?".
 */
export class PossibleSafeguarding extends Error {
  override name = "PossibleSafeguarding";
  constructor(readonly prompt: string) {
    super("Before this is saved: do you think this child may be at risk of harm?");
  }
}

/** The text contains a pupil identifier: nothing is stored; the explanation says what to remove. */
export class PupilDataRefusal extends Error {
  override name = "PupilDataRefusal";
  constructor(readonly explanation: string) {
    super(explanation);
  }
}


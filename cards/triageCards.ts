import { NEED_AREA_LABELS } from "../domain/areaPack";
import {
  CLOSE_OUTCOMES,
  OUTCOME_LABELS,
  REFERRAL_DESTINATIONS,
  REFERRAL_LABELS,
  STATUS_LABELS,
  URGENCY_LABELS,
  type AdviceRequest,
  type RequestEvent,
} from "../domain/adviceRequest";
import type { RequestReport } from "../domain/triageReports";
import { adaptiveCard, execute, facts, heading, text, typedSection, typedText, type AdaptiveCardJson, type CardAction, type CardElement } from "./card";
import { describeTried, ukDateTime } from "./requestCards";
import { VERBS } from "./verbs";

export interface TriageCardOptions {
  request: AdviceRequest;
  events: RequestEvent[];
  schoolName: string;
  localityName: string;
  advisors: Array<{ aadObjectId: string; name: string }>;
  /** Staff who see the card, for Teams' automatic refresh (at most 60). */
  refreshUserIds: string[];
  now: Date;
  notice?: string;
  /** What the advisor typed into one of the action forms, when it comes back unsaved to edit. */
  draft?: TriageDraft;
}

/** An advisor's unsaved text, put back in the form of the action (verb) it was typed for. */
export interface TriageDraft {
  verb: string;
  text: string;
  destination?: string;
  outcome?: string;
}

const HISTORY_LINES = 8;

/** The shared card in the triage channel; every advisor's action updates it for everyone. */
export function triageCard(o: TriageCardOptions): AdaptiveCardJson {
  const r = o.request;
  const overdue = !r.firstResponseAt && new Date(r.firstResponseDueAt) < o.now && (r.status === "submitted" || r.status === "assigned");
  const body: CardElement[] = [
    heading(`${r.reference}${r.urgency === "urgent" ? " (URGENT)" : ""}: ${STATUS_LABELS[r.status]}`),
  ];
  // Notices can quote typed text (masked), so they are plain text too.
  if (o.notice) body.push(typedText(o.notice, { color: "Attention", weight: "Bolder" }));
  if (r.urgency === "urgent") body.push(text("Urgent: the school says the placement is at risk.", { color: "Attention", weight: "Bolder" }));
  body.push(
    // Only our own words and configuration go in the facts: Teams reads fact values as Markdown.
    facts([
      ["Setting", `${o.schoolName} (${o.localityName})`],
      ["Year group", r.yearGroup],
      ["Main need", NEED_AREA_LABELS[r.primaryNeed]],
      ...(r.otherNeeds.length ? ([["Other needs", r.otherNeeds.map((n) => NEED_AREA_LABELS[n]).join(", ")]] as Array<[string, string]>) : []),
      ["Urgency", URGENCY_LABELS[r.urgency]],
      ["Advisor", r.assignedToName ?? (r.suggestedAdvisorName ? `Not claimed (suggested: ${r.suggestedAdvisorName})` : "Not claimed")],
      ["First response", r.firstResponseAt ? `Given ${ukDateTime(r.firstResponseAt)}` : `${overdue ? "OVERDUE, was due" : "Due"} ${ukDateTime(r.firstResponseDueAt)}${r.pausedSince ? " (paused: waiting for the school)" : ""}`],
      ...(r.referredTo ? ([["Referred to", REFERRAL_LABELS[r.referredTo]]] as Array<[string, string]>) : []),
      ...(r.outcome ? ([["Outcome", OUTCOME_LABELS[r.outcome]]] as Array<[string, string]>) : []),
    ]),
    ...typedSection("What has been tried", describeTried(r)),
    ...typedSection("Question", r.question),
    text("History", { weight: "Bolder", spacing: "Medium" }),
    ...o.events.slice(-HISTORY_LINES).map((e) => typedText(`${ukDateTime(e.at)}: ${e.summary}${e.detail ? `: "${e.detail}"` : ""}`, { size: "Small", spacing: "Small" })),
  );
  const ref = { reference: r.reference };
  const actions: CardAction[] = [];
  // The typed text (and choice) goes back into the form of the action that was refused.
  const kept = (verb: string, key: "text" | "destination" | "outcome") => {
    const value = o.draft?.verb === verb ? o.draft[key] : undefined;
    return value ? { value } : {};
  };
  const why = (verb: string) => (o.draft?.verb === verb && o.notice ? [typedText(o.notice, { color: "Attention", weight: "Bolder" })] : []);
  const open = r.status === "submitted" || r.status === "assigned" || r.status === "awaiting-school";
  if (r.status === "submitted") actions.push(execute("Claim", VERBS.triageClaim, ref));
  if (open) {
    actions.push(
      showCard(
        "Ask the school",
        [...why(VERBS.triageAskSchool), { type: "Input.Text", id: "text", label: "Your question for the school", isMultiline: true, isRequired: true, maxLength: 2000, errorMessage: "Type your question", ...kept(VERBS.triageAskSchool, "text") }],
        execute("Send question", VERBS.triageAskSchool, ref),
      ),
      showCard(
        "Send advice",
        [...why(VERBS.triageAdvise), { type: "Input.Text", id: "text", label: "Advice for the school", isMultiline: true, isRequired: true, maxLength: 4000, errorMessage: "Type your advice", ...kept(VERBS.triageAdvise, "text") }],
        execute("Send advice", VERBS.triageAdvise, ref),
      ),
      showCard(
        "Refer on",
        [
          ...why(VERBS.triageRefer),
          { type: "Input.ChoiceSet", id: "destination", label: "Refer to", isRequired: true, errorMessage: "Choose where to refer", choices: REFERRAL_DESTINATIONS.map((d) => ({ title: REFERRAL_LABELS[d], value: d })), ...kept(VERBS.triageRefer, "destination") },
          { type: "Input.Text", id: "text", label: "Note for the school (optional)", isMultiline: true, maxLength: 2000, ...kept(VERBS.triageRefer, "text") },
        ],
        execute("Refer", VERBS.triageRefer, ref),
      ),
      showCard(
        "Reassign",
        [{ type: "Input.ChoiceSet", id: "advisor", label: "Advisor", isRequired: true, errorMessage: "Choose an advisor", choices: o.advisors.map((a) => ({ title: a.name, value: a.aadObjectId })) }],
        execute("Reassign", VERBS.triageReassign, ref),
      ),
    );
  }
  if (r.status !== "closed" && r.status !== "withdrawn")
    actions.push(
      showCard(
        "Close",
        [
          ...why(VERBS.triageClose),
          { type: "Input.ChoiceSet", id: "outcome", label: "Outcome", isRequired: true, errorMessage: "Choose an outcome", choices: CLOSE_OUTCOMES.map((c) => ({ title: OUTCOME_LABELS[c], value: c })), ...kept(VERBS.triageClose, "outcome") },
          { type: "Input.Text", id: "text", label: "Note (optional)", isMultiline: true, maxLength: 2000, ...kept(VERBS.triageClose, "text") },
        ],
        execute("Close request", VERBS.triageClose, ref),
      ),
    );
  if (r.status === "closed" || r.status === "advised" || r.status === "referred") actions.push(execute("Reopen", VERBS.triageReopen, ref));
  return adaptiveCard(body, actions, {
    // Teams' automatic refresh would replace the form holding the advisor's unsaved text, so a
    // card carrying a draft has none; the next change to the request brings the shared card back.
    ...(o.draft ? {} : { refresh: { action: execute("Refresh", VERBS.triageRefresh, ref), userIds: o.refreshUserIds.slice(0, 60) } }),
    fallbackText: `${r.reference}: ${STATUS_LABELS[r.status]}`,
  });
}

function showCard(title: string, inputs: CardElement[], submit: CardAction): CardAction {
  return { type: "Action.ShowCard", title, card: adaptiveCard(inputs, [submit]) };
}

export interface QueueView {
  unclaimed: AdviceRequest[];
  overdue: AdviceRequest[];
  awaitingSchool: number;
  byLocality: Array<{ name: string; open: number; unclaimed: number }>;
}

/** Requests per list on one page of the queue card. */
export const QUEUE_PAGE = 15;

export function queueCard(q: QueueView, now: Date, page = 0): AdaptiveCardJson {
  const slice = (list: AdviceRequest[]) => list.slice(page * QUEUE_PAGE, (page + 1) * QUEUE_PAGE);
  const more = q.unclaimed.length > (page + 1) * QUEUE_PAGE || q.overdue.length > (page + 1) * QUEUE_PAGE;
  const line = (r: AdviceRequest) => text(`**${r.reference}**${r.urgency === "urgent" ? " (urgent)" : ""}: ${r.yearGroup}, ${NEED_AREA_LABELS[r.primaryNeed].toLowerCase()}; due ${ukDateTime(r.firstResponseDueAt)}${r.assignedToName ? `; ${r.assignedToName}` : ""}`, { size: "Small", spacing: "Small" });
  return adaptiveCard(
    [
      heading("Triage queue"),
      text(`As at ${ukDateTime(now.toISOString())}${page ? `, page ${page + 1}` : ""}`, { isSubtle: true, spacing: "None" }),
      text(`Unclaimed (${q.unclaimed.length})`, { weight: "Bolder", spacing: "Medium" }),
      ...(slice(q.unclaimed).length ? slice(q.unclaimed).map(line) : [text(page ? "No more." : "None.", { size: "Small" })]),
      text(`Overdue for a first response (${q.overdue.length})`, { weight: "Bolder", spacing: "Medium", color: q.overdue.length ? "Attention" : "Default" }),
      ...(slice(q.overdue).length ? slice(q.overdue).map(line) : [text(page ? "No more." : "None.", { size: "Small" })]),
      text(`Waiting for schools: ${q.awaitingSchool}`, { spacing: "Medium" }),
      text("By locality", { weight: "Bolder", spacing: "Medium" }),
      facts(q.byLocality.map((l) => [l.name, `${l.open} open, ${l.unclaimed} unclaimed`])),
    ],
    [
      execute("Refresh", VERBS.triageQueue),
      ...(more ? [execute("Next page", VERBS.triageQueue, { page: page + 1 })] : []),
      ...[...slice(q.overdue), ...slice(q.unclaimed).filter((r) => !q.overdue.includes(r))].slice(0, 3).map((r) => execute(`Open ${r.reference}`, VERBS.triageRefresh, { reference: r.reference })),
    ],
    { fallbackText: `Triage queue: ${q.unclaimed.length} unclaimed, ${q.overdue.length} overdue` },
  );
}

export type ReportView = RequestReport & { periodLabel: string };

export const REPORT_PERIODS = { "7": "the last 7 days", "30": "the last 30 days", "90": "the last 90 days", "365": "the last year" } as const;

export function reportCard(r: ReportView): AdaptiveCardJson {
  const section = (title: string, rows: Array<[string, number]>) => [
    text(title, { weight: "Bolder", spacing: "Medium" }),
    rows.length ? facts(rows.map(([k, v]) => [k, String(v)])) : text("None.", { size: "Small" }),
  ];
  return adaptiveCard(
    [
      heading(`Advice requests: ${r.periodLabel}`),
      facts([
        ["Requests", String(r.total)],
        ["Median time to first response", r.medianFirstResponseWorkingDays === undefined ? "No responses yet" : `${r.medianFirstResponseWorkingDays.toFixed(1)} working days`],
        ["First responses on time", r.responded ? `${r.respondedWithinTarget} of ${r.responded}` : "None yet"],
      ]),
      ...section("By main area of need", r.byNeed),
      ...section("By locality", r.byLocality),
      ...section("By outcome (closed requests)", r.byOutcome),
    ],
    [
      {
        type: "Action.ShowCard",
        title: "Another period",
        card: adaptiveCard(
          [{ type: "Input.ChoiceSet", id: "days", label: "Period", value: "30", choices: Object.entries(REPORT_PERIODS).map(([value, title]) => ({ title, value })) }],
          [execute("Show report", VERBS.triageReport)],
        ),
      },
    ],
    { fallbackText: `Advice requests, ${r.periodLabel}: ${r.total}` },
  );
}

export function slaReminderCard(r: AdviceRequest, kind: "dueSoon" | "overdue", schoolName: string): AdaptiveCardJson {
  return adaptiveCard(
    [
      heading(kind === "overdue" ? `Overdue: ${r.reference}` : `Due soon: ${r.reference}`),
      text(
        kind === "overdue"
          ? `The first response to ${schoolName} was due ${ukDateTime(r.firstResponseDueAt)}.`
          : `The first response to ${schoolName} is due ${ukDateTime(r.firstResponseDueAt)}: less than a working day away.`,
        { color: kind === "overdue" ? "Attention" : "Warning" },
      ),
      facts([
        ["Status", STATUS_LABELS[r.status]],
        ["Advisor", r.assignedToName ?? "Not claimed"],
        ["Main need", NEED_AREA_LABELS[r.primaryNeed]],
      ]),
    ],
    [execute("Open the request", VERBS.triageRefresh, { reference: r.reference })],
    { fallbackText: `${kind === "overdue" ? "Overdue" : "Due soon"}: ${r.reference}` },
  );
}

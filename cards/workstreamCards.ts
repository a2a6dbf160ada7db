import { ACTION_STATUSES_FOR_CARDS, RAG_NAMES, STATUS_NAMES, type ActionUpdate, type ActionUpdateTextField, type WorkstreamAction } from "../domain/workstreams";
import type { BoardReport } from "../domain/boardReport";
import { adaptiveCard, execute, facts, heading, text, typedText, type AdaptiveCardJson, type CardAction, type CardElement } from "./card";
import { ukDateTime } from "./requestCards";
import { VERBS } from "./verbs";

export interface ActionContext {
  priorityTitle: string;
  workstreamTitle: string;
  leadNames: string[];
  /** Leads and the programme office: Teams refreshes the card for them (at most 60). */
  editorIds: string[];
  today: string;
}

const RAG_COLOUR = { green: "Good", amber: "Warning", red: "Attention" } as const;
const ukDate = (iso: string) => new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));

const keyOf = (a: WorkstreamAction) => ({ workstreamId: a.workstreamId, actionId: a.id });

/** The shared card for one action: everyone sees it; only editors' updates are accepted. */
export function actionCard(a: WorkstreamAction, c: ActionContext, notice?: string): AdaptiveCardJson {
  const overdue = a.status !== "complete" && !!a.dueDate && a.dueDate < c.today;
  const body: CardElement[] = [
    // Many plans name a priority's only workstream after it: say the name once.
    text(c.priorityTitle === c.workstreamTitle ? c.priorityTitle : `${c.priorityTitle} · ${c.workstreamTitle}`, { isSubtle: true, size: "Small" }),
    heading(a.title),
  ];
  // Notices can quote typed text (masked), so they are plain text too.
  if (notice) body.push(typedText(notice, { color: "Attention", weight: "Bolder" }));
  body.push(
    // The rating is named in words as well as colour; the lead's reason is shown as typed.
    a.ragReason ? typedText(a.ragReason, { label: `${RAG_NAMES[a.rag]}: `, color: RAG_COLOUR[a.rag] }) : text(`**${RAG_NAMES[a.rag]}**`, { color: RAG_COLOUR[a.rag] }),
    // Facts hold only the plan's own wording (imported by the programme office) and our labels.
    facts([
      ["Status", STATUS_NAMES[a.status]],
      ["Due", a.dueDate ? `${ukDate(a.dueDate)}${overdue ? " (OVERDUE)" : ""}` : "No date set"],
      ...(a.proposedDueDate ? ([["Proposed new date", ukDate(a.proposedDueDate)]] as Array<[string, string]>) : []),
      ["Lead", c.leadNames.join(", ") || "Not yet named"],
      ...(a.measure ? ([["Measure", a.measure]] as Array<[string, string]>) : []),
      ...(a.expectedChange ? ([["Expected change", a.expectedChange]] as Array<[string, string]>) : []),
      ["Last update", `${ukDateTime(a.updatedAt)} by ${a.updatedByName}`],
    ]),
  );
  if (a.progressNote) body.push(text("Latest progress", { weight: "Bolder", spacing: "Medium" }), typedText(a.progressNote, { spacing: "None" }));
  if (a.evidenceLinks.length) body.push(text("Evidence", { weight: "Bolder", spacing: "Medium" }), ...a.evidenceLinks.map(evidenceLink));
  return adaptiveCard(body, [execute("Update", VERBS.actionEdit, keyOf(a)), execute("History", VERBS.actionHistory, keyOf(a))], {
    refresh: { action: execute("Refresh", VERBS.actionRefresh, keyOf(a)), userIds: c.editorIds.slice(0, 60) },
    fallbackText: `${a.title}: ${RAG_NAMES[a.rag]}, ${STATUS_NAMES[a.status]}`,
  });
}

/**
 * A lead's evidence link, shown as the address they typed (so what is seen is where it goes) and
 * opening only web addresses; not a Markdown link, which typed "](…)" could rewrite.
 */
function evidenceLink(link: string): CardElement {
  const web = /^https?:\/\//i.test(link);
  return typedText(link, { spacing: "None", ...(web ? { url: link } : {}) });
}

/** Why an update came back unsaved: the explanation, shown by the form, and the fields holding it. */
export interface UpdateProblem {
  explanation: string;
  fields: readonly ActionUpdateTextField[];
}

/**
 * The same card with edit controls, for a lead or the programme office. `entered` puts back what
 * was typed; `problem` shows why it was not saved beside the form and marks the fields concerned.
 */
export function actionEditCard(a: WorkstreamAction, c: ActionContext, notice?: string, entered?: Record<string, string>, problem?: UpdateProblem): AdaptiveCardJson {
  const card = actionCard(a, c, notice);
  const v = (k: string, fallback: string) => entered?.[k] ?? fallback;
  const flag = (field: ActionUpdateTextField): CardElement[] =>
    problem?.fields.includes(field) ? [text("Remove the pupil's details from this field.", { color: "Attention", size: "Small", spacing: "None" })] : [];
  card.body.push(
    text("Update this action", { weight: "Bolder", size: "Medium", spacing: "Large", separator: true }),
    ...(problem ? [typedText(problem.explanation, { color: "Attention", weight: "Bolder" })] : []),
    { type: "Input.ChoiceSet", id: "status", label: "Status", isRequired: true, value: v("status", a.status), choices: ACTION_STATUSES_FOR_CARDS.map((s) => ({ title: STATUS_NAMES[s], value: s })) },
    { type: "Input.ChoiceSet", id: "rag", label: "RAG rating", isRequired: true, value: v("rag", a.rag), choices: (["green", "amber", "red"] as const).map((r) => ({ title: RAG_NAMES[r], value: r })) },
    { type: "Input.Text", id: "ragReason", label: "Reason for the rating (needed for Amber or Red)", isMultiline: true, maxLength: 1000, value: v("ragReason", a.ragReason ?? "") },
    ...flag("ragReason"),
    { type: "Input.Text", id: "progressNote", label: "Progress note", isMultiline: true, maxLength: 2000, value: v("progressNote", "") },
    ...flag("progressNote"),
    { type: "Input.Text", id: "evidenceLink", label: "Evidence link (optional)", style: "Url", maxLength: 500, value: v("evidenceLink", "") },
    ...flag("evidenceLink"),
    { type: "Input.Date", id: "proposedDueDate", label: "Propose a new due date (optional)", value: v("proposedDueDate", "") },
  );
  card.actions = [
    { ...execute("Save update", VERBS.actionUpdate, { ...keyOf(a), version: a.version }), associatedInputs: "auto" },
    { ...execute("Cancel", VERBS.actionView, keyOf(a)), associatedInputs: "none" },
  ];
  return card;
}

export function actionHistoryCard(a: WorkstreamAction, updates: ActionUpdate[]): AdaptiveCardJson {
  const lines = updates.length
    ? [...updates].reverse().slice(0, 25).map((u) => typedText(`${ukDateTime(u.at)}, ${u.byName}: ${u.summary}${u.note ? `\n${u.note}` : ""}`, { size: "Small", spacing: "Small" }))
    : [text("No updates yet.")];
  return adaptiveCard([heading(`History: ${a.title}`), ...lines], [execute("Back to the action", VERBS.actionView, keyOf(a))], {
    fallbackText: `History of ${a.title}: ${updates.length} updates`,
  });
}

export function actionReminderCard(items: Array<{ action: WorkstreamAction; reason: string }>): AdaptiveCardJson {
  return adaptiveCard(
    [heading("Your workstream actions need an update"), ...items.map((i) => text(`**${i.action.title}**: ${i.reason}`, { spacing: "Small" }))],
    items.slice(0, 5).map((i) => execute(`Update: ${i.action.title.slice(0, 30)}`, VERBS.actionEdit, keyOf(i.action))),
    { fallbackText: `${items.length} workstream actions need an update` },
  );
}

export function weeklyDigestCard(workstreamTitle: string, changes: Array<{ title: string; summary: string; by: string; at: string }>, overdue: WorkstreamAction[]): AdaptiveCardJson {
  return adaptiveCard(
    [
      heading(`This week in ${workstreamTitle}`),
      text("What changed", { weight: "Bolder", spacing: "Medium" }),
      ...(changes.length ? changes.slice(0, 20).map((c) => text(`${c.title}: ${c.summary} (${c.by}, ${ukDateTime(c.at)})`, { size: "Small", spacing: "Small" })) : [text("No updates this week.", { size: "Small" })]),
      text("Overdue", { weight: "Bolder", spacing: "Medium" }),
      ...(overdue.length ? overdue.map((a) => text(`${a.title} (due ${a.dueDate ? ukDate(a.dueDate) : ""})`, { size: "Small", spacing: "Small", color: "Attention" })) : [text("Nothing overdue.", { size: "Small" })]),
    ],
    [],
    { fallbackText: `This week in ${workstreamTitle}: ${changes.length} changes, ${overdue.length} overdue` },
  );
}

export function boardReportCard(r: BoardReport, downloads: { html: string; markdown: string } | undefined): AdaptiveCardJson {
  const body: CardElement[] = [
    heading("Partnership board: highlight report"),
    text(`${r.areaName}. ${r.since ? `Changes since the board on ${ukDate(r.since)}.` : "No earlier board date: all changes are shown."}`, { isSubtle: true }),
  ];
  for (const p of r.priorities) {
    body.push(
      text(`**${p.title}**: ${p.rag ? RAG_NAMES[p.rag] : "Not rated"}`, { spacing: "Medium", separator: true, ...(p.rag ? { color: RAG_COLOUR[p.rag] } : {}) }),
      text(`${p.actionCount} actions; ${p.changes.length} updates since the last board; ${p.overdue.length} overdue; ${p.atRisk.length} at risk.`, { size: "Small", spacing: "None" }),
      // The reason is a lead's typed text: plain, never Markdown.
      ...p.atRisk.slice(0, 3).map((a) => typedText(`At risk: ${a.title} (${RAG_NAMES[a.rag]}${a.ragReason ? `: ${a.ragReason}` : ""})`, { size: "Small", spacing: "None" })),
      ...p.overdue.slice(0, 3).map((a) => text(`Overdue: ${a.title}`, { size: "Small", spacing: "None", color: "Attention" })),
    );
  }
  body.push(text(`How the roll-up works: ${r.rule}`, { isSubtle: true, size: "Small", spacing: "Medium" }));
  const actions: CardAction[] = downloads
    ? [
        { type: "Action.OpenUrl", title: "Download for board papers (HTML)", url: downloads.html },
        { type: "Action.OpenUrl", title: "Download (Markdown)", url: downloads.markdown },
      ]
    : [];
  actions.push(execute("Refresh", VERBS.boardReport));
  return adaptiveCard(body, actions, { fallbackText: `Highlight report: ${r.priorities.map((p) => `${p.title} ${p.rag ? RAG_NAMES[p.rag] : "not rated"}`).join("; ")}` });
}

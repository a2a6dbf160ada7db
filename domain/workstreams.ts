import { z } from "zod";
import type { AreaPack, Person } from "./areaPack";
import { ActionStatus, Rag } from "./areaPack";
import { roleOf } from "./directory";
import { screenForPupilData } from "./textScreening";

/** One action of the local area's SEND improvement plan, as leads update it. */
export interface WorkstreamAction {
  areaId: string;
  priorityId: string;
  workstreamId: string;
  id: string;
  title: string;
  description: string;
  leadIds: string[];
  /** Lead names as the plan gives them when they are not registered people (e.g. from a CSV). */
  leadNames: string[];
  dueDate: string | undefined;
  proposedDueDate: string | undefined;
  status: ActionStatus;
  rag: Rag;
  ragReason: string | undefined;
  measure: string | undefined;
  expectedChange: string | undefined;
  progressNote: string | undefined;
  evidenceLinks: string[];
  updatedAt: string;
  updatedByName: string;
  /** Updates so far; the next update's sequence, and the version an edit form was opened on. */
  version: number;
  cardPost: { conversationId: string; activityId: string } | undefined;
  /** When the leads were last reminded, so reminders come at most weekly. */
  lastRemindedAt?: string;
}

export const STATUS_NAMES: Record<ActionStatus, string> = {
  "not-started": "Not started",
  "in-progress": "In progress",
  complete: "Complete",
  "on-hold": "On hold",
};
export const ACTION_STATUSES_FOR_CARDS: readonly ActionStatus[] = ["not-started", "in-progress", "on-hold", "complete"];
export const RAG_NAMES: Record<Rag, string> = { green: "Green", amber: "Amber", red: "Red" };

/** One line of an action's append-only update log. */
export interface ActionUpdate {
  sequence: number;
  at: string;
  byAadObjectId: string;
  byName: string;
  summary: string;
  changes: Array<{ field: string; from: string; to: string }>;
  note: string | undefined;
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "use a date like 2027-03-31");

/** What a lead submits from the card. Empty strings from card inputs mean "not given". */
export const ActionUpdateInput = z
  .object({
    status: ActionStatus,
    rag: Rag,
    ragReason: z.string().trim().max(1000).default(""),
    progressNote: z.string().trim().max(2000).default(""),
    evidenceLink: z.union([z.literal(""), z.string().trim().url("give the evidence as a web link starting https://")]).default(""),
    proposedDueDate: z.union([z.literal(""), isoDate]).default(""),
  })
  .superRefine((u, ctx) => {
    if (u.rag !== "green" && !u.ragReason)
      ctx.addIssue({ code: "custom", path: ["ragReason"], message: `say why the action is ${RAG_NAMES[u.rag]}` });
  });
export type ActionUpdateInput = z.infer<typeof ActionUpdateInput>;

export class WorkstreamRefusal extends Error {
  override name = "WorkstreamRefusal";
}

/** Someone saved an update after this form was opened: show them the latest instead. */
export class ActionChangedFirst extends Error {
  override name = "ActionChangedFirst";
  constructor(readonly latest: WorkstreamAction) {
    super(`${latest.updatedByName} updated this first. Here is the latest; check it and save your update again if it still applies.`);
  }
}

/** The free-text fields of a lead's update, as the edit form names its inputs. */
export const ACTION_UPDATE_TEXT_FIELDS = ["ragReason", "progressNote", "evidenceLink"] as const;
export type ActionUpdateTextField = (typeof ACTION_UPDATE_TEXT_FIELDS)[number];

/** A lead's update holds something that could identify a pupil: nothing of it is saved. */
export class PupilDataInActionUpdate extends Error {
  override name = "PupilDataInActionUpdate";
  constructor(
    readonly explanation: string,
    /** the fields holding it, so the form can mark them */
    readonly fields: ActionUpdateTextField[],
  ) {
    super(explanation);
  }
}

/**
 * Action cards are seen by the whole partnership and kept in the plan's history, so no pupil
 * identifier may be stored there. Leads write about services, not children; safeguarding words
 * in an update are part of their work and are not screened.
 */
export function screenActionUpdate(input: Pick<ActionUpdateInput, ActionUpdateTextField>): void {
  const found = screenForPupilData(...ACTION_UPDATE_TEXT_FIELDS.map((f) => input[f]));
  if (!found) return;
  throw new PupilDataInActionUpdate(found.explanation, ACTION_UPDATE_TEXT_FIELDS.filter((f) => screenForPupilData(input[f])));
}

/** Only the workstream's leads and the programme office edit its actions. */
export function canEditWorkstream(person: Person | undefined, workstreamId: string): boolean {
  if (!person) return false;
  if (roleOf(person.roles, "programme-office")) return true;
  return !!roleOf(person.roles, "workstream-lead")?.workstreamIds.includes(workstreamId);
}

export function workstreamOf(area: AreaPack, workstreamId: string) {
  for (const p of area.priorities) {
    const w = p.workstreams.find((x) => x.id === workstreamId);
    if (w) return { priority: p, workstream: w };
  }
  return undefined;
}

/** Applies an update: the new action, and the log line saying what changed. */
export function applyActionUpdate(action: WorkstreamAction, input: ActionUpdateInput, by: Person, now: Date): { action: WorkstreamAction; update: ActionUpdate } {
  const next: WorkstreamAction = {
    ...action,
    status: input.status,
    rag: input.rag,
    ragReason: input.rag === "green" ? input.ragReason || undefined : input.ragReason,
    progressNote: input.progressNote || action.progressNote,
    evidenceLinks: input.evidenceLink && !action.evidenceLinks.includes(input.evidenceLink) ? [...action.evidenceLinks, input.evidenceLink] : action.evidenceLinks,
    proposedDueDate: input.proposedDueDate || action.proposedDueDate,
    updatedAt: now.toISOString(),
    updatedByName: by.name,
    version: action.version + 1,
  };
  const changes: ActionUpdate["changes"] = [];
  const track = (field: string, from: string | undefined, to: string | undefined) => {
    if ((from ?? "") !== (to ?? "")) changes.push({ field, from: from ?? "", to: to ?? "" });
  };
  track("Status", STATUS_NAMES[action.status], STATUS_NAMES[next.status]);
  track("RAG", RAG_NAMES[action.rag], RAG_NAMES[next.rag]);
  track("RAG reason", action.ragReason, next.ragReason);
  track("Proposed due date", action.proposedDueDate, next.proposedDueDate);
  if (input.evidenceLink && next.evidenceLinks !== action.evidenceLinks) track("Evidence", "", input.evidenceLink);
  const summary = changes.length ? changes.map((c) => (c.field === "RAG reason" || c.field === "Evidence" ? c.field : `${c.field} ${c.from} → ${c.to}`)).join("; ") : "Progress note";
  return {
    action: next,
    update: { sequence: action.version, at: next.updatedAt, byAadObjectId: by.aadObjectId, byName: by.name, summary, changes, note: input.progressNote || undefined },
  };
}

/** An action counts as overdue when it is past its due date and not complete. */
export function isActionOverdue(a: WorkstreamAction, today: string): boolean {
  return a.status !== "complete" && !!a.dueDate && a.dueDate < today;
}

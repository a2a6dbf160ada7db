import { z } from "zod";

/**
 * Everything a change causes outside the process (a channel post, a card refresh, a chat message,
 * an audit line), as data. Effects are written in the same transaction as the change that causes
 * them and delivered later by the outbox worker, so a change is never saved without its effects
 * or its effects sent without the change. They carry ids and references, never typed text: the
 * worker renders cards from the latest stored state.
 */
const area = { areaId: z.string().min(1).max(100) };
const ref = { ...area, reference: z.string().min(1).max(40) };
const aad = z.string().min(1).max(200);
const workstream = { ...area, workstreamId: z.string().min(1).max(200) };

export const Effect = z.discriminatedUnion("kind", [
  /** An audit line for a change (who did what to which record; never the text). */
  z.object({ kind: z.literal("audit"), ...area, at: z.string(), actor: z.string().max(200), action: z.string().max(80), subject: z.string().max(400), detail: z.string().max(200) }),
  /** A new request's card in the triage channel; the worker records where it went. */
  z.object({ kind: z.literal("triage-post"), ...ref }),
  /** The triage channel's card redrawn for everyone from the latest state. */
  z.object({ kind: z.literal("triage-refresh"), ...ref }),
  /** One step of the history, to the SENCO's chat. */
  z.object({ kind: z.literal("senco-update"), ...ref, sequence: z.number().int().min(0) }),
  /** An advisor is told a request was passed to them. */
  z.object({ kind: z.literal("advisor-handover"), ...ref, advisorAadObjectId: aad, byName: z.string().max(200) }),
  /** A response-time reminder, to the triage channel or the assigned advisor. */
  z.object({ kind: z.literal("sla-alert"), ...ref, alert: z.enum(["dueSoon", "overdue"]), to: z.union([z.literal("channel"), z.object({ advisorAadObjectId: aad })]) }),
  /** A workstream action's channel card, posted first time or redrawn for everyone. */
  z.object({ kind: z.literal("action-card-post"), ...workstream, actionId: z.string().min(1).max(200), channelId: z.string().min(1).max(512) }),
  z.object({ kind: z.literal("action-card-refresh"), ...workstream, actionId: z.string().min(1).max(200) }),
  /** A lead's reminder of overdue or quiet actions in one workstream. */
  z.object({ kind: z.literal("lead-reminder"), ...workstream, leadAadObjectId: aad, items: z.array(z.object({ actionId: z.string().max(200), reason: z.string().max(200) })).max(90) }),
  /** The weekly digest for one workstream channel. */
  z.object({ kind: z.literal("weekly-digest"), ...workstream, channelId: z.string().min(1).max(512), since: z.string() }),
  /** The highlight report before a board date. */
  z.object({ kind: z.literal("board-rollup"), ...area, channelId: z.string().min(1).max(512), boardDate: z.string() }),
]);
export type Effect = z.infer<typeof Effect>;
export type EffectKind = Effect["kind"];

/** An effect with the id that makes its delivery happen once. */
export interface PlannedEffect {
  id: string;
  effect: Effect;
}

/** Where an effect row lives: it shares a table and partition with the record its change wrote. */
export type OutboxTable = "AdviceRequests" | "Actions" | "Areas";
export interface EffectAddress {
  table: OutboxTable;
  partitionKey: string;
  effectId: string;
}

/** Hands effects to the worker after their transaction committed; never throws (a sweep catches up). */
export interface EffectDispatcher {
  dispatch(addresses: readonly EffectAddress[]): Promise<void>;
}

/** An audit effect for a change, with the time it happened. */
export function auditEffect(areaId: string, at: Date, actor: string, action: string, subject: string, detail = ""): Effect {
  return { kind: "audit", areaId, at: at.toISOString(), actor, action, subject, detail };
}

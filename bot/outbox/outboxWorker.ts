import { Effect, type EffectAddress, type OutboxTable } from "../../domain/effects";
import { WaitingEffects, type QueueEffectDispatcher } from "../../storage/effectQueue";
import { compositeKey, encodeKey } from "../../storage/keys";
import { OutboxRows } from "../../storage/outbox";
import { TABLES, type TableName, type TableStore } from "../../storage/tables";
import type { BotDeps } from "../deps";
import { workstreamIdsOf } from "../workstreamPosting";
import { deliverEffect } from "./deliverEffect";

/** What the worker needs beyond the bot's deps: the outbox tables, the waiting index and the queue. */
export interface OutboxDeps {
  rows: (table: OutboxTable) => OutboxRows;
  waiting: WaitingEffects;
  queue: QueueEffectDispatcher;
  retryBaseMs: number;
  maxAttempts: number;
}

/** A worker keeps an effect this long; if it dies, another takes over after. */
const LEASE_MS = 60_000;
const MAX_BACKOFF_MS = 10 * 60_000;

export type EffectResult = "delivered" | "waiting" | "retrying" | "dead" | "skipped";

/**
 * Delivers one effect exactly once where it can: lease the row (ETag), deliver, delete the row.
 * A second message for the same effect finds no row, or a leased one, and does nothing. Failures
 * back off (doubling, honouring Retry-After) and are dead-lettered after the last attempt with an
 * error line a monitor can alert on; a person or channel that cannot be reached yet parks it.
 */
export async function processEffect(deps: BotDeps, address: EffectAddress, outbox: OutboxDeps = deps.outbox): Promise<EffectResult> {
  const rows = outbox.rows(address.table);
  const now = deps.now();
  const leased = await rows.lease(address.partitionKey, address.effectId, now, LEASE_MS);
  if (!leased) return "skipped";
  const parsed = Effect.safeParse(safeJson(leased.row.json));
  if (!parsed.success) {
    await rows.reschedule(address.partitionKey, address.effectId, leased, { state: "dead", lastError: "malformed effect" });
    deps.log.error("Outbox effect dead-lettered", { alert: "outbox-dead-letter", effectId: address.effectId, table: address.table, reason: "malformed effect" });
    return "dead";
  }
  const effect = parsed.data;
  let outcome;
  try {
    outcome = await deliverEffect(deps, address.effectId, effect);
  } catch (err) {
    const failure = describeFailure(err);
    const attempts = leased.row.attempts;
    if (!failure.retryable || attempts >= outbox.maxAttempts) {
      await rows.reschedule(address.partitionKey, address.effectId, leased, { state: "dead", lastError: failure.summary });
      deps.log.error("Outbox effect dead-lettered", { alert: "outbox-dead-letter", effectId: address.effectId, kind: effect.kind, area: effect.areaId, attempts, reason: failure.summary });
      return "dead";
    }
    const backoff = Math.min(MAX_BACKOFF_MS, outbox.retryBaseMs * 2 ** (attempts - 1)) * (0.8 + Math.random() * 0.4);
    const delayMs = Math.max(backoff, failure.retryAfterMs ?? 0);
    await rows.reschedule(address.partitionKey, address.effectId, leased, { state: "pending", nextAttemptAt: new Date(now.getTime() + delayMs).toISOString(), lastError: failure.summary });
    await outbox.queue.send(address, delayMs / 1000);
    deps.log.warn("Outbox effect failed; retrying later", { effectId: address.effectId, kind: effect.kind, attempts, retryInMs: Math.round(delayMs), reason: failure.summary });
    return "retrying";
  }
  if ("waitingFor" in outcome) {
    await outbox.waiting.park(effect.areaId, outcome.waitingFor, address, now);
    await rows.reschedule(address.partitionKey, address.effectId, leased, { state: "waiting", waitingFor: outcome.waitingFor });
    deps.log.info("Outbox effect waits until it can be delivered", { effectId: address.effectId, kind: effect.kind, waitingFor: outcome.waitingFor.split(":")[0] });
    return "waiting";
  }
  await rows.complete(address.partitionKey, address.effectId);
  return "delivered";
}

/** Someone became reachable (first chat, a channel chosen): their parked effects go back to the queue. */
export async function releaseWaiting(deps: BotDeps, areaId: string, waitingFor: string, outbox: OutboxDeps = deps.outbox): Promise<number> {
  let released = 0;
  for (const w of await outbox.waiting.waitingFor(areaId, waitingFor)) {
    if (await outbox.rows(w.table).release(w.partitionKey, w.effectId, deps.now())) {
      await outbox.queue.send(w, 0);
      released++;
    }
    await outbox.waiting.remove(areaId, w.rowKey);
  }
  return released;
}

/** Every outbox partition of the deployment: each area's requests and settings, each workstream's actions. */
export function outboxPartitions(deps: BotDeps): Array<{ table: OutboxTable; partitionKey: string }> {
  return deps.packs.flatMap((area) => {
    return [
      { table: "AdviceRequests" as const, partitionKey: encodeKey(area.id) },
      { table: "Areas" as const, partitionKey: encodeKey(area.id) },
      ...workstreamIdsOf(deps, area).map((w) => ({ table: "Actions" as const, partitionKey: compositeKey(area.id, w) })),
    ];
  });
}

/** Effects that are due but have no message in flight (a lost enqueue, an expired lease), by key range. */
export async function dueEffects(deps: BotDeps, outbox: OutboxDeps = deps.outbox): Promise<EffectAddress[]> {
  const now = deps.now();
  const found = await Promise.all(outboxPartitions(deps).map(async (p) => (await outbox.rows(p.table).due(p.partitionKey, now)).map((effectId) => ({ ...p, effectId }))));
  return found.flat();
}

/** The sweep timer: re-queues what is due. */
export async function sweepOutbox(deps: BotDeps, outbox: OutboxDeps = deps.outbox): Promise<number> {
  const due = await dueEffects(deps, outbox);
  await outbox.queue.dispatch(due);
  return due.length;
}

/** Delivers everything due, in this process, until nothing is left (tests, and a manual catch-up). */
export async function drainOutbox(deps: BotDeps, rounds = 10, outbox: OutboxDeps = deps.outbox): Promise<Record<EffectResult, number>> {
  const counts: Record<EffectResult, number> = { delivered: 0, waiting: 0, retrying: 0, dead: 0, skipped: 0 };
  for (let i = 0; i < rounds; i++) {
    const due = await dueEffects(deps, outbox);
    if (!due.length) break;
    for (const address of due) counts[await processEffect(deps, address, outbox)]++;
  }
  return counts;
}

export function outboxDeps(tables: TableStore, queue: QueueEffectDispatcher, config: { retryBaseMs: number; maxAttempts: number }): OutboxDeps {
  const rows = new Map<OutboxTable, OutboxRows>();
  const names: Record<OutboxTable, TableName> = { AdviceRequests: TABLES.adviceRequests, Actions: TABLES.actions, Areas: TABLES.areas };
  return {
    rows: (table) => {
      let r = rows.get(table);
      if (!r) rows.set(table, (r = new OutboxRows(tables.client(names[table]))));
      return r;
    },
    waiting: new WaitingEffects(tables.client(TABLES.outboxWaiting)),
    queue,
    ...config,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** What a failure means for retrying: Teams' throttling and outages are retried, a refusal is not. */
export function describeFailure(err: unknown): { retryable: boolean; retryAfterMs: number | undefined; summary: string } {
  const e = (typeof err === "object" && err !== null ? err : {}) as { statusCode?: unknown; status?: unknown; code?: unknown; response?: { headers?: unknown; status?: unknown } };
  const status = typeof e.statusCode === "number" ? e.statusCode : typeof e.status === "number" ? e.status : typeof e.response?.status === "number" ? e.response.status : undefined;
  const retryAfterMs = retryAfter(e.response?.headers);
  // 4xx other than timeouts, conflicts and throttling will not get better by trying again (e.g. the bot was removed).
  const retryable = status === undefined || status >= 500 || status === 408 || status === 409 || status === 412 || status === 429;
  const summary = status !== undefined ? `HTTP ${status}` : typeof e.code === "string" ? e.code : err instanceof Error ? err.name : "unknown";
  return { retryable, retryAfterMs, summary };
}

function retryAfter(headers: unknown): number | undefined {
  let value: unknown;
  if (headers && typeof headers === "object") {
    const h = headers as { get?: (name: string) => unknown } & Record<string, unknown>;
    value = typeof h.get === "function" ? h.get("retry-after") : (h["retry-after"] ?? h["Retry-After"]);
  }
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.min(seconds * 1000, MAX_BACKOFF_MS);
  const date = Date.parse(String(value));
  return Number.isFinite(date) ? Math.min(Math.max(0, date - Date.now()), MAX_BACKOFF_MS) : undefined;
}

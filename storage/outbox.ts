import type { TableClient, TransactionAction } from "@azure/data-tables";
import { AlreadyApplied, type ChangeExtras } from "../domain/adviceRequestStore";
import type { EffectAddress, OutboxTable, PlannedEffect } from "../domain/effects";
import { decodeKey, encodeKey, odataString } from "./keys";
import { getEntityOrUndefined, isStatus } from "./tables";

/**
 * The transactional outbox. Effect rows live beside the record their change wrote (same table,
 * same partition) so both go in one entity-group transaction; "~" sorts them after every record.
 * A delivered effect's row is deleted, so a redelivered queue message finds nothing to do.
 */
export const EFFECT_PREFIX = "~o|";
/** Idempotency markers ("this card press / message / draft was applied") share the partition too. */
export const MARKER_PREFIX = "~i|";

export type EffectState = "pending" | "waiting" | "dead";

export interface EffectRow {
  kind: "effect";
  json: string;
  effectKind: string;
  state: EffectState;
  attempts: number;
  createdAt: string;
  /** Not before this time (backoff); ISO, so it compares as a string in filters. */
  nextAttemptAt: string;
  /** A worker holds it until then; another may take over after. */
  leaseUntil: string;
  waitingFor?: string;
  lastError?: string;
}

export const effectRowKey = (effectId: string) => `${EFFECT_PREFIX}${encodeKey(effectId)}`;
export const markerRowKey = (key: string) => `${MARKER_PREFIX}${encodeKey(key)}`;

/** The create operations for a change's effects, to add to its transaction. */
export function effectCreates(partitionKey: string, effects: readonly PlannedEffect[], now: Date): TransactionAction[] {
  const at = now.toISOString();
  return effects.map(({ id, effect }) => {
    // An empty "next attempt" sorts before any time: due at once, whatever clock the reader keeps.
    const row: EffectRow = { kind: "effect", json: JSON.stringify(effect), effectKind: effect.kind, state: "pending", attempts: 0, createdAt: at, nextAttemptAt: "", leaseUntil: "" };
    return ["create", { partitionKey, rowKey: effectRowKey(id), ...row }];
  });
}

/** The create operation for an idempotency marker holding the result (e.g. a reference). */
export function markerCreate(partitionKey: string, key: string, result: string, now: Date): TransactionAction {
  return ["create", { partitionKey, rowKey: markerRowKey(key), kind: "marker", result, at: now.toISOString() }];
}

export async function readMarker(table: TableClient, partitionKey: string, key: string): Promise<string | undefined> {
  return (await getEntityOrUndefined<{ result: string }>(table, partitionKey, markerRowKey(key)))?.result;
}

export const addressesOf = (table: OutboxTable, partitionKey: string, effects: readonly PlannedEffect[]): EffectAddress[] =>
  effects.map((e) => ({ table, partitionKey, effectId: e.id }));

/**
 * One entity-group transaction: the change's own operations, its effects and its marker. A marker
 * that already exists means this press, message or run was applied before: AlreadyApplied, with
 * the result recorded then. Returns where the effects went, for the dispatcher.
 */
export async function submitWithOutbox(table: TableClient, outboxTable: OutboxTable, partitionKey: string, ops: readonly TransactionAction[], extras: ChangeExtras, now = new Date()): Promise<EffectAddress[]> {
  const all = [...ops, ...effectCreates(partitionKey, extras.effects ?? [], now), ...(extras.marker ? [markerCreate(partitionKey, extras.marker.key, extras.marker.result, now)] : [])];
  if (!all.length) return [];
  try {
    await table.submitTransaction(all);
  } catch (err) {
    if (extras.marker && isStatus(err, 409)) {
      const done = await readMarker(table, partitionKey, extras.marker.key);
      if (done !== undefined) throw new AlreadyApplied(done);
    }
    throw err;
  }
  return addressesOf(outboxTable, partitionKey, extras.effects ?? []);
}

export interface LeasedEffect {
  row: EffectRow;
  etag: string;
}

/** One outbox table's rows: lease, finish, back off, park or dead-letter, and sweep. */
export class OutboxRows {
  constructor(private readonly table: TableClient) {}

  /** Takes the effect for this worker; undefined when it is gone (delivered), parked, dead or leased. */
  async lease(partitionKey: string, effectId: string, now: Date, leaseMs: number): Promise<LeasedEffect | undefined> {
    const row = await getEntityOrUndefined<EffectRow>(this.table, partitionKey, effectRowKey(effectId));
    if (!row || row.state !== "pending" || row.leaseUntil > now.toISOString()) return undefined;
    const leased: EffectRow = { ...strip(row), attempts: row.attempts + 1, leaseUntil: new Date(now.getTime() + leaseMs).toISOString() };
    try {
      const res = await this.table.updateEntity({ partitionKey, rowKey: effectRowKey(effectId), ...leased }, "Replace", { etag: row.etag });
      return { row: leased, etag: res.etag ?? "*" };
    } catch (err) {
      if (isStatus(err, 412) || isStatus(err, 404)) return undefined; // another worker took it
      throw err;
    }
  }

  /** Delivered: the row goes, which is what makes a second delivery of the same message a no-op. */
  async complete(partitionKey: string, effectId: string): Promise<void> {
    try {
      await this.table.deleteEntity(partitionKey, effectRowKey(effectId));
    } catch (err) {
      if (!isStatus(err, 404)) throw err;
    }
  }

  async reschedule(partitionKey: string, effectId: string, leased: LeasedEffect, patch: Partial<EffectRow>): Promise<void> {
    const row: EffectRow = { ...leased.row, leaseUntil: "", ...patch };
    await this.table.updateEntity({ partitionKey, rowKey: effectRowKey(effectId), ...row }, "Replace", { etag: leased.etag });
  }

  /** Back to pending now (a waiting effect whose person or channel became reachable). */
  release(partitionKey: string, effectId: string, now: Date): Promise<boolean> {
    return this.backToPending(partitionKey, effectId, "waiting", { nextAttemptAt: now.toISOString(), waitingFor: "" });
  }

  /** A dead-lettered effect tried again from the start (the council pressed "try again"). */
  revive(partitionKey: string, effectId: string): Promise<boolean> {
    return this.backToPending(partitionKey, effectId, "dead", { attempts: 0, nextAttemptAt: "", lastError: "" });
  }

  /** Moves a row in state `from` back to pending (ETag-guarded); false if it is not there or moved on. */
  private async backToPending(partitionKey: string, effectId: string, from: EffectState, patch: Partial<EffectRow>): Promise<boolean> {
    const row = await getEntityOrUndefined<EffectRow>(this.table, partitionKey, effectRowKey(effectId));
    if (!row || row.state !== from) return false;
    const next: EffectRow = { ...strip(row), state: "pending", leaseUntil: "", ...patch };
    try {
      await this.table.updateEntity({ partitionKey, rowKey: effectRowKey(effectId), ...next }, "Replace", { etag: row.etag });
      return true;
    } catch (err) {
      if (isStatus(err, 412) || isStatus(err, 404)) return false;
      throw err;
    }
  }

  /** Pending effects of a partition that are due and not leased: a key-range query, never a scan. */
  async due(partitionKey: string, now: Date, limit = 200): Promise<string[]> {
    const at = odataString(now.toISOString());
    const filter = `PartitionKey eq ${odataString(partitionKey)} and RowKey ge ${odataString(EFFECT_PREFIX)} and RowKey lt ${odataString("~o}")} and state eq 'pending' and nextAttemptAt le ${at} and leaseUntil le ${at}`;
    const ids: string[] = [];
    for await (const row of this.table.listEntities<EffectRow>({ queryOptions: { filter, select: ["RowKey"] } })) {
      ids.push(decodeEffectId(row.rowKey ?? ""));
      if (ids.length >= limit) break;
    }
    return ids;
  }

  /** Every effect row of a partition that is not delivered, for the deliveries view and tests. */
  async undelivered(partitionKey: string): Promise<Array<EffectRow & { effectId: string }>> {
    const filter = `PartitionKey eq ${odataString(partitionKey)} and RowKey ge ${odataString(EFFECT_PREFIX)} and RowKey lt ${odataString("~o}")}`;
    const out: Array<EffectRow & { effectId: string }> = [];
    for await (const row of this.table.listEntities<EffectRow>({ queryOptions: { filter } })) out.push({ ...strip(row), effectId: decodeEffectId(row.rowKey ?? "") });
    return out;
  }
}

function decodeEffectId(rowKey: string): string {
  return decodeKey(rowKey.slice(EFFECT_PREFIX.length));
}

/** The stored fields only (no keys, ETag or timestamp), for a Replace. */
function strip(row: EffectRow): EffectRow {
  const { kind, json, effectKind, state, attempts, createdAt, nextAttemptAt, leaseUntil, waitingFor, lastError } = row;
  return { kind, json, effectKind, state, attempts, createdAt, nextAttemptAt, leaseUntil, ...(waitingFor ? { waitingFor } : {}), ...(lastError ? { lastError } : {}) };
}

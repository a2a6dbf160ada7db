import type { TableClient, TransactionAction } from "@azure/data-tables";
import { OPEN_STATUSES, type AdviceRequest } from "../domain/adviceRequest";
import { encodeKey, odataString } from "./keys";

/**
 * Index rows kept beside each request, in the same partition and the same transaction as every
 * change to it, so the common questions read only what they need:
 * - `~q|<reference>`: one row per open request (the queue, routing loads, response-time alerts);
 *   it goes when the request closes, so reading it costs the open work, not the history.
 * - `~d|<createdAt>|<reference>`: every request by when it was made (reports for a period).
 * Each holds the request as it now stands.
 */
const OPEN = "~q|";
const DATED = "~d|";

const isOpen = (r: Pick<AdviceRequest, "status">) => OPEN_STATUSES.includes(r.status);
const row = (rowKey: string, kind: string, r: AdviceRequest) => ({ partitionKey: encodeKey(r.areaId), rowKey, kind, status: r.status, json: JSON.stringify(r) });
const openRow = (r: AdviceRequest) => row(`${OPEN}${r.reference}`, "open", r);
const datedRow = (r: AdviceRequest) => row(`${DATED}${r.createdAt}|${r.reference}`, "dated", r);

/** The index operations a change needs, given the request before (undefined when new) and after. */
export function indexOps(before: AdviceRequest | undefined, after: AdviceRequest): TransactionAction[] {
  const ops: TransactionAction[] = [];
  if (isOpen(after)) ops.push(["upsert", openRow(after), "Replace"]);
  else if (before && isOpen(before)) ops.push(["delete", { partitionKey: encodeKey(after.areaId), rowKey: `${OPEN}${after.reference}` }]);
  // Upsert: requests made before the index existed gain their row on their next change.
  ops.push(before ? ["upsert", datedRow(after), "Replace"] : ["create", datedRow(after)]);
  return ops;
}

async function range(table: TableClient, areaId: string, from: string, to: string): Promise<AdviceRequest[]> {
  const filter = `PartitionKey eq ${odataString(encodeKey(areaId))} and RowKey ge ${odataString(from)} and RowKey lt ${odataString(to)}`;
  const out: AdviceRequest[] = [];
  for await (const r of table.listEntities<{ json: string }>({ queryOptions: { filter, select: ["json"] } })) out.push(JSON.parse(r.json) as AdviceRequest);
  return out;
}

/** Open requests only: a key range as long as the open work. */
export const listOpen = (table: TableClient, areaId: string) => range(table, areaId, OPEN, "~q}");

/** Requests made in [from, to): a key range as long as the period's requests. */
export const listCreatedBetween = (table: TableClient, areaId: string, from: Date, to: Date) => range(table, areaId, `${DATED}${from.toISOString()}`, `${DATED}${to.toISOString()}`);

/**
 * Requests stored before these indexes existed get their rows (once per area, at start-up, while no
 * user waits): upserts, so running it twice or alongside a change does no harm.
 */
export async function backfillIndexes(table: TableClient, requests: readonly AdviceRequest[]): Promise<number> {
  let written = 0;
  for (const r of requests) {
    const ops: TransactionAction[] = [["upsert", datedRow(r), "Replace"]];
    if (isOpen(r)) ops.push(["upsert", openRow(r), "Replace"]);
    await table.submitTransaction(ops);
    written++;
  }
  return written;
}

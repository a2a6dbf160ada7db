import type { TableClient, TableEntityResult, TransactionAction } from "@azure/data-tables";
import type { AdviceRequest, RequestEvent } from "../domain/adviceRequest";
import { AlreadyApplied, StaleWriteError, type AdviceRequestStore, type ChangeExtras, type IdempotencyClaim, type IdempotencyStore, type StoredRequest } from "../domain/adviceRequestStore";
import type { EffectAddress } from "../domain/effects";
import { readMarker, submitWithOutbox } from "./outbox";
import { backfillIndexes, indexOps, listCreatedBetween, listOpen } from "./requestIndexes";
import { compositeKey, encodeKey, invertedTime, odataString } from "./keys";
import { deleteIfExists, getEntityOrUndefined, isStatus } from "./tables";

interface RequestRow {
  kind: "request";
  json: string;
  status: string;
  schoolId: string;
  localityId: string;
  createdAt: string;
}
interface EventRow {
  kind: "event";
  reference: string;
  json: string;
}

/** Event rows sort straight after their request: "EH-2026-0042|e|000003". */
/** How long a submit keeps trying for a reference number before giving up. */
const REFERENCE_PATIENCE_MS = 10_000;
const eventKey = (reference: string, sequence: number) => `${reference}|e|${String(sequence).padStart(6, "0")}`;

/**
 * A request and its history share one partition (the area), so a change of state and the event
 * that records it are written in one entity-group transaction: never one without the other.
 */
export class AdviceRequestRepository implements AdviceRequestStore {
  constructor(
    private readonly requests: TableClient,
    private readonly bySchool: TableClient,
    private readonly counters: TableClient,
  ) {}

  /**
   * Next number for the year; ETag-guarded increment, never held in memory. Many schools sending
   * at once contend for one row, so losers back off with full jitter (a few ms, doubling to 250
   * ms) for up to ten seconds: the card action answers "still saving" after four and the submit
   * finishes behind it, rather than failing after a fixed number of tries.
   */
  async nextReferenceNumber(areaId: string, year: number): Promise<number> {
    const pk = encodeKey(areaId);
    const rk = `EH-${year}`;
    const giveUpAt = Date.now() + REFERENCE_PATIENCE_MS;
    for (let attempt = 0; ; attempt++) {
      try {
        const row = await this.counters.getEntity<{ next: number }>(pk, rk);
        await this.counters.updateEntity({ partitionKey: pk, rowKey: rk, next: row.next + 1 }, "Replace", { etag: row.etag });
        return row.next;
      } catch (err) {
        if (isStatus(err, 404)) {
          try {
            await this.counters.createEntity({ partitionKey: pk, rowKey: rk, next: 2 });
            return 1;
          } catch (createErr) {
            if (!isStatus(createErr, 409)) throw createErr;
          }
        } else if (!isStatus(err, 412)) throw err;
      }
      if (Date.now() >= giveUpAt) throw new Error(`Could not allocate a reference for ${areaId} ${year}: too much contention`);
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(250, 4 * 2 ** attempt)));
    }
  }

  async create(request: AdviceRequest, event: RequestEvent, extras: ChangeExtras = {}): Promise<EffectAddress[]> {
    // The school index is written first: an index row without its request is skipped by readers,
    // whereas a request missing from the index would vanish from "my requests".
    await this.bySchool.upsertEntity(
      { partitionKey: compositeKey(request.areaId, request.schoolId), rowKey: `${invertedTime(new Date(request.createdAt))}|${request.reference}`, reference: request.reference },
      "Replace",
    );
    return submitWithOutbox(this.requests, "AdviceRequests", encodeKey(request.areaId), [["create", this.requestEntity(request)], ["create", this.eventEntity(request, event)], ...indexOps(undefined, request)], extras);
  }

  findMarker(areaId: string, key: string): Promise<string | undefined> {
    return readMarker(this.requests, encodeKey(areaId), key);
  }


  async get(areaId: string, reference: string): Promise<StoredRequest | undefined> {
    const row = await getEntityOrUndefined<RequestRow>(this.requests, encodeKey(areaId), reference);
    return row ? { request: JSON.parse(row.json) as AdviceRequest, etag: row.etag } : undefined;
  }

  async update(request: AdviceRequest, etag: string, events: RequestEvent[], extras: ChangeExtras, before: AdviceRequest): Promise<EffectAddress[]> {
    try {
      return await submitWithOutbox(
        this.requests,
        "AdviceRequests",
        encodeKey(request.areaId),
        [["update", this.requestEntity(request), "Replace", { etag }], ...events.map((e): TransactionAction => ["create", this.eventEntity(request, e)]), ...indexOps(before, request)],
        extras,
      );
    } catch (err) {
      if (err instanceof AlreadyApplied) throw err;
      // 412: the ETag moved on. 409: the event sequence was taken by a concurrent writer.
      if (isStatus(err, 412) || isStatus(err, 409)) throw new StaleWriteError(`Request ${request.reference} changed underneath us`);
      throw err;
    }
  }

  async redact(request: AdviceRequest, etag: string, events: RequestEvent[]): Promise<void> {
    try {
      await this.requests.submitTransaction([
        ["update", this.requestEntity(request), "Replace", { etag }],
        ...indexOps(request, request),
        ...events.map((e): ["update", ReturnType<AdviceRequestRepository["eventEntity"]>, "Replace"] => ["update", this.eventEntity(request, e), "Replace"]),
      ]);
    } catch (err) {
      if (isStatus(err, 412)) throw new StaleWriteError(`Request ${request.reference} changed underneath us`);
      throw err;
    }
  }

  async listEvents(areaId: string, reference: string): Promise<RequestEvent[]> {
    const from = `${reference}|e|`;
    const filter = `PartitionKey eq ${odataString(encodeKey(areaId))} and RowKey gt ${odataString(from)} and RowKey lt ${odataString(`${reference}|e}`)}`;
    const out: RequestEvent[] = [];
    for await (const row of this.requests.listEntities<EventRow>({ queryOptions: { filter } })) out.push(JSON.parse(row.json) as RequestEvent);
    return out.sort((a, b) => a.sequence - b.sequence);
  }

  async listForSchool(areaId: string, schoolId: string, limit: number): Promise<AdviceRequest[]> {
    return (await this.pageForSchool(areaId, schoolId, limit)).requests;
  }

  /** One page of a school's requests, newest first, and the token for the next (older) page. */
  async pageForSchool(areaId: string, schoolId: string, pageSize: number, continuation?: string): Promise<{ requests: AdviceRequest[]; next: string | undefined }> {
    const filter = `PartitionKey eq ${odataString(compositeKey(areaId, schoolId))}`;
    const pages = this.bySchool.listEntities<{ reference: string }>({ queryOptions: { filter } }).byPage({ maxPageSize: pageSize, ...(continuation ? { continuationToken: continuation } : {}) });
    const first = await pages.next();
    const page = first.done ? undefined : (first.value as Array<TableEntityResult<{ reference: string }>> & { continuationToken?: string });
    const found = await Promise.all((page ?? []).slice(0, pageSize).map((row) => this.get(areaId, row.reference)));
    return { requests: found.filter((s): s is StoredRequest => s !== undefined).map((s) => s.request), next: page?.continuationToken };
  }

  async listByStatus(areaId: string, statuses?: readonly string[]): Promise<AdviceRequest[]> {
    let filter = `PartitionKey eq ${odataString(encodeKey(areaId))} and kind eq 'request'`;
    if (statuses?.length) filter += ` and (${statuses.map((s) => `status eq ${odataString(s)}`).join(" or ")})`;
    const out: AdviceRequest[] = [];
    for await (const row of this.requests.listEntities<RequestRow>({ queryOptions: { filter, select: ["json"] } })) out.push(JSON.parse(row.json) as AdviceRequest);
    return out;
  }

  listOpen(areaId: string): Promise<AdviceRequest[]> {
    return listOpen(this.requests, areaId);
  }

  listCreatedBetween(areaId: string, from: Date, to: Date): Promise<AdviceRequest[]> {
    return listCreatedBetween(this.requests, areaId, from, to);
  }

  /** Gives requests stored before the indexes existed their index rows (see storage/requestIndexes.ts). */
  async backfillIndexes(areaId: string): Promise<number> {
    return backfillIndexes(this.requests, await this.listByStatus(areaId));
  }

  async openLoads(areaId: string): Promise<Map<string, number>> {
    const loads = new Map<string, number>();
    for (const r of await this.listOpen(areaId))
      if (r.assignedToAadObjectId) loads.set(r.assignedToAadObjectId, (loads.get(r.assignedToAadObjectId) ?? 0) + 1);
    return loads;
  }

  private requestEntity(request: AdviceRequest) {
    const row: RequestRow = { kind: "request", json: JSON.stringify(request), status: request.status, schoolId: request.schoolId, localityId: request.localityId, createdAt: request.createdAt };
    return { partitionKey: encodeKey(request.areaId), rowKey: request.reference, ...row };
  }

  private eventEntity(request: AdviceRequest, event: RequestEvent) {
    const row: EventRow = { kind: "event", reference: request.reference, json: JSON.stringify(event) };
    return { partitionKey: encodeKey(request.areaId), rowKey: eventKey(request.reference, event.sequence), ...row };
  }
}

interface ClaimRow {
  state: "in-progress" | "done";
  result: string;
  claimedAt: string;
}

/** A claim left "in progress" this long is from an instance that died mid-way; it may be taken over. */
const STALE_CLAIM_MS = 2 * 60 * 1000;

export class IdempotencyRepository implements IdempotencyStore {
  constructor(private readonly table: TableClient) {}

  async claim(areaId: string, key: string, now: Date): Promise<IdempotencyClaim> {
    const pk = encodeKey(areaId);
    const rk = encodeKey(key);
    try {
      await this.table.createEntity<ClaimRow>({ partitionKey: pk, rowKey: rk, state: "in-progress", result: "", claimedAt: now.toISOString() });
      return { status: "claimed" };
    } catch (err) {
      if (!isStatus(err, 409)) throw err;
    }
    const row = await this.table.getEntity<ClaimRow>(pk, rk);
    if (row.state === "done") return { status: "done", result: row.result };
    if (now.getTime() - new Date(row.claimedAt).getTime() < STALE_CLAIM_MS) return { status: "in-progress" };
    try {
      await this.table.updateEntity({ partitionKey: pk, rowKey: rk, state: "in-progress", result: "", claimedAt: now.toISOString() }, "Replace", { etag: row.etag });
      return { status: "claimed" };
    } catch (err) {
      if (isStatus(err, 412)) return { status: "in-progress" };
      throw err;
    }
  }

  /** Forgets deliveries older than `before`: Teams redelivers within minutes, never after days. */
  async forgetBefore(areaId: string, before: Date, limit = 5000): Promise<number> {
    const filter = `PartitionKey eq ${odataString(encodeKey(areaId))} and claimedAt lt ${odataString(before.toISOString())}`;
    let forgotten = 0;
    for await (const row of this.table.listEntities<ClaimRow>({ queryOptions: { filter, select: ["RowKey"] } })) {
      await deleteIfExists(this.table, encodeKey(areaId), row.rowKey ?? "");
      if (++forgotten >= limit) break;
    }
    return forgotten;
  }
}

import type { AdviceRequest, RequestEvent } from "./adviceRequest";
import type { EffectAddress, PlannedEffect } from "./effects";

/** A request as stored, with the ETag that guards the next change. */
export interface StoredRequest {
  request: AdviceRequest;
  etag: string;
}

/** Thrown by a store when the ETag no longer matches: someone else wrote first. */
export class StaleWriteError extends Error {
  override name = "StaleWriteError";
}

/** Thrown when the idempotency marker of a write already exists: that press or message was applied. */
export class AlreadyApplied extends Error {
  override name = "AlreadyApplied";
  constructor(readonly result: string) {
    super("This was already done");
  }
}

/**
 * What else goes in a change's transaction: the effects it causes (the outbox) and a marker
 * saying which card press, message or draft it applied (result: the request's reference).
 */
export interface ChangeExtras {
  effects?: readonly PlannedEffect[];
  marker?: { key: string; result: string };
}

/** Advice requests and their history. Each write of a request, its events and effects is atomic. */
export interface AdviceRequestStore {
  nextReferenceNumber(areaId: string, year: number): Promise<number>;
  /** AlreadyApplied when the marker exists. Returns where the effects were written. */
  create(request: AdviceRequest, event: RequestEvent, extras?: ChangeExtras): Promise<EffectAddress[]>;
  get(areaId: string, reference: string): Promise<StoredRequest | undefined>;
  /**
   * Writes the request, appends the events (none for bookkeeping), its effects and its index rows
   * in one transaction; `before` is the request as read, whose state the indexes move on from.
   */
  update(request: AdviceRequest, etag: string, events: RequestEvent[], extras: ChangeExtras, before: AdviceRequest): Promise<EffectAddress[]>;
  /** The result recorded with an idempotency marker, if that key was applied. */
  findMarker(areaId: string, key: string): Promise<string | undefined>;
  listEvents(areaId: string, reference: string): Promise<RequestEvent[]>;
  listForSchool(areaId: string, schoolId: string, limit: number): Promise<AdviceRequest[]>;
  /** A page of a school's requests, newest first, with the continuation token of the next page. */
  pageForSchool(areaId: string, schoolId: string, pageSize: number, continuation?: string): Promise<{ requests: AdviceRequest[]; next: string | undefined }>;
  /** Rewrites a request and its existing events together (retention); ETag-guarded. */
  redact(request: AdviceRequest, etag: string, events: RequestEvent[]): Promise<void>;
  /** Requests in the given states (all when omitted), for queues, reminders and reports. */
  listByStatus(areaId: string, statuses?: readonly string[]): Promise<AdviceRequest[]>;
  /** Open requests only (submitted, assigned, waiting for the school): read from their own index rows. */
  listOpen(areaId: string): Promise<AdviceRequest[]>;
  /** Requests made in [from, to), for reports: read from the date index. */
  listCreatedBetween(areaId: string, from: Date, to: Date): Promise<AdviceRequest[]>;
  /** Open requests per assigned advisor (aadObjectId to count), for routing. */
  openLoads(areaId: string): Promise<Map<string, number>>;
}

export type IdempotencyClaim = { status: "claimed" } | { status: "done"; result: string } | { status: "in-progress" };

/** Remembers which deliveries (activity ids, draft ids) were already acted on. */
export interface IdempotencyStore {
  claim(areaId: string, key: string, now: Date): Promise<IdempotencyClaim>;
  /** Forgets deliveries claimed before `before`; returns how many. */
  forgetBefore(areaId: string, before: Date): Promise<number>;
}

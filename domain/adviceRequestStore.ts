import type { AdviceRequest, RequestEvent } from "./adviceRequest";

/** A request as stored, with the ETag that guards the next change. */
export interface StoredRequest {
  request: AdviceRequest;
  etag: string;
}

/** Thrown by a store when the ETag no longer matches: someone else wrote first. */
export class StaleWriteError extends Error {
  override name = "StaleWriteError";
}

/** Advice requests and their history. Each write of a request and its event is atomic. */
export interface AdviceRequestStore {
  nextReferenceNumber(areaId: string, year: number): Promise<number>;
  create(request: AdviceRequest, event: RequestEvent): Promise<void>;
  get(areaId: string, reference: string): Promise<StoredRequest | undefined>;
  /** Writes the request and appends the events (none for bookkeeping changes) in one transaction. */
  update(request: AdviceRequest, etag: string, events: RequestEvent[]): Promise<void>;
  listEvents(areaId: string, reference: string): Promise<RequestEvent[]>;
  listForSchool(areaId: string, schoolId: string, limit: number): Promise<AdviceRequest[]>;
  /** Rewrites a request and its existing events together (retention); ETag-guarded. */
  redact(request: AdviceRequest, etag: string, events: RequestEvent[]): Promise<void>;
  /** Requests in the given states (all when omitted), for queues, reminders and reports. */
  listByStatus(areaId: string, statuses?: readonly string[]): Promise<AdviceRequest[]>;
  /** Open requests per assigned advisor (aadObjectId to count), for routing. */
  openLoads(areaId: string): Promise<Map<string, number>>;
}

export type IdempotencyClaim = { status: "claimed" } | { status: "done"; result: string } | { status: "in-progress" };

/** Remembers which deliveries (activity ids, draft ids) were already acted on. */
export interface IdempotencyStore {
  claim(areaId: string, key: string, now: Date): Promise<IdempotencyClaim>;
  complete(areaId: string, key: string, result: string): Promise<void>;
  release(areaId: string, key: string): Promise<void>;
}

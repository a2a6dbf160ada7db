import type { AreaPack } from "./areaPack";
import type { AdviceRequest, RequestEvent } from "./adviceRequest";
import { StaleWriteError, type AdviceRequestStore } from "./adviceRequestStore";

const DAY_MS = 24 * 60 * 60 * 1000;
export const REMOVED = "Removed at the end of the retention period";

/**
 * Closed and withdrawn requests keep their free text (question, what was tried, notes, advice)
 * only for the area's retention period. After that the text is replaced; what reports need
 * (dates, need areas, year group, locality, outcome) stays.
 */
export function isDueForAnonymising(r: AdviceRequest, area: AreaPack, now: Date): boolean {
  if (r.status !== "closed" && r.status !== "withdrawn") return false;
  if (r.question === REMOVED) return false;
  return now.getTime() - new Date(r.updatedAt).getTime() >= area.retention.closedRequestDays * DAY_MS;
}

export function anonymise(r: AdviceRequest, events: readonly RequestEvent[]): { request: AdviceRequest; events: RequestEvent[] } {
  return {
    request: { ...r, question: REMOVED, tried: r.tried ? REMOVED : "" },
    events: events.map((e) => (e.detail ? { ...e, detail: REMOVED } : e)),
  };
}

/** Anonymises every request past its retention period; returns how many. */
export async function applyRetention(store: AdviceRequestStore, area: AreaPack, now: Date): Promise<number> {
  let done = 0;
  for (const r of await store.listByStatus(area.id, ["closed", "withdrawn"])) {
    if (!isDueForAnonymising(r, area, now)) continue;
    const stored = await store.get(area.id, r.reference);
    if (!stored || !isDueForAnonymising(stored.request, area, now)) continue;
    const { request, events } = anonymise(stored.request, await store.listEvents(area.id, r.reference));
    try {
      await store.redact(request, stored.etag, events.filter((e) => e.detail === REMOVED));
      done++;
    } catch (err) {
      // Reopened or changed meanwhile: it is no longer due; the next run looks again.
      if (!(err instanceof StaleWriteError)) throw err;
    }
  }
  return done;
}

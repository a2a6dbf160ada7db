import { NEED_AREA_LABELS, type AreaPack } from "./areaPack";
import { OUTCOME_LABELS, type AdviceRequest } from "./adviceRequest";
import type { WorkingCalendar } from "./workingDays";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Still waiting for its first response, with the clock running (not paused for the school). */
function clockRunning(r: AdviceRequest): boolean {
  return !r.firstResponseAt && !r.pausedSince && (r.status === "submitted" || r.status === "assigned");
}

export function isOverdue(r: AdviceRequest, now: Date): boolean {
  return clockRunning(r) && new Date(r.firstResponseDueAt) <= now;
}

export interface SlaAlert {
  request: AdviceRequest;
  kind: "dueSoon" | "overdue";
}

/**
 * Which requests need a reminder now: overdue ones, and ones with less than a working day left.
 * Each kind is sent once per request (the request remembers what was sent).
 */
export function slaAlertsDue(requests: readonly AdviceRequest[], now: Date, calendar: WorkingCalendar): SlaAlert[] {
  const out: SlaAlert[] = [];
  for (const r of requests) {
    if (!clockRunning(r)) continue;
    const due = new Date(r.firstResponseDueAt);
    if (due <= now) {
      if (!r.alerts.overdue) out.push({ request: r, kind: "overdue" });
    } else if (!r.alerts.dueSoon && calendar.workingMsBetween(now, due) <= DAY_MS) out.push({ request: r, kind: "dueSoon" });
  }
  return out;
}

export interface QueueSummary {
  unclaimed: AdviceRequest[];
  overdue: AdviceRequest[];
  awaitingSchool: number;
  byLocality: Array<{ name: string; open: number; unclaimed: number }>;
}

export function summariseQueue(area: AreaPack, open: readonly AdviceRequest[], now: Date): QueueSummary {
  const byDue = (a: AdviceRequest, b: AdviceRequest) => a.firstResponseDueAt.localeCompare(b.firstResponseDueAt);
  return {
    unclaimed: open.filter((r) => r.status === "submitted").sort(byDue),
    overdue: open.filter((r) => isOverdue(r, now)).sort(byDue),
    awaitingSchool: open.filter((r) => r.status === "awaiting-school").length,
    byLocality: area.localities.map((l) => ({
      name: l.name,
      open: open.filter((r) => r.localityId === l.id).length,
      unclaimed: open.filter((r) => r.localityId === l.id && r.status === "submitted").length,
    })),
  };
}

export interface RequestReport {
  total: number;
  byNeed: Array<[string, number]>;
  byLocality: Array<[string, number]>;
  byOutcome: Array<[string, number]>;
  medianFirstResponseWorkingDays: number | undefined;
  respondedWithinTarget: number;
  responded: number;
}

/** Volumes and response times for requests made in [from, to). */
export function reportOnRequests(area: AreaPack, all: readonly AdviceRequest[], from: Date, to: Date, calendar: WorkingCalendar): RequestReport {
  const inPeriod = all.filter((r) => new Date(r.createdAt) >= from && new Date(r.createdAt) < to);
  const count = (key: (r: AdviceRequest) => string | undefined) => {
    const m = new Map<string, number>();
    for (const r of inPeriod) {
      const k = key(r);
      if (k) m.set(k, (m.get(k) ?? 0) + 1);
    }
    return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  };
  const responded = inPeriod.filter((r) => r.firstResponseAt);
  const days = responded
    .map((r) => calendar.workingMsBetween(new Date(r.createdAt), new Date(r.firstResponseAt ?? r.createdAt), r.pausedIntervals.map((p) => ({ from: new Date(p.from), to: new Date(p.to) }))) / DAY_MS)
    .sort((a, b) => a - b);
  return {
    total: inPeriod.length,
    byNeed: count((r) => NEED_AREA_LABELS[r.primaryNeed]),
    byLocality: count((r) => area.localities.find((l) => l.id === r.localityId)?.name ?? r.localityId),
    byOutcome: count((r) => (r.outcome ? OUTCOME_LABELS[r.outcome] : undefined)),
    medianFirstResponseWorkingDays: median(days),
    respondedWithinTarget: responded.filter((r) => (r.firstResponseAt ?? "") <= r.firstResponseDueAt).length,
    responded: responded.length,
  };
}

function median(sorted: number[]): number | undefined {
  if (sorted.length === 0) return undefined;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

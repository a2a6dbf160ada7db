import type { AreaPack } from "../domain/areaPack";
import type { RequestDeps } from "../domain/adviceRequests";
import type { Effect } from "../domain/effects";
import { slaAlertsDue } from "../domain/triageReports";
import { WORKING_HOURS, withinWindow } from "../domain/workingHours";
import { patchRequest } from "./requestChange";

/** Records the triage card's place, so later changes update it for everyone. Not a history event. */
export async function recordTriagePost(deps: RequestDeps, areaId: string, reference: string, post: { conversationId: string; activityId: string }): Promise<void> {
  await patchRequest(deps, areaId, reference, (r) => ({ request: { ...r, triagePost: post } }));
}

/**
 * Due-soon and overdue first responses: each alert is recorded on the request together with its
 * reminders (to the triage channel and the assigned advisor) and a redraw of the triage card, in
 * one ETag-guarded transaction; so two instances running the timer send it once, and a reminder
 * is never marked sent without being queued to send. Only in working hours on working days
 * (London): an alert due overnight is raised at 08:00. Returns how many alerts were raised.
 */
export async function raiseSlaAlerts(deps: RequestDeps, area: AreaPack): Promise<number> {
  const now = deps.now();
  if (!withinWindow(now, deps.calendarFor(area), WORKING_HOURS)) return 0;
  const open = (await deps.store.listOpen(area.id)).filter((r) => r.status === "submitted" || r.status === "assigned");
  let raised = 0;
  for (const { request, kind } of slaAlertsDue(open, now, deps.calendarFor(area))) {
    const done = await patchRequest(deps, area.id, request.reference, (r) => {
      if (r.alerts[kind]) return undefined;
      const base = { areaId: area.id, reference: r.reference, alert: kind };
      const effects: Effect[] = [{ kind: "sla-alert", ...base, to: "channel" }];
      if (r.assignedToAadObjectId) effects.push({ kind: "sla-alert", ...base, to: { advisorAadObjectId: r.assignedToAadObjectId } });
      effects.push({ kind: "triage-refresh", areaId: area.id, reference: r.reference });
      return { request: { ...r, alerts: { ...r.alerts, [kind]: now.toISOString() } }, effects };
    });
    if (done) raised++;
  }
  return raised;
}

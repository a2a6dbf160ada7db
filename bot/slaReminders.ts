import { recordAlert } from "../domain/adviceRequests";
import { slaAlertsDue } from "../domain/triageReports";
import { slaReminderCard } from "../cards/triageCards";
import { SETTING_TRIAGE_CHANNEL } from "../storage/settingsRepository";
import type { BotDeps } from "./deps";
import { refreshTriagePost } from "./triagePosting";

/**
 * Posts due-soon and overdue first responses to the triage channel and the assigned advisor.
 * Each reminder is claimed on the request with its ETag first, so two instances running the
 * timer at once send it once.
 */
export async function sendSlaReminders(deps: BotDeps): Promise<number> {
  let sent = 0;
  const now = deps.now();
  for (const area of deps.packs) {
    const open = await deps.requests.store.listByStatus(area.id, ["submitted", "assigned"]);
    const channel = await deps.settings.get(area.id, SETTING_TRIAGE_CHANNEL);
    for (const { request, kind } of slaAlertsDue(open, now, deps.requests.calendarFor(area))) {
      if (!(await recordAlert(deps.requests, area.id, request.reference, kind, now))) continue;
      const card = slaReminderCard(request, kind, area.schools.find((s) => s.id === request.schoolId)?.name ?? request.schoolId);
      try {
        if (channel) await deps.notifier.toChannel(area.id, channel, card);
        if (request.assignedToAadObjectId) await deps.notifier.toUser(area.id, request.assignedToAadObjectId, card);
        await refreshTriagePost(deps, area, request.reference);
        sent++;
      } catch (err) {
        deps.log.error("Could not send a response-time reminder", { error: err, reference: request.reference, kind });
      }
    }
  }
  return sent;
}

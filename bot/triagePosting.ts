import type { AdviceRequest } from "../domain/adviceRequest";
import { recordTriagePost } from "../domain/adviceRequests";
import type { AreaPack } from "../domain/areaPack";
import { roleOf } from "../domain/directory";
import { triageCard, type TriageDraft } from "../cards/triageCards";
import type { AdaptiveCardJson } from "../cards/card";
import { SETTING_TRIAGE_CHANNEL } from "../storage/settingsRepository";
import type { BotDeps } from "./deps";
import { queueNotification } from "./routes/shared";

/**
 * The card for a request as the triage channel shows it, built from the latest state and history;
 * `draft` puts an advisor's refused text back in its form.
 */
export async function buildTriageCard(deps: BotDeps, area: AreaPack, request: AdviceRequest, notice?: string, draft?: TriageDraft): Promise<AdaptiveCardJson> {
  const events = await deps.requests.store.listEvents(area.id, request.reference);
  const staff = area.people.filter((p) => p.roles.some((r) => r.role === "inclusion-advisor" || r.role === "triage-manager"));
  return triageCard({
    request,
    events,
    schoolName: area.schools.find((s) => s.id === request.schoolId)?.name ?? request.schoolId,
    localityName: area.localities.find((l) => l.id === request.localityId)?.name ?? request.localityId,
    advisors: area.people.filter((p) => roleOf(p.roles, "inclusion-advisor")).map((p) => ({ aadObjectId: p.aadObjectId, name: p.name })),
    refreshUserIds: staff.map((p) => p.aadObjectId),
    now: deps.now(),
    ...(notice ? { notice } : {}),
    ...(draft ? { draft } : {}),
  });
}

/** Posts a new request to the area's triage channel and remembers where, for later updates. */
export async function postToTriage(deps: BotDeps, area: AreaPack, request: AdviceRequest): Promise<boolean> {
  const channel = await deps.settings.get(area.id, SETTING_TRIAGE_CHANNEL);
  if (!channel) {
    deps.log.warn("No triage channel is set for the area; the request waits in the queue view", { area: area.id, reference: request.reference });
    return false;
  }
  try {
    const activityId = await deps.notifier.toChannel(area.id, channel, await buildTriageCard(deps, area, request));
    if (activityId) await recordTriagePost(deps.requests, area.id, request.reference, { conversationId: channel, activityId });
    return !!activityId;
  } catch (err) {
    deps.log.error("Could not post to the triage channel", { error: err, reference: request.reference });
    return false;
  }
}

/** Updates the triage card for everyone; throws if Teams cannot be reached (the queue retries). */
export async function updateTriagePost(deps: BotDeps, area: AreaPack, reference: string): Promise<void> {
  const stored = await deps.requests.store.get(area.id, reference);
  const post = stored?.request.triagePost;
  if (!stored || !post) return;
  await deps.notifier.updateInChannel(area.id, post.conversationId, post.activityId, await buildTriageCard(deps, area, stored.request));
}

/** Brings the triage card up to date after a change made elsewhere (e.g. by the school); retried via the queue. */
export async function refreshTriagePost(deps: BotDeps, area: AreaPack, reference: string): Promise<void> {
  try {
    await updateTriagePost(deps, area, reference);
  } catch (err) {
    deps.log.warn("Could not update the triage card now; queued for retry", { error: err, reference });
    await queueNotification(deps, { kind: "triage-refresh", areaId: area.id, reference });
  }
}

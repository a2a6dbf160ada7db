import type { AdviceRequest } from "../domain/adviceRequest";
import type { AreaPack } from "../domain/areaPack";
import { roleOf } from "../domain/directory";
import { triageCard, type TriageDraft } from "../cards/triageCards";
import type { AdaptiveCardJson } from "../cards/card";
import type { BotDeps } from "./deps";

/**
 * The card for a request as the triage channel shows it, built from the latest state and history;
 * `draft` puts an advisor's refused text back in its form.
 */
export async function buildTriageCard(deps: BotDeps, area: AreaPack, request: AdviceRequest, notice?: string, draft?: TriageDraft): Promise<AdaptiveCardJson> {
  const [events, people] = await Promise.all([deps.requests.store.listEvents(area.id, request.reference), deps.directory.listStaff(area.id)]);
  const staff = people.filter((p) => p.roles.some((r) => r.role === "inclusion-advisor" || r.role === "triage-manager"));
  return triageCard({
    request,
    events,
    schoolName: area.schools.find((s) => s.id === request.schoolId)?.name ?? request.schoolId,
    localityName: area.localities.find((l) => l.id === request.localityId)?.name ?? request.localityId,
    advisors: people.filter((p) => roleOf(p.roles, "inclusion-advisor")).map((p) => ({ aadObjectId: p.aadObjectId, name: p.name })),
    refreshUserIds: staff.map((p) => p.aadObjectId),
    now: deps.now(),
    ...(notice ? { notice } : {}),
    ...(draft ? { draft } : {}),
  });
}

import type { AreaPack } from "../domain/areaPack";
import { buildBoardReport } from "../domain/boardReport";
import { roleOf } from "../domain/directory";
import { londonDate } from "../domain/workingDays";
import { workstreamOf, type WorkstreamAction } from "../domain/workstreams";
import { boardReportLinks } from "../app/signedLinks";
import { actionCard, boardReportCard, type ActionContext } from "../cards/workstreamCards";
import type { AdaptiveCardJson } from "../cards/card";
import type { BotDeps } from "./deps";


/** What a card needs beyond the action: names, and who may edit (for Teams' per-user refresh). */
export async function actionContext(deps: BotDeps, area: AreaPack, a: WorkstreamAction): Promise<ActionContext> {
  const found = workstreamOf(area, a.workstreamId);
  const staff = await deps.directory.listStaff(area.id);
  const editors = staff.filter((p) => roleOf(p.roles, "programme-office") || roleOf(p.roles, "workstream-lead")?.workstreamIds.includes(a.workstreamId));
  const leadNames = [...a.leadIds.map((id) => staff.find((p) => p.aadObjectId === id)?.name ?? id), ...a.leadNames];
  return {
    priorityTitle: found?.priority.title ?? a.priorityId,
    workstreamTitle: found?.workstream.title ?? a.workstreamId,
    leadNames,
    editorIds: editors.map((p) => p.aadObjectId),
    today: londonDate(deps.now()),
  };
}

export async function actionCardFor(deps: BotDeps, area: AreaPack, a: WorkstreamAction, notice?: string): Promise<AdaptiveCardJson> {
  return actionCard(a, await actionContext(deps, area, a), notice);
}

/** Every workstream of the area: the pack's, and those only in an imported plan. */
export function workstreamIdsOf(deps: Pick<BotDeps, "plansWorkstreams">, area: AreaPack): string[] {
  return [...new Set([...area.priorities.flatMap((p) => p.workstreams.map((w) => w.id)), ...(deps.plansWorkstreams?.(area) ?? [])])];
}

export async function allActions(deps: BotDeps, area: AreaPack): Promise<WorkstreamAction[]> {
  const lists = await Promise.all(workstreamIdsOf(deps, area).map((w) => deps.actions.listActions(area.id, w)));
  return lists.flat();
}

export async function boardReportFor(deps: BotDeps, area: AreaPack): Promise<{ card: AdaptiveCardJson; report: ReturnType<typeof buildBoardReport> }> {
  const now = deps.now();
  const actions = await allActions(deps, area);
  const workstreams = [...new Set(actions.map((a) => a.workstreamId))];
  const updates = (await Promise.all(workstreams.map((w) => deps.actions.listUpdates(area.id, w)))).flat();
  const report = buildBoardReport(area, actions, updates, now, londonDate(now));
  return { card: boardReportCard(report, boardReportLinks(deps.config.publicBaseUrl, deps.config.boardReportKey, area.id, now)), report };
}

import { randomUUID } from "node:crypto";
import type { AreaPack, Person } from "../domain/areaPack";
import { AlreadyApplied } from "../domain/adviceRequestStore";
import { auditEffect, type EffectDispatcher, type PlannedEffect } from "../domain/effects";
import { isStale, type ActionStore } from "../domain/workstreamOps";
import { ActionChangedFirst, applyActionUpdate, canEditWorkstream, screenActionUpdate, WorkstreamRefusal, type ActionUpdateInput, type WorkstreamAction } from "../domain/workstreams";
import type { StepKey } from "./requestChange";

export interface WorkstreamDeps {
  actions: ActionStore;
  effects: EffectDispatcher;
  now: () => Date;
}

/**
 * A lead's update from the card. The form carries the version it was opened on: if anyone saved
 * since, nothing is overwritten and the caller shows the latest. Text with a pupil identifier is
 * refused (PupilDataInActionUpdate) before the action is read or written. The audit line and the
 * redraw of the channel card go in the same transaction; a repeated press (same key) changes nothing.
 */
export async function updateAction(deps: WorkstreamDeps, area: AreaPack, person: Person | undefined, workstreamId: string, actionId: string, input: ActionUpdateInput, formVersion: number, key?: StepKey): Promise<{ action: WorkstreamAction; applied: boolean }> {
  if (!person || !canEditWorkstream(person, workstreamId)) throw new WorkstreamRefusal("Only this workstream's leads and the programme office can update its actions.");
  screenActionUpdate(input);
  const stored = await deps.actions.get(area.id, workstreamId, actionId);
  if (!stored) throw new WorkstreamRefusal("That action is no longer in the plan.");
  const marker = key ? { key: `step:${key}`, result: actionId } : undefined;
  if (stored.action.version !== formVersion) {
    // The same press delivered twice finds its own save, not someone else's.
    if (marker && (await deps.actions.findMarker(area.id, workstreamId, marker.key)) !== undefined) return { action: stored.action, applied: false };
    throw new ActionChangedFirst(stored.action);
  }
  const now = deps.now();
  const { action, update } = applyActionUpdate(stored.action, input, person, now);
  const effects: PlannedEffect[] = [
    { id: randomUUID(), effect: auditEffect(area.id, now, person.aadObjectId, "action-updated", `${workstreamId}/${actionId}`, action.rag) },
    { id: randomUUID(), effect: { kind: "action-card-refresh", areaId: area.id, workstreamId, actionId } },
  ];
  try {
    await deps.effects.dispatch(await deps.actions.update(action, stored.etag, update, { effects, ...(marker ? { marker } : {}) }));
    return { action, applied: true };
  } catch (err) {
    const latest = await deps.actions.get(area.id, workstreamId, actionId);
    if (err instanceof AlreadyApplied && latest) return { action: latest.action, applied: false };
    if (!isStale(err)) throw err;
    throw new ActionChangedFirst(latest?.action ?? stored.action);
  }
}

/** Remembers where an action's card was posted, so updates replace it. Not a log line. */
export async function recordActionCard(actions: ActionStore, action: Pick<WorkstreamAction, "areaId" | "workstreamId" | "id">, post: { conversationId: string; activityId: string }): Promise<void> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const stored = await actions.get(action.areaId, action.workstreamId, action.id);
    if (!stored) return;
    try {
      await actions.update({ ...stored.action, cardPost: post }, stored.etag, undefined);
      return;
    } catch (err) {
      if (!isStale(err)) throw err;
    }
  }
  throw new Error(`Action ${action.id} kept changing; its card's place will be recorded on the next try`);
}

/**
 * Posts every action of a workstream to a newly linked channel, through the outbox: one effect
 * per card, recorded together (a linking message delivered twice posts once).
 */
export async function postWorkstreamCards(deps: WorkstreamDeps, areaId: string, workstreamId: string, channelId: string, key?: StepKey): Promise<number> {
  const actions = await deps.actions.listActions(areaId, workstreamId);
  if (!actions.length) return 0;
  const effects: PlannedEffect[] = actions.map((a) => ({ id: randomUUID(), effect: { kind: "action-card-post", areaId, workstreamId, actionId: a.id, channelId } }));
  try {
    // A transaction holds at most 100 operations; a workstream has far fewer actions, but split anyway.
    for (let i = 0; i < effects.length; i += 90) {
      const chunk = effects.slice(i, i + 90);
      await deps.effects.dispatch(await deps.actions.addEffects(areaId, workstreamId, { effects: chunk, ...(key && i === 0 ? { marker: { key: `step:${key}`, result: channelId } } : {}) }));
    }
  } catch (err) {
    if (err instanceof AlreadyApplied) return actions.length;
    throw err;
  }
  return actions.length;
}

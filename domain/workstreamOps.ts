import type { AreaPack, Person } from "./areaPack";
import { planFieldsDiffer } from "./planImport";
import {
  ActionChangedFirst,
  applyActionUpdate,
  canEditWorkstream,
  screenActionUpdate,
  WorkstreamRefusal,
  type ActionUpdate,
  type ActionUpdateInput,
  type WorkstreamAction,
} from "./workstreams";

/** The storage the workstream operations need (storage/actionRepository implements it). */
export interface ActionStore {
  get(areaId: string, workstreamId: string, actionId: string): Promise<{ action: WorkstreamAction; etag: string } | undefined>;
  create(action: WorkstreamAction): Promise<boolean>;
  update(action: WorkstreamAction, etag: string, update: ActionUpdate | undefined): Promise<void>;
  listActions(areaId: string, workstreamId: string): Promise<WorkstreamAction[]>;
  listUpdates(areaId: string, workstreamId: string, actionId?: string, since?: string): Promise<Array<ActionUpdate & { actionId: string }>>;
}

export function isStale(err: unknown): boolean {
  return err instanceof Error && err.name === "StaleActionError";
}

/**
 * Brings stored actions in line with the plan. New actions are created; changed plan fields
 * (title, description, leads, due date, measure) are updated with a log line; status, RAG and
 * progress stay the leads'. Importing the same plan again changes nothing.
 */
export async function importPlan(store: ActionStore, actions: readonly WorkstreamAction[], now: Date): Promise<{ created: number; updated: number; unchanged: number }> {
  const counts = { created: 0, updated: 0, unchanged: 0 };
  for (const planned of actions) {
    for (let attempt = 0; ; attempt++) {
      const stored = await store.get(planned.areaId, planned.workstreamId, planned.id);
      if (!stored) {
        if (await store.create(planned)) counts.created++;
        else continue; // created by another instance meanwhile: compare with theirs
        break;
      }
      if (!planFieldsDiffer(stored.action, planned)) {
        counts.unchanged++;
        break;
      }
      const next: WorkstreamAction = {
        ...stored.action,
        priorityId: planned.priorityId,
        title: planned.title,
        description: planned.description,
        leadIds: planned.leadIds,
        leadNames: planned.leadNames,
        dueDate: planned.dueDate,
        measure: planned.measure,
        expectedChange: planned.expectedChange,
        updatedAt: now.toISOString(),
        version: stored.action.version + 1,
      };
      const update: ActionUpdate = { sequence: stored.action.version, at: now.toISOString(), byAadObjectId: "", byName: "Plan import", summary: "Plan details updated from the programme office's plan", changes: [], note: undefined };
      try {
        await store.update(next, stored.etag, update);
        counts.updated++;
        break;
      } catch (err) {
        if (!isStale(err) || attempt > 3) throw err;
      }
    }
  }
  return counts;
}

/**
 * A lead's update from the card. The form carries the version it was opened on: if anyone saved
 * since, nothing is overwritten and the caller shows the latest. Text with a pupil identifier is
 * refused (PupilDataInActionUpdate) before the action is read or written.
 */
export async function updateAction(store: ActionStore, area: AreaPack, person: Person | undefined, workstreamId: string, actionId: string, input: ActionUpdateInput, formVersion: number, now: Date): Promise<WorkstreamAction> {
  if (!person || !canEditWorkstream(person, workstreamId)) throw new WorkstreamRefusal("Only this workstream's leads and the programme office can update its actions.");
  screenActionUpdate(input);
  const stored = await store.get(area.id, workstreamId, actionId);
  if (!stored) throw new WorkstreamRefusal("That action is no longer in the plan.");
  if (stored.action.version !== formVersion) throw new ActionChangedFirst(stored.action);
  const { action, update } = applyActionUpdate(stored.action, input, person, now);
  try {
    await store.update(action, stored.etag, update);
    return action;
  } catch (err) {
    if (!isStale(err)) throw err;
    const latest = await store.get(area.id, workstreamId, actionId);
    throw new ActionChangedFirst(latest?.action ?? stored.action);
  }
}

/** Remembers where an action's card was posted, so updates replace it. Not a log line. */
export async function recordActionCard(store: ActionStore, action: WorkstreamAction, post: { conversationId: string; activityId: string }): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const stored = await store.get(action.areaId, action.workstreamId, action.id);
    if (!stored) return;
    try {
      await store.update({ ...stored.action, cardPost: post }, stored.etag, undefined);
      return;
    } catch (err) {
      if (!isStale(err)) throw err;
    }
  }
}

import type { ChangeExtras } from "./adviceRequestStore";
import type { EffectAddress } from "./effects";
import { planFieldsDiffer } from "./planImport";
import type { ActionUpdate, WorkstreamAction } from "./workstreams";

/** The storage the workstream operations need (storage/actionRepository implements it). */
export interface ActionStore {
  get(areaId: string, workstreamId: string, actionId: string): Promise<{ action: WorkstreamAction; etag: string } | undefined>;
  create(action: WorkstreamAction): Promise<boolean>;
  update(action: WorkstreamAction, etag: string, update: ActionUpdate | undefined, extras?: ChangeExtras): Promise<EffectAddress[]>;
  updateMany(areaId: string, workstreamId: string, changes: Array<{ action: WorkstreamAction; etag: string; update?: ActionUpdate | undefined }>, extras?: ChangeExtras): Promise<EffectAddress[]>;
  addEffects(areaId: string, workstreamId: string, extras: ChangeExtras): Promise<EffectAddress[]>;
  findMarker(areaId: string, workstreamId: string, key: string): Promise<string | undefined>;
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

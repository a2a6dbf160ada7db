import type { TableClient, TransactionAction } from "@azure/data-tables";
import type { ActionUpdate, WorkstreamAction } from "../domain/workstreams";
import type { ChangeExtras } from "../domain/adviceRequestStore";
import { AlreadyApplied } from "../domain/adviceRequestStore";
import type { EffectAddress } from "../domain/effects";
import { compositeKey, encodeKey, odataString } from "./keys";
import { readMarker, submitWithOutbox } from "./outbox";
import { getEntityOrUndefined, isStatus } from "./tables";

export interface StoredAction {
  action: WorkstreamAction;
  etag: string;
}

export class StaleActionError extends Error {
  override name = "StaleActionError";
}

const updateKey = (actionId: string, sequence: number) => `${actionId}|u|${String(sequence).padStart(6, "0")}`;

/**
 * Workstream actions and their update logs. One partition per workstream (area|workstream):
 * an action and the log line of each change are written in one transaction, guarded by ETag.
 */
export class ActionRepository {
  constructor(private readonly table: TableClient) {}

  private pk(areaId: string, workstreamId: string): string {
    return compositeKey(areaId, workstreamId);
  }

  async get(areaId: string, workstreamId: string, actionId: string): Promise<StoredAction | undefined> {
    const row = await getEntityOrUndefined<{ json: string }>(this.table, this.pk(areaId, workstreamId), encodeKey(actionId));
    return row ? { action: JSON.parse(row.json) as WorkstreamAction, etag: row.etag } : undefined;
  }

  async create(action: WorkstreamAction): Promise<boolean> {
    try {
      await this.table.createEntity({ partitionKey: this.pk(action.areaId, action.workstreamId), rowKey: encodeKey(action.id), kind: "action", json: JSON.stringify(action) });
      return true;
    } catch (err) {
      if (isStatus(err, 409)) return false;
      throw err;
    }
  }

  /**
   * Writes the action, (when given) its log line, its effects and marker together; StaleActionError
   * if it changed since read, AlreadyApplied if the marker was taken.
   */
  async update(action: WorkstreamAction, etag: string, update: ActionUpdate | undefined, extras: ChangeExtras = {}): Promise<EffectAddress[]> {
    return this.updateMany(action.areaId, action.workstreamId, [{ action, etag, update }], extras);
  }

  /** Several actions of one workstream in one transaction (e.g. a reminder run marking each). */
  async updateMany(areaId: string, workstreamId: string, changes: Array<{ action: WorkstreamAction; etag: string; update?: ActionUpdate | undefined }>, extras: ChangeExtras = {}): Promise<EffectAddress[]> {
    const pk = this.pk(areaId, workstreamId);
    const ops: TransactionAction[] = [];
    for (const { action, etag, update } of changes) {
      ops.push(["update", { partitionKey: pk, rowKey: encodeKey(action.id), kind: "action", json: JSON.stringify(action) }, "Replace", { etag }]);
      if (update) ops.push(["create", { partitionKey: pk, rowKey: updateKey(encodeKey(action.id), update.sequence), kind: "update", actionId: action.id, at: update.at, json: JSON.stringify(update) }]);
    }
    try {
      return await submitWithOutbox(this.table, "Actions", pk, ops, extras);
    } catch (err) {
      if (err instanceof AlreadyApplied) throw err;
      if (isStatus(err, 412) || isStatus(err, 409)) throw new StaleActionError(`An action in ${workstreamId} changed underneath us`);
      throw err;
    }
  }

  findMarker(areaId: string, workstreamId: string, key: string): Promise<string | undefined> {
    return readMarker(this.table, this.pk(areaId, workstreamId), key);
  }

  /** Effects on their own (e.g. posting cards to a newly linked channel), in the workstream's outbox. */
  addEffects(areaId: string, workstreamId: string, extras: ChangeExtras): Promise<EffectAddress[]> {
    return submitWithOutbox(this.table, "Actions", this.pk(areaId, workstreamId), [], extras);
  }

  async listActions(areaId: string, workstreamId: string): Promise<WorkstreamAction[]> {
    const filter = `PartitionKey eq ${odataString(this.pk(areaId, workstreamId))} and kind eq 'action'`;
    const out: WorkstreamAction[] = [];
    for await (const row of this.table.listEntities<{ json: string }>({ queryOptions: { filter } })) out.push(JSON.parse(row.json) as WorkstreamAction);
    return out.sort((a, b) => (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999") || a.title.localeCompare(b.title));
  }

  async listUpdates(areaId: string, workstreamId: string, actionId?: string, since?: string): Promise<Array<ActionUpdate & { actionId: string }>> {
    let filter = `PartitionKey eq ${odataString(this.pk(areaId, workstreamId))} and kind eq 'update'`;
    if (actionId) filter += ` and actionId eq ${odataString(actionId)}`;
    if (since) filter += ` and at gt ${odataString(since)}`;
    const out: Array<ActionUpdate & { actionId: string }> = [];
    for await (const row of this.table.listEntities<{ json: string; actionId: string }>({ queryOptions: { filter } })) out.push({ ...(JSON.parse(row.json) as ActionUpdate), actionId: row.actionId });
    return out.sort((a, b) => a.at.localeCompare(b.at) || a.sequence - b.sequence);
  }
}

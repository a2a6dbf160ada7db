import type { TableClient, TransactionAction } from "@azure/data-tables";
import type { ActionUpdate, WorkstreamAction } from "../domain/workstreams";
import { compositeKey, encodeKey, odataString } from "./keys";
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

  /** Writes the action and (when given) its log line together; StaleActionError if it changed since read. */
  async update(action: WorkstreamAction, etag: string, update: ActionUpdate | undefined): Promise<void> {
    const pk = this.pk(action.areaId, action.workstreamId);
    const actions: TransactionAction[] = [["update", { partitionKey: pk, rowKey: encodeKey(action.id), kind: "action", json: JSON.stringify(action) }, "Replace", { etag }]];
    if (update) actions.push(["create", { partitionKey: pk, rowKey: updateKey(encodeKey(action.id), update.sequence), kind: "update", actionId: action.id, at: update.at, json: JSON.stringify(update) }]);
    try {
      await this.table.submitTransaction(actions);
    } catch (err) {
      if (isStatus(err, 412) || isStatus(err, 409)) throw new StaleActionError(`Action ${action.id} changed underneath us`);
      throw err;
    }
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

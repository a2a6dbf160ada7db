import { randomUUID } from "node:crypto";
import type { TableClient } from "@azure/data-tables";
import { encodeKey, invertedTime, odataString } from "./keys";

/**
 * Append-only records per area, newest first: the audit trail (who saw or changed what) and
 * advice feedback. Rows are never updated.
 */
export class AppendLog<T extends Record<string, string | number | boolean>> {
  constructor(private readonly table: TableClient) {}

  async append(areaId: string, at: Date, record: T): Promise<void> {
    await this.table.createEntity({ partitionKey: encodeKey(areaId), rowKey: `${invertedTime(at)}|${randomUUID()}`, at: at.toISOString(), ...record });
  }

  /** Appends once per id: the outbox delivering the same audit effect twice writes one row. */
  async appendOnce(areaId: string, at: Date, id: string, record: T): Promise<void> {
    await this.table.upsertEntity({ partitionKey: encodeKey(areaId), rowKey: `${invertedTime(at)}|${encodeKey(id)}`, at: at.toISOString(), ...record }, "Replace");
  }

  /** Newest first, up to `limit`, optionally only rows whose `field` equals `value`. */
  async recent(areaId: string, limit: number, where?: { field: keyof T & string; value: string }): Promise<Array<T & { at: string }>> {
    let filter = `PartitionKey eq ${odataString(encodeKey(areaId))}`;
    if (where) filter += ` and ${where.field} eq ${odataString(where.value)}`;
    const out: Array<T & { at: string }> = [];
    for await (const row of this.table.listEntities<T & { at: string }>({ queryOptions: { filter } })) {
      out.push(row);
      if (out.length >= limit) break;
    }
    return out;
  }
}

export type AuditRecord = { actor: string; action: string; subject: string; detail: string };
export type FeedbackRecord = { feedbackId: string; helpful: boolean; articleIds: string; phase: string; needAreas: string; actor: string };

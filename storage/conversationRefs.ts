import type { TableClient } from "@azure/data-tables";
import { compositeKey, encodeKey } from "./keys";
import { getEntityOrUndefined } from "./tables";

export type ConversationScope = "personal" | "channel" | "groupChat";

interface RefRow {
  scope: ConversationScope;
  reference: string;
  teamId?: string;
  channelName?: string;
  updatedAt: string;
}

export interface StoredConversation {
  scope: ConversationScope;
  /** The Bot Framework conversation reference, kept opaque here and typed in bot/. */
  reference: unknown;
  teamId: string | undefined;
}

/**
 * Where the bot can reach a person or channel later (status changes, reminders). Keyed by
 * user:<aadObjectId> or channel:<conversation id> within the area, as the design sets out.
 */
export class ConversationRefRepository {
  constructor(private readonly table: TableClient) {}

  static userKey(aadObjectId: string): string {
    return compositeKey("user", aadObjectId);
  }
  static channelKey(conversationId: string): string {
    return compositeKey("channel", conversationId);
  }

  /**
   * Stores the reference when it is new or changed (a point read, usually no write); true when it
   * was new or changed, so effects waiting for this person or channel can be released.
   */
  async save(areaId: string, key: string, value: StoredConversation, now: Date): Promise<boolean> {
    const reference = JSON.stringify(value.reference);
    const existing = await getEntityOrUndefined<RefRow>(this.table, encodeKey(areaId), key);
    if (existing && existing.reference === reference && existing.scope === value.scope && (existing.teamId ?? undefined) === value.teamId) return false;
    const row: RefRow = {
      scope: value.scope,
      reference,
      updatedAt: now.toISOString(),
      ...(value.teamId ? { teamId: value.teamId } : {}),
    };
    await this.table.upsertEntity({ partitionKey: encodeKey(areaId), rowKey: key, ...row }, "Replace");
    return true;
  }

  async find(areaId: string, key: string): Promise<StoredConversation | undefined> {
    const row = await getEntityOrUndefined<RefRow>(this.table, encodeKey(areaId), key);
    return row ? { scope: row.scope, reference: JSON.parse(row.reference) as unknown, teamId: row.teamId } : undefined;
  }
}

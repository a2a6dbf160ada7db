import type { TableClient } from "@azure/data-tables";
import { encodeKey } from "./keys";
import { getEntityOrUndefined } from "./tables";

export interface AdviceFeedback {
  helpful: boolean;
  articleIds: string[];
  phase: string;
  needAreas: string[];
  actorAadObjectId: string;
  at: string;
}

/** "Was this helpful?" answers, one row per advice card, so a second click replaces the first. */
export class FeedbackRepository {
  constructor(private readonly table: TableClient) {}

  async record(areaId: string, feedbackId: string, f: AdviceFeedback): Promise<void> {
    await this.table.upsertEntity(
      { partitionKey: encodeKey(areaId), rowKey: encodeKey(feedbackId), helpful: f.helpful, articleIds: f.articleIds.join(","), phase: f.phase, needAreas: f.needAreas.join(","), actor: f.actorAadObjectId, at: f.at },
      "Replace",
    );
  }

  async find(areaId: string, feedbackId: string): Promise<{ helpful: boolean; articleIds: string } | undefined> {
    return getEntityOrUndefined<{ helpful: boolean; articleIds: string }>(this.table, encodeKey(areaId), encodeKey(feedbackId));
  }
}

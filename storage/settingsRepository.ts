import type { TableClient } from "@azure/data-tables";
import { compositeKey, encodeKey } from "./keys";
import { getEntityOrUndefined } from "./tables";

/** Small per-area settings chosen at run time (e.g. which channel is the triage channel). */
export class SettingsRepository {
  constructor(private readonly areas: TableClient) {}

  async get(areaId: string, key: string): Promise<string | undefined> {
    return (await getEntityOrUndefined<{ value: string }>(this.areas, encodeKey(areaId), compositeKey("setting", key)))?.value;
  }

  async set(areaId: string, key: string, value: string, by: string, at: Date): Promise<void> {
    await this.areas.upsertEntity({ partitionKey: encodeKey(areaId), rowKey: compositeKey("setting", key), value, by, at: at.toISOString() }, "Replace");
  }
}

export const SETTING_TRIAGE_CHANNEL = "triage-channel";

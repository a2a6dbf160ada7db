import type { TableClient } from "@azure/data-tables";
import { compositeKey, encodeKey } from "./keys";
import { isStatus } from "./tables";

/** Small per-area settings chosen at run time (e.g. which channel is the triage channel). */
export class SettingsRepository {
  constructor(private readonly areas: TableClient) {}

  async get(areaId: string, key: string): Promise<string | undefined> {
    try {
      return (await this.areas.getEntity<{ value: string }>(encodeKey(areaId), compositeKey("setting", key))).value;
    } catch (err) {
      if (isStatus(err, 404)) return undefined;
      throw err;
    }
  }

  async set(areaId: string, key: string, value: string, by: string, at: Date): Promise<void> {
    await this.areas.upsertEntity({ partitionKey: encodeKey(areaId), rowKey: compositeKey("setting", key), value, by, at: at.toISOString() }, "Replace");
  }
}

export const SETTING_TRIAGE_CHANNEL = "triage-channel";

import type { TableClient } from "@azure/data-tables";
import type { ChangeExtras } from "../domain/adviceRequestStore";
import type { EffectAddress } from "../domain/effects";
import { compositeKey, encodeKey } from "./keys";
import { submitWithOutbox } from "./outbox";
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

  /**
   * Effects in the area's own outbox (e.g. the board roll-up), with a marker so a run that
   * happens twice (two instances, a retried timer) records them once: AlreadyApplied otherwise.
   */
  recordEffects(areaId: string, extras: ChangeExtras, now: Date): Promise<EffectAddress[]> {
    return submitWithOutbox(this.areas, "Areas", encodeKey(areaId), [], extras, now);
  }

}

export const SETTING_TRIAGE_CHANNEL = "triage-channel";

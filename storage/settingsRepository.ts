import type { TableClient, TransactionAction } from "@azure/data-tables";
import { AlreadyApplied, type ChangeExtras } from "../domain/adviceRequestStore";
import type { EffectAddress } from "../domain/effects";
import { compositeKey, encodeKey } from "./keys";
import { addressesOf, effectCreates, markerCreate, readMarker } from "./outbox";
import { getEntityOrUndefined, isStatus } from "./tables";

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
  async recordEffects(areaId: string, extras: ChangeExtras, now: Date): Promise<EffectAddress[]> {
    const pk = encodeKey(areaId);
    const ops: TransactionAction[] = [...effectCreates(pk, extras.effects ?? [], now), ...(extras.marker ? [markerCreate(pk, extras.marker.key, extras.marker.result, now)] : [])];
    if (!ops.length) return [];
    try {
      await this.areas.submitTransaction(ops);
    } catch (err) {
      if (extras.marker && isStatus(err, 409)) throw new AlreadyApplied((await readMarker(this.areas, pk, extras.marker.key)) ?? "");
      throw err;
    }
    return addressesOf("Areas", pk, extras.effects ?? []);
  }
}

export const SETTING_TRIAGE_CHANNEL = "triage-channel";

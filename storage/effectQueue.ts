import type { TableClient } from "@azure/data-tables";
import { z } from "zod";
import type { Logger } from "../app/log";
import type { EffectAddress, EffectDispatcher } from "../domain/effects";
import { compositeKey, encodeKey, odataString } from "./keys";
import { QUEUES, type QueueStore } from "./queues";

/** The queue message that asks the outbox worker to deliver one effect: where its row is, nothing else. */
export const EffectMessage = z.object({
  table: z.enum(["AdviceRequests", "Actions", "Areas"]),
  partitionKey: z.string().min(1).max(1024),
  effectId: z.string().min(1).max(400),
});

/** How long the enqueue after a commit may take before the sweep is left to catch up. */
const DISPATCH_TIMEOUT_MS = 1500;

/** Sends effect messages to the outbox queue; failures are logged, since the sweep finds the rows. */
export class QueueEffectDispatcher implements EffectDispatcher {
  constructor(
    private readonly queues: QueueStore,
    private readonly log: Logger,
  ) {}

  async dispatch(addresses: readonly EffectAddress[]): Promise<void> {
    await Promise.all(addresses.map((a) => this.send(a, 0)));
  }

  /** With a delay, for a retry after backoff (the message stays invisible until then). */
  async send(address: EffectAddress, delaySeconds: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const sent = this.queues.send(QUEUES.outbox, address, delaySeconds > 0 ? { visibilityTimeout: Math.min(Math.ceil(delaySeconds), 7 * 24 * 3600) } : {});
      const late = new Promise<never>((_r, reject) => (timer = setTimeout(() => reject(new Error("timed out")), DISPATCH_TIMEOUT_MS)));
      await Promise.race([sent, late]);
    } catch (err) {
      this.log.warn("Could not queue an effect now; the outbox sweep will send it", { effectId: address.effectId, table: address.table, reason: err instanceof Error ? err.message : "unknown" });
    } finally {
      clearTimeout(timer);
    }
  }
}

interface WaitingRow {
  table: EffectAddress["table"];
  effectPartition: string;
  effectId: string;
  waitingFor: string;
  since: string;
}

/**
 * Effects parked until someone can be reached (a person who has never opened a chat with the
 * bot, a triage channel not chosen yet), indexed by what they wait for so the turn that makes
 * it reachable can release them with one key-range query.
 */
export class WaitingEffects {
  constructor(private readonly table: TableClient) {}

  async park(areaId: string, waitingFor: string, address: EffectAddress, now: Date): Promise<void> {
    const row: WaitingRow = { table: address.table, effectPartition: address.partitionKey, effectId: address.effectId, waitingFor, since: now.toISOString() };
    await this.table.upsertEntity({ partitionKey: encodeKey(areaId), rowKey: compositeKey(waitingFor, address.table, address.partitionKey, address.effectId), ...row }, "Replace");
  }

  async waitingFor(areaId: string, waitingFor: string, limit = 500): Promise<Array<EffectAddress & { rowKey: string }>> {
    const prefix = `${compositeKey(waitingFor)}|`;
    const filter = `PartitionKey eq ${odataString(encodeKey(areaId))} and RowKey ge ${odataString(prefix)} and RowKey lt ${odataString(`${compositeKey(waitingFor)}}`)}`;
    const out: Array<EffectAddress & { rowKey: string }> = [];
    for await (const row of this.table.listEntities<WaitingRow>({ queryOptions: { filter } })) {
      out.push({ table: row.table, partitionKey: row.effectPartition, effectId: row.effectId, rowKey: row.rowKey ?? "" });
      if (out.length >= limit) break;
    }
    return out;
  }

  /** How many effects wait, and for what (for the council's deliveries view). */
  async count(areaId: string, limit = 1000): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    let seen = 0;
    for await (const row of this.table.listEntities<WaitingRow>({ queryOptions: { filter: `PartitionKey eq ${odataString(encodeKey(areaId))}`, select: ["waitingFor"] } })) {
      counts.set(row.waitingFor, (counts.get(row.waitingFor) ?? 0) + 1);
      if (++seen >= limit) break;
    }
    return counts;
  }

  async remove(areaId: string, rowKey: string): Promise<void> {
    await this.table.deleteEntity(encodeKey(areaId), rowKey).catch(() => undefined);
  }
}

import type { TableClient } from "@azure/data-tables";
import type { Storage, StoreItems } from "botbuilder";
import { encodeKey } from "../storage/keys";
import { deleteIfExists, getEntityOrUndefined } from "../storage/tables";

/** A string property holds at most 64 KiB (32K UTF-16 chars): long state is split across properties. */
const CHUNK = 30_000;
const MAX_CHUNKS = 30;

type StateRow = Record<string, unknown> & { chunks: number };

/**
 * Teams AI turn state (conversation, user, temp) in Table storage, so any instance can take the
 * next turn. State keys contain "/" (channel/conversation ids), which Table keys forbid: encoded.
 */
export class TableTurnStateStorage implements Storage {
  constructor(private readonly table: TableClient) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    await Promise.all(
      keys.map(async (key) => {
        const row = await getEntityOrUndefined<StateRow>(this.table, encodeKey(key), "state");
        if (!row) return;
        let json = "";
        for (let i = 0; i < row.chunks; i++) {
          const part = row[`d${i}`];
          json += typeof part === "string" ? part : "";
        }
        items[key] = { ...(JSON.parse(json) as object), eTag: row.etag };
      }),
    );
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await Promise.all(
      Object.entries(changes).map(async ([key, value]) => {
        const { eTag, ...rest } = (value ?? {}) as { eTag?: string } & Record<string, unknown>;
        const json = JSON.stringify(rest);
        const chunks = Math.max(1, Math.ceil(json.length / CHUNK));
        if (chunks > MAX_CHUNKS) throw new Error(`Turn state for ${key} is too large (${json.length} characters)`);
        const entity: StateRow & { partitionKey: string; rowKey: string } = {
          partitionKey: encodeKey(key),
          rowKey: "state",
          chunks,
        };
        for (let i = 0; i < chunks; i++) entity[`d${i}`] = json.slice(i * CHUNK, (i + 1) * CHUNK);
        if (eTag && eTag !== "*") await this.table.updateEntity(entity, "Replace", { etag: eTag });
        else await this.table.upsertEntity(entity, "Replace");
      }),
    );
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(
      keys.map(async (key) => {
        await deleteIfExists(this.table, encodeKey(key), "state");
      }),
    );
  }
}

import { describe, expect, it } from "vitest";
import { TableTurnStateStorage } from "../../bot/tableTurnStateStorage";
import { TABLES } from "../../storage/tables";
import { freshTableStore } from "../support/storage";

describe("turn state in Table storage (Azurite)", () => {
  it("round-trips state under keys with slashes, including large values", async () => {
    const store = await freshTableStore();
    const storage = new TableTurnStateStorage(store.client(TABLES.botState));
    const key = "msteams/19:abc@thread.tacv2/conversation";
    const big = "x".repeat(100_000);
    await storage.write({ [key]: { draft: big, count: 2 } });
    const read = (await storage.read([key, "missing"])) as Record<string, { draft: string; count: number; eTag: string }>;
    expect(read[key]?.draft).toBe(big);
    expect(read[key]?.count).toBe(2);
    expect(read.missing).toBeUndefined();
    await storage.delete([key]);
    expect(await storage.read([key])).toEqual({});
  });

  it("refuses a write based on a stale eTag", async () => {
    const store = await freshTableStore();
    const storage = new TableTurnStateStorage(store.client(TABLES.botState));
    await storage.write({ k: { n: 1 } });
    const first = (await storage.read(["k"])).k as { eTag: string };
    await storage.write({ k: { n: 2, eTag: first.eTag } });
    await expect(storage.write({ k: { n: 3, eTag: first.eTag } })).rejects.toMatchObject({ statusCode: 412 });
  });
});

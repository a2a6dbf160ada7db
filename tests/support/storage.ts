import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import type { StorageConfig } from "../../app/config";
import { TABLES, TableStore } from "../../storage/tables";

export function testStorage(): StorageConfig {
  return { kind: "connectionString", connectionString: inject("storageConnectionString") };
}

/** A table prefix no other test uses, so files run side by side against one Azurite. */
export function uniquePrefix(): string {
  return `T${randomBytes(6).toString("hex")}`;
}

export async function freshTableStore(): Promise<TableStore> {
  const store = new TableStore(testStorage(), uniquePrefix());
  await store.ensureTables();
  return store;
}

/** Every entity in every table under a prefix, as JSON text: for "nothing was stored" checks. */
export async function everythingStored(store: TableStore): Promise<string> {
  const parts: string[] = [];
  for (const name of Object.values(TABLES)) {
    for await (const e of store.client(name).listEntities()) parts.push(JSON.stringify(e));
  }
  return parts.join("\n");
}

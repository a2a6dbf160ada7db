import { TableClient, TableServiceClient, type TableEntityResult } from "@azure/data-tables";
import { DefaultAzureCredential, ManagedIdentityCredential, type TokenCredential } from "@azure/identity";
import type { StorageConfig } from "../app/config";

/** Every table the product uses, named once; the prefix lets tests and tenants share an account. */
export const TABLES = {
  areas: "Areas",
  directory: "Directory",
  conversationRefs: "ConversationRefs",
  audit: "Audit",
  processedActivities: "ProcessedActivities",
  adviceRequests: "AdviceRequests",
  requestsBySchool: "RequestsBySchool",
  counters: "Counters",
  feedback: "Feedback",
  actions: "Actions",
  outboxWaiting: "OutboxWaiting",
} as const;
export type TableName = (typeof TABLES)[keyof typeof TABLES];

/**
 * Few, quick retries: a card action must answer within Teams' few seconds, so a storage outage
 * must fail fast and be said plainly rather than wait out the SDK's default backoff. Background
 * work (the outbox, timers) has its own retries.
 */
const RETRY = { retryOptions: { maxRetries: 2, retryDelayInMs: 100, maxRetryDelayInMs: 500 } };

function credentialFor(clientId: string | undefined): TokenCredential {
  return clientId ? new ManagedIdentityCredential({ clientId }) : new DefaultAzureCredential();
}

export class TableStore {
  private readonly clients = new Map<string, TableClient>();
  constructor(
    private readonly storage: StorageConfig,
    private readonly prefix: string,
  ) {}

  client(name: TableName): TableClient {
    const full = `${this.prefix}${name}`;
    let c = this.clients.get(full);
    if (!c) {
      c =
        this.storage.kind === "connectionString"
          ? TableClient.fromConnectionString(this.storage.connectionString, full, { allowInsecureConnection: true, ...RETRY })
          : new TableClient(this.storage.tableUrl, full, credentialFor(this.storage.clientId), RETRY);
      this.clients.set(full, c);
    }
    return c;
  }

  /** Creates every table if missing; safe to run on every start of every instance. */
  async ensureTables(): Promise<void> {
    await Promise.all(Object.values(TABLES).map((t) => this.client(t).createTable()));
  }

  /** Storage health: one cheap authenticated call. */
  async ping(): Promise<boolean> {
    try {
      const service =
        this.storage.kind === "connectionString"
          ? TableServiceClient.fromConnectionString(this.storage.connectionString, { allowInsecureConnection: true })
          : new TableServiceClient(this.storage.tableUrl, credentialFor(this.storage.clientId));
      const iter = service.listTables().byPage({ maxPageSize: 1 });
      await iter.next();
      return true;
    } catch {
      return false;
    }
  }
}

/** Lists a whole partition with continuation, for partitions the design keeps small. */
export async function listPartition<T extends object>(client: TableClient, partitionKey: string): Promise<TableEntityResult<T>[]> {
  const out: TableEntityResult<T>[] = [];
  const filter = `PartitionKey eq '${partitionKey.replace(/'/g, "''")}'`;
  for await (const e of client.listEntities<T>({ queryOptions: { filter } })) out.push(e);
  return out;
}

/** A point read that answers undefined for a missing entity and rethrows anything else. */
export async function getEntityOrUndefined<T extends object>(client: TableClient, partitionKey: string, rowKey: string): Promise<TableEntityResult<T> | undefined> {
  try {
    return await client.getEntity<T>(partitionKey, rowKey);
  } catch (err) {
    if (isStatus(err, 404)) return undefined;
    throw err;
  }
}

/** Deletes an entity if it is there; a missing one is already the wanted state. */
export async function deleteIfExists(client: TableClient, partitionKey: string, rowKey: string): Promise<void> {
  try {
    await client.deleteEntity(partitionKey, rowKey);
  } catch (err) {
    if (!isStatus(err, 404)) throw err;
  }
}

export function isStatus(err: unknown, status: number): boolean {
  return typeof err === "object" && err !== null && "statusCode" in err && err.statusCode === status;
}

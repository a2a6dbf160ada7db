import { QueueServiceClient, type QueueClient } from "@azure/storage-queue";
import { DefaultAzureCredential, ManagedIdentityCredential } from "@azure/identity";
import type { StorageConfig } from "../app/config";

/** Queues the product uses; each has a "-poison" twin for messages that kept failing. */
export const QUEUES = { outbox: "outbox" } as const;

/** Storage queues by name (Azurite locally), with messages base64-encoded as the Functions host expects. */
export class QueueStore {
  private readonly service: QueueServiceClient;
  /** `prefix` (the table prefix) keeps deployments and test runs sharing an account apart. */
  constructor(
    storage: StorageConfig,
    private readonly prefix = "",
  ) {
    // Few quick retries, as for tables: the enqueue after a commit must not hold up a card's answer.
    const options = { retryOptions: { maxTries: 3, retryDelayInMs: 100, maxRetryDelayInMs: 500 } };
    if (storage.kind === "connectionString") this.service = QueueServiceClient.fromConnectionString(storage.connectionString, options);
    else {
      if (!storage.queueUrl) throw new Error("STORAGE_QUEUE_URL is needed with STORAGE_TABLE_URL");
      this.service = new QueueServiceClient(storage.queueUrl, storage.clientId ? new ManagedIdentityCredential({ clientId: storage.clientId }) : new DefaultAzureCredential(), options);
    }
  }

  queue(name: string): QueueClient {
    return this.service.getQueueClient(queueNameFor(this.prefix, name));
  }

  async ensureQueues(names: readonly string[]): Promise<void> {
    await Promise.all(names.flatMap((n) => [this.queue(n).createIfNotExists(), this.queue(`${n}-poison`).createIfNotExists()]));
  }

  async send(name: string, message: unknown, options: { visibilityTimeout?: number } = {}): Promise<void> {
    await this.queue(name).sendMessage(Buffer.from(JSON.stringify(message)).toString("base64"), options);
  }
}

/** Queue names are lower case letters, digits and hyphens: "Seh" + "outbox" is "seh-outbox". */
export function queueNameFor(prefix: string, name: string): string {
  return (prefix ? `${prefix}-${name}` : name).toLowerCase().replace(/[^a-z0-9-]/g, "-").slice(0, 63);
}

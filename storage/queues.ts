import { QueueServiceClient, type QueueClient } from "@azure/storage-queue";
import { DefaultAzureCredential, ManagedIdentityCredential } from "@azure/identity";
import type { StorageConfig } from "../app/config";

/** Queues the product uses; each has a "-poison" twin for messages that kept failing. */
export const QUEUES = { notifications: "notifications" } as const;

/** Storage queues by name (Azurite locally), with messages base64-encoded as the Functions host expects. */
export class QueueStore {
  private readonly service: QueueServiceClient;
  constructor(storage: StorageConfig) {
    if (storage.kind === "connectionString") this.service = QueueServiceClient.fromConnectionString(storage.connectionString);
    else {
      if (!storage.queueUrl) throw new Error("STORAGE_QUEUE_URL is needed with STORAGE_TABLE_URL");
      this.service = new QueueServiceClient(storage.queueUrl, storage.clientId ? new ManagedIdentityCredential({ clientId: storage.clientId }) : new DefaultAzureCredential());
    }
  }

  queue(name: string): QueueClient {
    return this.service.getQueueClient(name);
  }

  async ensureQueues(names: readonly string[]): Promise<void> {
    await Promise.all(names.flatMap((n) => [this.queue(n).createIfNotExists(), this.queue(`${n}-poison`).createIfNotExists()]));
  }

  async send(name: string, message: unknown): Promise<void> {
    await this.queue(name).sendMessage(Buffer.from(JSON.stringify(message)).toString("base64"));
  }
}

import type { AppConfig } from "../app/config";
import type { Logger } from "../app/log";
import type { AreaPack } from "../domain/areaPack";
import type { Directory, DirectoryEditor } from "../domain/directory";
import type { RequestDeps } from "../domain/adviceRequests";
import type { IdempotencyStore } from "../domain/adviceRequestStore";
import type { ActionStore } from "../domain/workstreamOps";
import type { GuidanceIndexes } from "../app/guidance";
import type { AppendLog, AuditRecord } from "../storage/appendLog";
import type { ConversationRefRepository } from "../storage/conversationRefs";
import type { FeedbackRepository } from "../storage/feedbackRepository";
import type { QueueStore } from "../storage/queues";
import type { SettingsRepository } from "../storage/settingsRepository";
import type { SecondOpinion } from "../domain/textScreening";
import type { ProactiveNotifier } from "./notifier";
import type { OutboxDeps } from "./outbox/outboxWorker";

/** Everything the bot's handlers use, built once per process by app/composition. */
export interface BotDeps {
  config: AppConfig;
  packs: readonly AreaPack[];
  directory: Directory;
  /** ETag-guarded changes to people made in the product (availability, roles). */
  editDirectory: DirectoryEditor;
  conversationRefs: ConversationRefRepository;
  log: Logger;
  now: () => Date;
  requests: RequestDeps;
  guidance: GuidanceIndexes;
  audit: AppendLog<AuditRecord>;
  feedback: FeedbackRepository;
  notifier: ProactiveNotifier;
  settings: SettingsRepository;
  actions: ActionStore;
  queues: QueueStore;
  /** The transactional outbox: its rows, the waiting index and the delivery queue. */
  outbox: OutboxDeps;
  /** Which typed messages were already answered (a redelivered message is answered once). */
  processed: IdempotencyStore;
  /** Optional second opinion on safeguarding (Azure AI Content Safety); undefined when not configured. */
  secondOpinion?: SecondOpinion;
  /** Workstreams that exist only in an imported plan (not named in area.json). */
  plansWorkstreams?: (area: AreaPack) => string[];
}

export const PRODUCT_NAME = "SEND Early Help";

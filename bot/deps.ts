import type { AppConfig } from "../app/config";
import type { Logger } from "../app/log";
import type { AreaPack } from "../domain/areaPack";
import type { Directory } from "../domain/directory";
import type { ConversationRefRepository } from "../storage/conversationRefs";

/** Everything the bot's handlers use, built once per process by app/composition. */
export interface BotDeps {
  config: AppConfig;
  packs: readonly AreaPack[];
  directory: Directory;
  conversationRefs: ConversationRefRepository;
  log: Logger;
  now: () => Date;
}

export const PRODUCT_NAME = "SEND Early Help";

import { createHash } from "node:crypto";
import type { Application, TurnState } from "@microsoft/teams-ai";
import { FunctionsTeamsAdapter } from "../bot/adapter";
import { buildBotApplication } from "../bot/application";
import type { BotDeps } from "../bot/deps";
import { TableTurnStateStorage } from "../bot/tableTurnStateStorage";
import type { AreaPack } from "../domain/areaPack";
import { seedDirectory } from "../domain/directory";
import { ConversationRefRepository } from "../storage/conversationRefs";
import { DirectoryRepository } from "../storage/directoryRepository";
import { TABLES, TableStore } from "../storage/tables";
import { loadAreaPacks } from "./areaPacks";
import { loadConfig, type AppConfig } from "./config";
import { createLogger, type Logger } from "./log";

/** Everything one process needs, built once: config, stores, adapter and the bot application. */
export interface Runtime {
  config: AppConfig;
  log: Logger;
  packs: AreaPack[];
  tables: TableStore;
  directory: DirectoryRepository;
  conversationRefs: ConversationRefRepository;
  adapter: FunctionsTeamsAdapter;
  bot: Application<TurnState>;
  now: () => Date;
}

export interface StaticSetup {
  config: AppConfig;
  log: Logger;
  packs: AreaPack[];
}

/** The synchronous part: a bad setting or a broken area pack throws here, at start-up. */
export function loadStaticSetup(env: NodeJS.ProcessEnv = process.env): StaticSetup {
  const config = loadConfig(env);
  const log = createLogger(config.logLevel, { app: "send-early-help" });
  const packs = loadAreaPacks(config.areasDir);
  return { config, log, packs };
}

export function packHash(pack: AreaPack): string {
  return createHash("sha256").update(JSON.stringify(pack)).digest("hex").slice(0, 16);
}

export async function buildRuntime(setup: StaticSetup, now: () => Date = () => new Date()): Promise<Runtime> {
  const { config, log, packs } = setup;
  const tables = new TableStore(config.storage, config.tablePrefix);
  await tables.ensureTables();
  const directory = new DirectoryRepository(tables.client(TABLES.directory), tables.client(TABLES.areas));
  await seedChangedPacks(packs, directory, log, now);
  const conversationRefs = new ConversationRefRepository(tables.client(TABLES.conversationRefs));
  const adapter = new FunctionsTeamsAdapter(config.bot);
  const deps: BotDeps = { config, packs, directory, conversationRefs, log, now };
  const bot = buildBotApplication(adapter, new TableTurnStateStorage(tables.client(TABLES.botState)), deps);
  log.info(
    config.bot.authenticated
      ? "Bot authentication is on: unsigned calls to /api/messages are rejected"
      : "Local mode: no BOT_ID is set, so /api/messages accepts unauthenticated calls (for the playground only)",
    { areas: packs.map((p) => p.id) },
  );
  return { config, log, packs, tables, directory, conversationRefs, adapter, bot, now };
}

/** Seeds only packs whose content changed since the last seed, so cold starts stay cheap. */
async function seedChangedPacks(packs: AreaPack[], directory: DirectoryRepository, log: Logger, now: () => Date): Promise<void> {
  for (const pack of packs) {
    const hash = packHash(pack);
    const last = await directory.lastSeed(pack.id);
    if (last?.packHash === hash) continue;
    const summary = await seedDirectory(pack, directory, now(), hash);
    log.info("Seeded local area directory", { area: pack.id, ...summary });
  }
}

let runtime: Promise<Runtime> | undefined;

/** The process-wide runtime. A failed build is not cached, so the next call tries again. */
export function getRuntime(): Promise<Runtime> {
  if (!runtime) {
    runtime = buildRuntime(loadStaticSetup()).catch((err: unknown) => {
      runtime = undefined;
      throw err;
    });
  }
  return runtime;
}

import { createHash } from "node:crypto";
import type { Application, TurnState } from "@microsoft/teams-ai";
import { FunctionsTeamsAdapter } from "../bot/adapter";
import { buildBotApplication } from "../bot/application";
import type { BotDeps } from "../bot/deps";
import { contentSafetyOpinion } from "../bot/contentSafety";
import type { AreaPack } from "../domain/areaPack";
import { seedDirectory } from "../domain/directory";
import { importPlan } from "../domain/workstreamOps";
import type { WorkstreamAction } from "../domain/workstreams";
import { ActionRepository } from "../storage/actionRepository";
import { ProactiveNotifier } from "../bot/notifier";
import type { RequestDeps } from "../domain/adviceRequests";
import { AdviceRequestRepository, IdempotencyRepository } from "../storage/adviceRequestRepository";
import { QueueEffectDispatcher } from "../storage/effectQueue";
import { outboxDeps } from "../bot/outbox/outboxWorker";
import { AppendLog, type AuditRecord } from "../storage/appendLog";
import { ConversationRefRepository } from "../storage/conversationRefs";
import { FeedbackRepository } from "../storage/feedbackRepository";
import { QUEUES, QueueStore } from "../storage/queues";
import { SettingsRepository } from "../storage/settingsRepository";
import { DirectoryRepository } from "../storage/directoryRepository";
import { TABLES, TableStore } from "../storage/tables";
import { loadAreaPacks } from "./areaPacks";
import { loadConfig, type AppConfig } from "./config";
import { loadGuidanceIndexes, type GuidanceIndexes } from "./guidance";
import { loadAreaPlan } from "./plans";
import { areaCalendars } from "./holidays";
import { createLogger, type Logger } from "./log";
import { startTelemetry } from "./telemetry";

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
  deps: BotDeps;
  now: () => Date;
}

export interface StaticSetup {
  config: AppConfig;
  log: Logger;
  packs: AreaPack[];
  guidance: GuidanceIndexes;
  /** Each area's plan (area.json actions plus plan.csv), validated at start-up. */
  plans: Map<string, { actions: WorkstreamAction[]; csvText: string }>;
}

/**
 * The synchronous part: a bad setting or a broken area pack throws here, at start-up. Telemetry
 * starts here too (once per process, and only with APPLICATIONINSIGHTS_CONNECTION_STRING set).
 */
export function loadStaticSetup(env: NodeJS.ProcessEnv = process.env): StaticSetup {
  const config = loadConfig(env);
  const log = createLogger(config.logLevel, { app: "send-early-help" });
  startTelemetry(config.telemetry, log);
  const packs = loadAreaPacks(config.areasDir);
  const guidance = loadGuidanceIndexes(config.areasDir, packs);
  const plans = new Map(packs.map((p) => [p.id, loadAreaPlan(config.areasDir, p, new Date())]));
  return { config, log, packs, guidance, plans };
}

export function packHash(pack: AreaPack, planCsv = ""): string {
  // The salt names the directory's layout: changing it re-seeds once (v2 added the staff index rows).
  return createHash("sha256").update("directory-v2").update(JSON.stringify(pack)).update(planCsv).digest("hex").slice(0, 16);
}

export async function buildRuntime(setup: StaticSetup, now: () => Date = () => new Date()): Promise<Runtime> {
  const { config, log, packs, guidance, plans } = setup;
  const tables = new TableStore(config.storage, config.tablePrefix);
  await tables.ensureTables();
  const directory = new DirectoryRepository(tables.client(TABLES.directory), tables.client(TABLES.areas));
  const actionStore = new ActionRepository(tables.client(TABLES.actions));
  await seedChangedPacks(packs, plans, directory, actionStore, log, now);
  const conversationRefs = new ConversationRefRepository(tables.client(TABLES.conversationRefs));
  const queues = new QueueStore(config.storage, config.tablePrefix);
  await queues.ensureQueues(Object.values(QUEUES));
  const adapter = new FunctionsTeamsAdapter(config.bot);
  const effectQueue = new QueueEffectDispatcher(queues, log);
  const requests: RequestDeps = {
    store: new AdviceRequestRepository(tables.client(TABLES.adviceRequests), tables.client(TABLES.requestsBySchool), tables.client(TABLES.counters)),
    effects: effectQueue,
    now,
    calendarFor: areaCalendars(packs, now()),
    people: directory,
  };
  const deps: BotDeps = {
    config,
    packs,
    directory,
    editDirectory: directory,
    conversationRefs,
    log,
    now,
    requests,
    guidance,
    audit: new AppendLog<AuditRecord>(tables.client(TABLES.audit)),
    feedback: new FeedbackRepository(tables.client(TABLES.feedback)),
    notifier: new ProactiveNotifier(adapter, config.bot.id, conversationRefs, log),
    settings: new SettingsRepository(tables.client(TABLES.areas)),
    actions: actionStore,
    queues,
    outbox: outboxDeps(tables, effectQueue, config.outbox),
    processed: new IdempotencyRepository(tables.client(TABLES.processedActivities)),
    ...(config.contentSafety ? { secondOpinion: contentSafetyOpinion(config.contentSafety, log) } : {}),
    plansWorkstreams: (area) => [...new Set((plans.get(area.id)?.actions ?? []).map((a) => a.workstreamId))],
  };
  await ensureRequestIndexes(packs, requests.store as AdviceRequestRepository, deps.settings, log, now);
  const bot = buildBotApplication(adapter, deps);
  if (config.bot.unauthenticatedInAzure)
    log.error("SECURITY: running in Azure WITHOUT bot authentication because ALLOW_UNAUTHENTICATED_IN_AZURE=true. Anyone who finds the URL can act as any user. Set BOT_ID and remove the override.", { alert: "unauthenticated-in-azure" });
  log.info(
    config.bot.authenticated
      ? "Bot authentication is on: unsigned calls to /api/messages are rejected"
      : "Local mode: no BOT_ID is set, so /api/messages accepts unauthenticated calls (for the playground only)",
    { areas: packs.map((p) => p.id) },
  );
  return { config, log, packs, tables, directory, conversationRefs, adapter, bot, deps, now };
}

/**
 * Seeds only packs whose content changed since the last seed, so cold starts stay cheap. The
 * plan is imported first and the seed recorded last, so a start cut short is redone next time.
 */
async function seedChangedPacks(packs: AreaPack[], plans: StaticSetup["plans"], directory: DirectoryRepository, actions: ActionRepository, log: Logger, now: () => Date): Promise<void> {
  for (const pack of packs) {
    const plan = plans.get(pack.id) ?? { actions: [], csvText: "" };
    const hash = packHash(pack, plan.csvText);
    const last = await directory.lastSeed(pack.id);
    if (last?.packHash === hash) continue;
    const imported = await importPlan(actions, plan.actions, now());
    const summary = await seedDirectory(pack, directory, now(), hash);
    log.info("Seeded local area directory and plan", { area: pack.id, ...summary, plan: imported });
  }
}

/** Index rows for requests stored before they existed; once per area, recorded in its settings. */
async function ensureRequestIndexes(packs: AreaPack[], store: AdviceRequestRepository, settings: SettingsRepository, log: Logger, now: () => Date): Promise<void> {
  for (const pack of packs) {
    if (await settings.get(pack.id, REQUEST_INDEXES_SETTING)) continue;
    const written = await store.backfillIndexes(pack.id);
    await settings.set(pack.id, REQUEST_INDEXES_SETTING, "v1", "start-up", now());
    if (written) log.info("Indexed stored requests", { area: pack.id, requests: written });
  }
}
const REQUEST_INDEXES_SETTING = "request-indexes";

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

import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { MemoryStorage } from "botbuilder";
import { Application, type TurnState } from "@microsoft/teams-ai";
import type { AppConfig } from "../app/config";
import type { TriedFor, Urgency, YearGroup } from "../domain/adviceRequest";
import type { NeedArea } from "../domain/areaPack";
import { createLogger, type Logger } from "../app/log";
import { FunctionsTeamsAdapter } from "../bot/adapter";
import { processBotRequest } from "../bot/httpBridge";

/**
 * The load benchmark's plumbing: the framework floor (a bare Teams AI application on the same
 * adapter and bridge as the product), activities as Teams sends them, one timed turn, and the
 * cold-start probes run in child processes.
 */
export interface BotUnderTest {
  adapter: FunctionsTeamsAdapter;
  app: Application<TurnState>;
  log: Logger;
}

/**
 * The floor: the same packages, adapter and HTTP bridge, with MemoryStorage turn state, one message
 * handler and one Action.Execute handler. It answers every scenario; it is not a functional twin.
 * Its options match the product's (no typing timer, no long-running proxy), so only the product's
 * own work differs.
 */
export function buildFloorBot(config: AppConfig["bot"]): BotUnderTest {
  const adapter = new FunctionsTeamsAdapter(config);
  const app = new Application<TurnState>({ adapter, botAppId: config.id, storage: new MemoryStorage(), removeRecipientMention: true, startTypingTimer: false, longRunningMessages: false });
  app.activity("message", async (context) => {
    await context.sendActivity("Thanks, I have your message.");
  });
  app.adaptiveCards.actionExecute(/.*/, () =>
    Promise.resolve({ type: "AdaptiveCard", $schema: "http://adaptivecards.io/schemas/adaptive-card.json", version: "1.5", body: [{ type: "TextBlock", text: "Done.", wrap: true }] }),
  );
  return { adapter, app, log: createLogger("error", { app: "load-floor" }) };
}

export interface Who {
  aadObjectId: string;
  name: string;
}

/** A personal-chat activity as Teams sends it (see tests/support/activities.ts). */
function base(serviceUrl: string, tenantId: string, who: Who) {
  return {
    id: randomUUID(),
    channelId: "msteams",
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: `29:${who.aadObjectId}`, name: who.name, aadObjectId: who.aadObjectId },
    recipient: { id: "28:send-early-help-bot", name: "SEND Early Help" },
    conversation: { id: `a:${who.aadObjectId}`, conversationType: "personal", tenantId },
    channelData: { tenant: { id: tenantId } },
  };
}

export const messageBody = (serviceUrl: string, tenantId: string, who: Who, text: string): string => JSON.stringify({ ...base(serviceUrl, tenantId, who), type: "message", text });

/** An Action.Execute press; every button's data carries a fresh pressId, as the product's cards do. */
export const pressBody = (serviceUrl: string, tenantId: string, who: Who, verb: string, data: Record<string, unknown>): string =>
  JSON.stringify({
    ...base(serviceUrl, tenantId, who),
    type: "invoke",
    name: "adaptiveCard/action",
    replyToId: "card-message-1",
    value: { action: { type: "Action.Execute", verb, data: { verb, pressId: randomUUID(), ...data } }, trigger: "manual" },
  });

/** Questions a SENCO might type to the advice line (no pupil identifiers, no safeguarding signal). */
export const QUESTIONS = [
  "Year 4 boy, reading well below peers, we've tried phonics catch-up for a term",
  "Reception child not talking much, limited vocabulary, what can we do in class?",
  "Year 9 girl anxious about coming to school, attendance has dropped this half term",
  "Year 2 can't sit still on the carpet, always fidgeting and calling out",
  "How can I support a Year 6 pupil with dyslexia in the lead up to SATs?",
  "Year 7 student struggling with the noise and busy corridors at transition",
  "Nursery child with very few words who prefers to play alone",
  "What strategies help a Year 3 child who finds it hard to follow instructions?",
  "Year 10 pupil with ADHD who loses focus in long lessons",
  "Year 1 child finds handwriting very hard and avoids writing tasks",
  "How do we support a Year 5 pupil with autism when routines change?",
  "Year 8 boy is behind in maths and gets upset when he gets things wrong",
  "Reception child has meltdowns at tidy-up time, what can staff try?",
  "Year 11 student with a hearing impairment is missing parts of lessons",
  "Year 3 girl is very quiet and rarely joins in with group work",
  "What interventions help with working memory difficulties in Year 4?",
] as const;

/** A request form as the card sends it (see tests/bot/triage.test.ts), varied, with a fresh draft id. */
export type SubmitForm = {
  draftId: string; schoolId: string; yearGroup: YearGroup; primaryNeed: NeedArea; otherNeeds: string; tried: string;
  triedFor: TriedFor; question: string; urgency: Urgency; riskOfHarm: "no";
};
const FORMS: Array<Omit<SubmitForm, "draftId" | "schoolId" | "otherNeeds" | "riskOfHarm">> = [
  { yearGroup: "Year 4", primaryNeed: "cognition-learning", tried: "Phonics catch-up three times a week", triedFor: "a term", question: "Reading is well below peers after a term of phonics catch-up; what next?", urgency: "routine" },
  { yearGroup: "Reception", primaryNeed: "communication-interaction", tried: "", triedFor: "not yet", question: "Very few words at age four; what can we do in class?", urgency: "routine" },
  { yearGroup: "Year 2", primaryNeed: "semh", tried: "Movement breaks and a visual timetable", triedFor: "half a term", question: "Finds it very hard to settle on the carpet and to stay in class for a whole lesson.", urgency: "soon" },
  { yearGroup: "Year 6", primaryNeed: "sensory-physical", tried: "Seated at the front, written instructions", triedFor: "two terms", question: "Struggles to hear the teacher in a noisy classroom; what adjustments should we make?", urgency: "routine" },
  { yearGroup: "Year 5", primaryNeed: "communication-interaction", tried: "Social stories and a quiet space", triedFor: "a term", question: "Becomes very distressed when routines change; how can we prepare for transition?", urgency: "urgent" },
];
export const submitForm = (i: number): SubmitForm => ({ ...FORMS[i % FORMS.length]!, draftId: randomUUID(), schoolId: "riverside-primary", otherNeeds: "", riskOfHarm: "no" });

export interface TurnOutcome {
  status: number;
  ms: number;
  body: unknown;
}

/** One turn through the product's HTTP bridge, timed from the body arriving to the answer. */
export async function send(bot: BotUnderTest, bodyText: string): Promise<TurnOutcome> {
  const start = performance.now();
  try {
    const res = await processBotRequest({ authorization: "", bodyText }, bot.adapter, bot.app, bot.log, { localMode: true });
    return { status: res.status, ms: performance.now() - start, body: res.jsonBody };
  } catch {
    return { status: 0, ms: performance.now() - start, body: undefined }; // the bridge should never throw
  }
}

/** Starts a child and resolves with the time until it prints a line starting "ready" (and its text). */
function timeToReady(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ ms: number; line: string }> {
  return new Promise((done, fail) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    let result: { ms: number; line: string } | undefined;
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
      const line = out.split("\n").find((l) => l.startsWith("ready"));
      if (line && !result) result = { ms: performance.now() - start, line };
    });
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.once("exit", (code) => (result ? done(result) : fail(new Error(`cold-start child exited with ${code} before replying:\n${err.slice(-2000)}`))));
  });
}

export interface ColdStart {
  importFloorMs: number[];
  productMs: number[];
  firstEverStartMs: number;
  importFloorMedianMs: number;
  productMedianMs: number;
  ratio: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/**
 * The import floor (node requiring botbuilder and Teams AI) against a fresh process that loads the
 * built product, builds its runtime on the same Azurite under its own table prefix, and answers
 * "help" through the bridge (its reply card reaches the connector before it prints "ready").
 * The first product start creates the tables and seeds the area directory; it is reported apart,
 * and the timed starts find storage as a deployed instance would.
 */
export async function coldStart(o: { repoRoot: string; connectionString: string; connectorUrl: string; tenantId: string; who: Who; runs: number }): Promise<ColdStart> {
  const floorScript = "require('botbuilder'); require('@microsoft/teams-ai'); process.stdout.write('ready\\n');";
  const dist = (p: string) => JSON.stringify(resolve(o.repoRoot, "dist", p));
  const productScript = [
    `const { buildRuntime, loadStaticSetup } = require(${dist("app/composition.js")});`,
    `const { processBotRequest } = require(${dist("bot/httpBridge.js")});`,
    "(async () => {",
    "  const rt = await buildRuntime(loadStaticSetup(process.env));",
    "  const res = await processBotRequest({ authorization: '', bodyText: process.env.BENCH_COLD_BODY }, rt.adapter, rt.bot, rt.log, { localMode: true });",
    "  process.stdout.write('ready ' + res.status + '\\n');",
    "  process.exit(0);",
    "})().catch((e) => { console.error(e); process.exit(1); });",
  ].join("\n");
  const env = (): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH,
    STORAGE_CONNECTION_STRING: o.connectionString,
    TABLE_PREFIX: "Cold",
    LOG_LEVEL: "error",
    AREAS_DIR: resolve(o.repoRoot, "areas"),
    BENCH_COLD_BODY: messageBody(o.connectorUrl, o.tenantId, o.who, "help"),
  });
  const product = async () => {
    const r = await timeToReady(["-e", productScript], env(), o.repoRoot);
    if (r.line.trim() !== "ready 200") throw new Error(`cold-start child answered: ${r.line}`);
    return r.ms;
  };
  const firstEverStartMs = await product();
  const importFloorMs: number[] = [];
  const productMs: number[] = [];
  for (let i = 0; i < o.runs; i++) {
    importFloorMs.push((await timeToReady(["-e", floorScript], { PATH: process.env.PATH }, o.repoRoot)).ms);
    productMs.push(await product());
  }
  const f = median(importFloorMs);
  const p = median(productMs);
  return { importFloorMs, productMs, firstEverStartMs, importFloorMedianMs: f, productMedianMs: p, ratio: p / f };
}

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { execSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { buildRuntime, loadStaticSetup, type Runtime } from "../app/composition";
import { createLogger } from "../app/log";
import type { Person } from "../domain/areaPack";
import { startAzurite } from "../devhost/azurite";
import { startConnector, type Connector } from "../devhost/captureConnector";
import { freePort } from "../devhost/ports";
import { percentile } from "./benchStats";
import { buildFloorBot, coldStart, messageBody, pressBody, QUESTIONS, send, submitForm, type BotUnderTest, type ColdStart, type TurnOutcome } from "./benchLoadFloor";
import { PROBES, runGrowth, type GrowthStep } from "./benchLoadGrowth";

/**
 * `== Load`: the product under 50 concurrent users against a framework floor measured in the same
 * run (product round, floor round, three times), growth with stored requests, and cold start.
 * Timings are reported, never asserted; ratios to the floor are what travel between machines.
 */
const repoRoot = resolve(__dirname, "..", "..");
const REFERENCE = /EH-\d{4}-\d{4,}/;
const FAILED = /something went wrong on our side|taking longer than usual/i;

/**
 * Stored-request sizes for the growth section. 10,000 is possible (BENCH_LOAD_GROWTH=0,1000,10000)
 * but far outside this section's ten-minute budget on a 2-core machine (about 26 minutes to seed
 * from 3,000 to 10,000): Azurite scans a partition for every point read and write, so seeding
 * cost grows with the square of the size. 2,000 keeps the default run inside the budget.
 */
const DEFAULT_GROWTH = "0,1000,2000";

export interface LoadOptions {
  requests: number;
  users: number;
  rounds: number;
  growthSizes: number[];
  growthReps: number;
  coldRuns: number;
}

export function loadOptions(argv = process.argv.slice(2), env = process.env): LoadOptions {
  const arg = (name: string) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
  const int = (v: string | undefined, d: number) => (v !== undefined && /^\d+$/.test(v.trim()) ? Number(v) : d);
  const sizes = (arg("--growth") ?? env.BENCH_LOAD_GROWTH ?? DEFAULT_GROWTH).split(",").map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n >= 0);
  return { requests: Math.max(1, int(arg("--requests") ?? env.BENCH_LOAD_REQUESTS, 1000)), users: 50, rounds: 3, growthSizes: [...new Set([0, ...sizes])].sort((a, b) => a - b), growthReps: 50, coldRuns: 3 };
}

type Side = "product" | "floor";
interface Scenario {
  name: string;
  message: boolean;
  /** The activity for request `i`, taken by worker (user) `w`. */
  body(w: number, i: number): string;
  /** Is the product's answer the one the scenario expects (not a failure card)? */
  ok(o: TurnOutcome): boolean;
}
type Tally = Record<string, number>;
interface Round { side: Side; round: number; requests: number; wallMs: number; times: number[]; cpuMs: number; azuriteCpuMs: number; non200: number; bad: Tally; logged: Tally }
const add = (t: Tally, key: string, n = 1) => void (n && (t[key] = (t[key] ?? 0) + n));
const total = (t: Tally) => Object.values(t).reduce((a, b) => a + b, 0);
const merge = (ts: Tally[]) => ts.reduce<Tally>((acc, t) => (Object.entries(t).forEach(([k, v]) => add(acc, k, v)), acc), {});

const cardText = (o: TurnOutcome) => JSON.stringify((o.body as { value?: unknown } | undefined)?.value ?? "");
const isCard = (o: TurnOutcome) => (o.body as { value?: { type?: unknown } } | undefined)?.value?.type === "AdaptiveCard" && !FAILED.test(cardText(o));

/** CPU time (ms) of the Azurite child, from /proc: the product's storage work is done there. */
function azuriteCpu(tablePort: number): () => number {
  const tick = Number(execSync("getconf CLK_TCK").toString().trim()) || 100;
  const pid = readdirSync("/proc").find((d) => {
    if (!/^\d+$/.test(d)) return false;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1] === String(process.pid) && readFileSync(`/proc/${d}/cmdline`, "utf8").includes(String(tablePort));
    } catch {
      return false;
    }
  });
  return () => {
    if (!pid) return NaN;
    const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(")").pop()?.trim().split(" ") ?? [];
    return ((Number(f[11]) + Number(f[12])) * 1000) / tick;
  };
}

/** Tallies the product's warnings and errors (failed turns, late card actions) by message, instead of printing them. */
function countProblems(rt: Runtime): () => Tally {
  const seen: Tally = {};
  for (const level of ["warn", "error"] as const) rt.log[level] = (m) => add(seen, m);
  return () => ({ ...seen });
}
const since = (before: Tally, after: Tally): Tally => Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (before[k] ?? 0)] as const).filter(([, v]) => v > 0));

/** What is wrong with a product answer to a card press, if anything. */
function badPress(s: Scenario, o: TurnOutcome): string | undefined {
  const text = cardText(o);
  if (/something went wrong on our side/i.test(text)) return "failure card";
  if (/taking longer than usual/i.test(text)) return "slow card (past the 4 s deadline)";
  return s.ok(o) ? undefined : "unexpected answer";
}

async function runRound(bot: BotUnderTest, side: Side, round: number, s: Scenario, o: LoadOptions, connector: Connector, azCpu: () => number, logged: () => Tally): Promise<Round> {
  connector.sent.length = 0;
  const times: number[] = [];
  let non200 = 0;
  const bad: Tally = {};
  let next = 0;
  const log0 = logged();
  const az0 = azCpu();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: o.users }, async (_, w) => {
    for (let i = next++; i < o.requests; i = next++) {
      const out = await send(bot, s.body(w, i));
      times.push(out.ms);
      if (out.status !== 200) non200++;
      else if (side === "product" && !s.message) {
        const why = badPress(s, out);
        if (why) add(bad, why);
      }
    }
  }));
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const azuriteCpuMs = azCpu() - az0;
  // A message's answer goes to the connector: one reply per message, and never the apology.
  if (s.message) {
    add(bad, "message without a reply", Math.max(0, o.requests - connector.sent.length));
    add(bad, "apology reply", connector.sent.filter((x) => /Sorry, something went wrong/.test(JSON.stringify(x.body))).length);
  }
  return { side, round, requests: o.requests, wallMs, times, cpuMs: (cpu.user + cpu.system) / 1000, azuriteCpuMs: side === "product" ? azuriteCpuMs : 0, non200, bad, logged: side === "product" ? since(log0, logged()) : {} };
}

function summarise(rounds: Round[]) {
  const times = rounds.flatMap((r) => r.times);
  const requests = rounds.reduce((a, r) => a + r.requests, 0);
  const sum = (f: (r: Round) => number) => rounds.reduce((a, r) => a + f(r), 0);
  return {
    p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99),
    throughput: (requests / sum((r) => r.wallMs)) * 1000,
    cpuMsPerRequest: sum((r) => r.cpuMs) / requests,
    azuriteCpuMsPerRequest: sum((r) => r.azuriteCpuMs) / requests,
    requests, non200: sum((r) => r.non200), badAnswers: merge(rounds.map((r) => r.bad)), problemsLogged: merge(rounds.map((r) => r.logged)),
    rounds: rounds.map(({ times: t, ...r }) => ({ ...r, p50: percentile(t, 50), p95: percentile(t, 95), throughput: (r.requests / r.wallMs) * 1000 })),
  };
}
type Summary = ReturnType<typeof summarise>;

const pad = (cells: string[], widths: number[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
const f1 = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const x = (n: number) => `${n.toFixed(n >= 10 ? 0 : 1)}x`;

export async function runLoadBench(o: LoadOptions = loadOptions()): Promise<string[]> {
  const started = performance.now();
  const progress = (line: string) => console.info(line);
  const azurite = await startAzurite({ blobPort: await freePort(), queuePort: await freePort(), tablePort: await freePort(), repoRoot });
  const connector = await startConnector();
  try {
    const env = (prefix: string) => ({ STORAGE_CONNECTION_STRING: azurite.connectionString, TABLE_PREFIX: prefix, LOG_LEVEL: "error", AREAS_DIR: resolve(repoRoot, "areas") });
    const setup = loadStaticSetup(env("Load"));
    const area = setup.packs.find((p) => p.id === "wiltshire") ?? setup.packs[0]!;
    const tenant = area.tenantIds[0] ?? "";
    const person = (name: string) => area.people.find((p) => p.name === name)!;
    const [sam, tara] = [person("Sam Senco"), person("Tara Triage")];
    const everyone: Person[] = area.people;
    const floor = buildFloorBot(setup.config.bot);
    const azCpu = azuriteCpu(azurite.tablePort);
    const url = connector.url;
    const scenarios: Scenario[] = [
      { name: "advice question (Sam, free text)", message: true, body: (_w, i) => messageBody(url, tenant, sam, QUESTIONS[i % QUESTIONS.length]!), ok: () => true },
      { name: "help.show (read-only press)", message: false, body: (w) => pressBody(url, tenant, everyone[w % everyone.length]!, "help.show", {}), ok: isCard },
      {
        name: "advice.feedback (read-write press)", message: false, ok: isCard,
        body: (w, i) => pressBody(url, tenant, everyone[w % everyone.length]!, "advice.feedback", { feedbackId: randomUUID(), helpful: true, articleIds: [], context: { question: QUESTIONS[i % QUESTIONS.length]! } }),
      },
      { name: "my requests (Sam)", message: true, body: () => messageBody(url, tenant, sam, "my requests"), ok: () => true },
      { name: "queue (Tara)", message: true, body: () => messageBody(url, tenant, tara, "queue"), ok: () => true },
      { name: "request.submit (Sam)", message: false, body: (_w, i) => pressBody(url, tenant, sam, "request.submit", submitForm(i)), ok: (out) => isCard(out) && REFERENCE.test(cardText(out)) },
    ];
    const results: Array<{ scenario: string; product: Summary; floor: Summary }> = [];
    let prefixes = 0;
    for (const s of scenarios) {
      // Every product round starts on fresh tables: the emulator's scans grow with what earlier
      // rounds stored, and the open requests an earlier round of submits left would be read again.
      const fresh = async () => {
        const rt = await buildRuntime({ ...setup, log: createLogger("error", { app: "send-early-help" }), config: { ...setup.config, tablePrefix: `Load${++prefixes}` } });
        return { bot: { adapter: rt.adapter, app: rt.bot, log: rt.log }, logged: countProblems(rt) };
      };
      const warmup = await fresh();
      const warm = { ...o, requests: Math.min(o.requests, 100) };
      await runRound(warmup.bot, "product", 0, s, warm, connector, azCpu, warmup.logged);
      await runRound(floor, "floor", 0, s, warm, connector, azCpu, warmup.logged);
      const rounds: Round[] = [];
      for (let r = 1; r <= o.rounds; r++) {
        const product = await fresh();
        rounds.push(await runRound(product.bot, "product", r, s, o, connector, azCpu, product.logged));
        rounds.push(await runRound(floor, "floor", r, s, o, connector, azCpu, product.logged));
      }
      results.push({ scenario: s.name, product: summarise(rounds.filter((r) => r.side === "product")), floor: summarise(rounds.filter((r) => r.side === "floor")) });
      progress(`  load: ${s.name} done at ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    connector.sent.length = 0;
    const growthRt = await buildRuntime({ ...setup, log: createLogger("error", { app: "send-early-help" }), config: { ...setup.config, tablePrefix: "Growth" } });
    const growth: GrowthStep[] = await runGrowth({ rt: growthRt, bot: { adapter: growthRt.adapter, app: growthRt.bot, log: growthRt.log }, connectorUrl: url, sizes: o.growthSizes, reps: o.growthReps, progress });
    connector.sent.length = 0;
    const cold: ColdStart = await coldStart({ repoRoot, connectionString: azurite.connectionString, connectorUrl: url, tenantId: tenant, who: sam, runs: o.coldRuns });
    const totalS = (performance.now() - started) / 1000;
    return report(o, results, growth, cold, totalS);
  } finally {
    await connector.close();
    await azurite.stop();
  }
}

function report(o: LoadOptions, results: Array<{ scenario: string; product: Summary; floor: Summary }>, growth: GrowthStep[], cold: ColdStart, totalS: number): string[] {
  const lines = [
    `${o.requests} requests per scenario per round, ${o.users} concurrent users, ${o.rounds} rounds of product then floor (after 100 untimed turns each).`,
    "Floor: a bare Teams AI Application with MemoryStorage on the same adapter, bridge and capture connector; one message handler, one Action.Execute handler.",
    "Latency is the time inside processBotRequest (parse, validate, turn, storage, the reply's POST to the connector); each product round starts on fresh tables.",
    "",
  ];
  const w1 = [36, 20, 20, 18, 20];
  lines.push(pad(["Latency, ms", "product p50/95/99", "floor p50/95/99", "ratio p50/95/99", "product p50 by round"], w1));
  for (const r of results) {
    const { product: p, floor: f } = r;
    const byRound = p.rounds.map((rd) => f1(rd.p50)).join("/");
    lines.push(pad([r.scenario, `${f1(p.p50)}/${f1(p.p95)}/${f1(p.p99)}`, `${f1(f.p50)}/${f1(f.p95)}/${f1(f.p99)}`, `${x(p.p50 / f.p50)}/${x(p.p95 / f.p95)}/${x(p.p99 / f.p99)}`, byRound], w1));
  }
  const w2 = [36, 9, 9, 6, 10, 10, 6, 10, 8, 5];
  lines.push("", pad(["Throughput (req/s), CPU (ms/req)", "product", "floor", "ratio", "prod CPU", "floor CPU", "ratio", "Azurite", "non-200", "bad"], w2));
  for (const r of results) {
    const { product: p, floor: f } = r;
    lines.push(pad([r.scenario, f1(p.throughput), f1(f.throughput), x(p.throughput / f.throughput), p.cpuMsPerRequest.toFixed(2), f.cpuMsPerRequest.toFixed(2), x(p.cpuMsPerRequest / f.cpuMsPerRequest), p.azuriteCpuMsPerRequest.toFixed(2), String(p.non200 + f.non200), String(total(p.badAnswers) + total(f.badAnswers))], w2));
  }
  lines.push("(CPU: this process's user+system time over each round / requests; Azurite: the emulator child's CPU per product request, from /proc; bad: failure, slow or unexpected cards, messages without a reply or with the apology; every answer is checked.)");
  const listed = (t: Tally) => Object.entries(t).map(([k, v]) => `${v} ${k}`).join(", ");
  for (const { scenario, product: p, floor: f } of results) {
    const bad = merge([p.badAnswers, f.badAnswers]);
    if (total(bad) || total(p.problemsLogged)) lines.push(`${scenario}: ${total(bad) ? `bad answers: ${listed(bad)}` : "no bad answers"}${total(p.problemsLogged) ? `; the product logged: ${Object.entries(p.problemsLogged).map(([k, v]) => `"${k}" x${v}`).join(", ")}` : ""}`);
  }
  const w3 = [18, 10, ...PROBES.map((p) => Math.max(p.length, 15))];
  lines.push("", `Growth: single-user p50 in ms over ${o.growthReps} turns each, and its ratio to the empty store`, pad(["stored requests", "seeded in", ...PROBES], w3));
  for (const g of growth)
    lines.push(pad([String(g.size), g.seedMs ? `${(g.seedMs / 1000).toFixed(0)} s` : "-", ...PROBES.map((p) => `${f1(g.p50[p])} (${x(g.ratio[p])})`)], w3));
  lines.push("(The Azurite columns are the emulator's own cost at that size: a point read of a missing row, and a key range holding nothing. Azure Table serves both by key; Azurite scans, so growth that tracks them is the emulator's.)");
  const failures = growth.reduce((a, g) => a + g.failures, 0);
  if (failures) lines.push(`${failures} growth turns failed or answered unexpectedly.`);
  lines.push(
    "",
    `Cold start, median of ${o.coldRuns}: import floor (node requiring botbuilder + teams-ai) ${f1(cold.importFloorMedianMs)} ms; product first reply to "help" from a fresh process ${f1(cold.productMedianMs)} ms (${x(cold.ratio)} floor)`,
    `  runs: floor ${cold.importFloorMs.map(f1).join(", ")} ms; product ${cold.productMs.map(f1).join(", ")} ms; first-ever start on empty storage (creates tables, seeds the directory) ${f1(cold.firstEverStartMs)} ms`,
    `Load section took ${totalS.toFixed(0)} s.`,
  );
  mkdirSync(resolve(repoRoot, "bench-results"), { recursive: true });
  const json = { generatedAt: new Date().toISOString(), options: o, scenarios: results, growth, coldStart: cold, totalSeconds: totalS };
  writeFileSync(resolve(repoRoot, "bench-results", "load.json"), `${JSON.stringify(json, null, 2)}\n`);
  lines.push("Figures written to bench-results/load.json.");
  return lines;
}

if (require.main === module) {
  runLoadBench()
    .then((lines) => {
      console.info("\n== Load");
      for (const line of lines) console.info(line);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}

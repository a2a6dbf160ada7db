import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { randomUUID } from "node:crypto";
import { buildRuntime, loadStaticSetup } from "../app/composition";
import { processBotRequest } from "../bot/httpBridge";
import { drainOutbox } from "../bot/outbox/outboxWorker";
import { submitAdviceRequest } from "../usecases/submitRequest";
import { startAzurite } from "../devhost/azurite";
import { startConnector } from "../devhost/captureConnector";
import { freePort } from "../devhost/ports";
import { runPupilDataBench } from "./benchPupilData";
import { percentile } from "./benchStats";
import { runRetrievalBench } from "./benchRetrieval";
import { runSafeguardingBench } from "./benchSafeguarding";
import { runLoadBench } from "./benchLoad";

/**
 * `npm run bench`: retrieval quality and speed, the pupil-data and safeguarding guards' scores,
 * and whole advice-line turns through the real bot against a real (in-memory) Azurite.
 */
const repoRoot = resolve(__dirname, "..", "..");

const ms = (n: number) => `${n.toFixed(1)} ms`;

async function benchTurns(): Promise<string[]> {
  const azurite = await startAzurite({ blobPort: await freePort(), queuePort: await freePort(), tablePort: await freePort(), repoRoot });
  const connector = await startConnector();
  try {
    const rt = await buildRuntime(loadStaticSetup({ STORAGE_CONNECTION_STRING: azurite.connectionString, TABLE_PREFIX: `B${Date.now()}`, LOG_LEVEL: "error", AREAS_DIR: resolve(repoRoot, "areas") }));
    const pack = rt.packs.find((p) => p.people.some((x) => x.roles.some((r) => r.role === "senco")));
    const sam = pack?.people.find((p) => p.roles.some((r) => r.role === "senco"));
    if (!pack || !sam) throw new Error("The demo pack needs a SENCO");
    const activity = (text: string) => ({
      type: "message",
      id: randomUUID(),
      channelId: "msteams",
      serviceUrl: connector.url,
      from: { id: `29:${sam.aadObjectId}`, name: sam.name, aadObjectId: sam.aadObjectId },
      recipient: { id: "28:bot", name: "SEND Early Help" },
      conversation: { id: `a:${sam.aadObjectId}`, conversationType: "personal", tenantId: pack.tenantIds[0] },
      channelData: { tenant: { id: pack.tenantIds[0] } },
      text,
    });
    const questions = ["Year 4 boy, reading well below peers, we've tried phonics catch-up for a term", "Reception child not talking much, limited vocabulary", "Year 9 girl anxious, not coming to school", "Year 2 can't sit still, always fidgeting"];
    const times: number[] = [];
    for (let i = 0; i < 60; i++) {
      const start = performance.now();
      await processBotRequest({ authorization: "", bodyText: JSON.stringify(activity(questions[i % questions.length] ?? "")) }, rt.adapter, rt.bot, rt.log, { localMode: !rt.config.bot.authenticated });
      if (i >= 5) times.push(performance.now() - start); // the first few warm up the JIT and connections
    }
    // 20 SENCO submits at once: the ETag-guarded counter must give 20 distinct references.
    const draft = { schoolId: "riverside-primary", yearGroup: "Year 4" as const, primaryNeed: "cognition-learning" as const, otherNeeds: [], tried: "", triedFor: "a term" as const, question: "Reading is well below peers; what next?", urgency: "routine" as const };
    const start = performance.now();
    const made = await Promise.all(Array.from({ length: 20 }, () => submitAdviceRequest(rt.deps.requests, { person: sam, area: pack }, draft, randomUUID())));
    const burst = performance.now() - start;
    const distinct = new Set(made.map((m) => m.request.reference)).size;
    const presses = await benchCardPresses(rt, made.map((m) => m.request.reference), connector.url);
    return [
      `Advice turn (free text -> advice card, real bot + Azurite): median ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))} over ${times.length} turns`,
      `20 concurrent request submissions: ${ms(burst)} in all, ${distinct} distinct references`,
      ...presses,
    ];
  } finally {
    await connector.close();
    await azurite.stop();
  }
}

/**
 * Card presses as Teams sends them (an advisor claiming, then advising), answered by the bot with
 * the change and its effects committed; then the outbox worker delivering those effects. The
 * floor is one Table point read in the same run, so the ratio travels between machines.
 */
async function benchCardPresses(rt: Awaited<ReturnType<typeof buildRuntime>>, references: string[], serviceUrl: string): Promise<string[]> {
  const pack = rt.packs.find((p) => p.id === "wiltshire") ?? rt.packs[0]!;
  const ada = pack.people.find((p) => p.roles.some((r) => r.role === "inclusion-advisor"))!;
  const press = (verb: string, data: Record<string, unknown>) => ({
    type: "invoke", name: "adaptiveCard/action", id: randomUUID(), channelId: "msteams", serviceUrl,
    from: { id: `29:${ada.aadObjectId}`, name: ada.name, aadObjectId: ada.aadObjectId }, recipient: { id: "28:bot", name: "SEND Early Help" },
    conversation: { id: "19:triage@thread.tacv2", conversationType: "channel", tenantId: pack.tenantIds[0] }, channelData: { tenant: { id: pack.tenantIds[0] }, team: { id: "team" } },
    value: { action: { type: "Action.Execute", verb, data: { verb, pressId: randomUUID(), ...data } }, trigger: "manual" },
  });
  const floor: number[] = [];
  for (let i = 0; i < 40; i++) {
    const start = performance.now();
    await rt.deps.requests.store.get(pack.id, references[i % references.length] ?? "");
    floor.push(performance.now() - start);
  }
  const times: number[] = [];
  for (const [i, reference] of references.entries()) {
    for (const [verb, data] of [["triage.claim", { reference }], ["triage.advise", { reference, text: "Try precision teaching of high-frequency words, reviewed after six weeks." }]] as const) {
      const start = performance.now();
      const res = await processBotRequest({ authorization: "", bodyText: JSON.stringify(press(verb, data)) }, rt.adapter, rt.bot, rt.log, { localMode: true });
      if (res.status !== 200) throw new Error(`A card press answered ${res.status}`);
      if (i >= 2) times.push(performance.now() - start);
    }
  }
  const start = performance.now();
  const delivered = await drainOutbox(rt.deps);
  const drain = performance.now() - start;
  const f = percentile(floor, 50);
  return [
    `Floor: one Table point read, median ${ms(f)}`,
    `Card press (claim or advise: change + history + audit + effects in one transaction, card answered): median ${ms(percentile(times, 50))} (${(percentile(times, 50) / f).toFixed(1)}x floor), p95 ${ms(percentile(times, 95))} (${(percentile(times, 95) / f).toFixed(1)}x floor) over ${times.length} presses; Teams allows 5000 ms`,
    `Outbox worker: ${delivered.delivered} effects delivered in ${ms(drain)} (${ms(drain / Math.max(1, delivered.delivered))} each, ${(drain / Math.max(1, delivered.delivered) / f).toFixed(1)}x floor), ${delivered.dead} dead-lettered`,
  ];
}

async function main(): Promise<void> {
  for (const [title, run] of [
    ["Retrieval (labelled SENCO questions)", runRetrievalBench],
    ["Pupil data guard", runPupilDataBench],
    ["Safeguarding screen (development sets, then blind batches: aggregate figures only)", () => Promise.resolve(runSafeguardingBench())],
    ["Bot turns", benchTurns],
    ["Load", () => runLoadBench()],
  ] as const) {
    console.info(`\n== ${title}`);
    for (const line of await run()) console.info(line);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

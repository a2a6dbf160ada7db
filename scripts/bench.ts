import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { randomUUID } from "node:crypto";
import { buildRuntime, loadStaticSetup } from "../app/composition";
import { processBotRequest } from "../bot/httpBridge";
import { submitAdviceRequest } from "../usecases/submitRequest";
import { startAzurite } from "../devhost/azurite";
import { startConnector } from "../devhost/captureConnector";
import { freePort } from "../devhost/ports";
import { runPupilDataBench } from "./benchPupilData";
import { percentile } from "./benchStats";
import { runRetrievalBench } from "./benchRetrieval";
import { runSafeguardingBench } from "./benchSafeguarding";

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
      await processBotRequest({ authorization: "", bodyText: JSON.stringify(activity(questions[i % questions.length] ?? "")) }, rt.adapter, rt.bot, rt.log);
      if (i >= 5) times.push(performance.now() - start); // the first few warm up the JIT and connections
    }
    // 20 SENCO submits at once: the ETag-guarded counter must give 20 distinct references.
    const draft = { schoolId: "riverside-primary", yearGroup: "Year 4" as const, primaryNeed: "cognition-learning" as const, otherNeeds: [], tried: "", triedFor: "a term" as const, question: "Reading is well below peers; what next?", urgency: "routine" as const };
    const start = performance.now();
    const made = await Promise.all(Array.from({ length: 20 }, () => submitAdviceRequest(rt.deps.requests, { person: sam, area: pack }, draft, randomUUID())));
    const burst = performance.now() - start;
    const distinct = new Set(made.map((m) => m.request.reference)).size;
    return [
      `Advice turn (free text -> advice card, real bot + Azurite): median ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))} over ${times.length} turns`,
      `20 concurrent request submissions: ${ms(burst)} in all, ${distinct} distinct references`,
    ];
  } finally {
    await connector.close();
    await azurite.stop();
  }
}

async function main(): Promise<void> {
  for (const [title, run] of [
    ["Retrieval (labelled SENCO questions)", runRetrievalBench],
    ["Pupil data guard", runPupilDataBench],
    ["Safeguarding screen (development sets, then blind batches: aggregate figures only)", () => Promise.resolve(runSafeguardingBench())],
    ["Bot turns", benchTurns],
  ] as const) {
    console.info(`\n== ${title}`);
    for (const line of await run()) console.info(line);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

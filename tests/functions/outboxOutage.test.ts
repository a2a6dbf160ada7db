import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getRuntime, type Runtime } from "../../app/composition";
import { createLogger } from "../../app/log";
import { outboxPartitions } from "../../bot/outbox/outboxWorker";
import { STATUS_LABELS } from "../../domain/adviceRequest";
import { VERBS } from "../../cards/verbs";
import { startConnector, type Connector } from "../../devhost/captureConnector";
import { startDevHost, type DevHost } from "../../devhost/devHost";
import { HOST_QUEUE_DEFAULTS } from "../../devhost/queueRunner";
import { registrations } from "../../functions/registrations";
import { demoPerson, executeActivity, messageActivity } from "../support/activities";
import { cardText } from "../support/runtime";
import { uniquePrefix } from "../support/storage";

const TRIAGE = "19:early-help-triage@thread.tacv2";
/** The acceptance case: the Bot Connector refuses everything (500s, and 429s with Retry-After) for a minute. */
const OUTAGE_MS = 60_000;

/**
 * Through the dev host, its queue trigger and the outbox worker, exactly as `npm start` runs them:
 * SENCOs submit and advisors act while Teams is down; once it is back, every triage post, card
 * refresh and message arrives, each exactly once.
 */
describe("a minute-long Teams outage while SENCOs submit and advisors act", () => {
  let host: DevHost;
  let connector: Connector;
  let rt: Runtime;
  const sam = demoPerson("Sam Senco");
  const ada = demoPerson("Ada Advisor");
  const tara = demoPerson("Tara Triage");
  const as = (who: { aadObjectId: string; name: string }, channel = false) => ({
    serviceUrl: connector.url,
    from: who,
    ...(channel ? { conversationType: "channel" as const, conversationId: TRIAGE } : {}),
  });
  const post = async (activity: unknown) => {
    const res = await fetch(`${host.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as { value?: unknown }) : undefined };
  };
  const press = async (who: { aadObjectId: string; name: string }, verb: string, data: Record<string, unknown>, channel: boolean) => {
    const res = await post(executeActivity(as(who, channel), verb, { pressId: randomUUID(), ...data }));
    expect(res.status).toBe(200);
    return cardText(res.body?.value);
  };
  const undelivered = async () => (await Promise.all(outboxPartitions(rt.deps).map((p) => rt.deps.outbox.rows(p.table).undelivered(p.partitionKey)))).flat();

  beforeAll(async () => {
    process.env.STORAGE_CONNECTION_STRING = inject("storageConnectionString");
    process.env.TABLE_PREFIX = uniquePrefix();
    process.env.LOG_LEVEL = "error";
    process.env.OUTBOX_RETRY_BASE_MS = "500";
    rt = await getRuntime();
    connector = await startConnector();
    host = await startDevHost(registrations, { port: 0, log: createLogger("error"), timers: false, queues: rt.deps.queues, queueOptions: { ...HOST_QUEUE_DEFAULTS, pollMs: 100, retryDelaySeconds: 1 } });
    for (const who of [sam, ada]) expect((await post(messageActivity(as(who), "hello"))).status).toBe(200);
    expect((await post(messageActivity(as(tara, true), "use this channel for triage"))).status).toBe(200);
  });
  afterAll(async () => {
    await host?.close();
    await connector?.close();
  });

  it("delivers every post, refresh and message exactly once after Teams comes back", { timeout: 240_000 }, async () => {
    connector.sent.length = 0;
    connector.outage(Date.now() + OUTAGE_MS, 2);

    // During the outage every press is answered at once (nothing waits for Teams) and saved.
    const references: string[] = [];
    for (let i = 0; i < 3; i++) {
      const sent = await press(sam, VERBS.requestSubmit, {
        draftId: randomUUID(), schoolId: "riverside-primary", yearGroup: "Year 4", primaryNeed: "cognition-learning", otherNeeds: "",
        tried: "Phonics catch-up", triedFor: "a term", question: `Reading is well below peers after a term of phonics catch-up (${i}).`, urgency: "routine", riskOfHarm: "no",
      }, false);
      const reference = /EH-\d{4}-\d{4}/.exec(sent)?.[0];
      expect(reference).toBeDefined();
      references.push(reference!);
    }
    for (const reference of references) expect(await press(ada, VERBS.triageClaim, { reference }, true)).toContain(STATUS_LABELS.assigned);
    // The same press delivered twice (Teams retrying an invoke) is applied once.
    const twice = executeActivity(as(ada, true), VERBS.triageAdvise, { pressId: randomUUID(), reference: references[0], text: "Try precision teaching, reviewed after six weeks." });
    for (let i = 0; i < 2; i++) expect((await post(twice)).status).toBe(200);
    expect(await press(sam, VERBS.requestAddInfo, { reference: references[1], information: "We have also tried a reading buddy." }, false)).toContain("Added");

    // Back after the minute: wait until the outbox is empty.
    while (Date.now() < connector.outageEndsAt()) await new Promise((r) => setTimeout(r, 1000));
    for (let waited = 0; (await undelivered()).length && waited < 150; waited++) await new Promise((r) => setTimeout(r, 1000));
    expect(await undelivered()).toEqual([]);
    expect(connector.refused()).toBeGreaterThan(0);

    const cards = (conversationId: string, method: string) =>
      connector.sent.filter((s) => s.conversationId === conversationId && s.method === method && Array.isArray(s.body.attachments)).map((s) => ({ id: s.activityId, text: cardText((s.body.attachments as Array<{ content: unknown }>)[0]?.content) }));
    // One triage post per request.
    const posts = cards(TRIAGE, "POST");
    for (const reference of references) expect(posts.filter((p) => p.text.includes(`${reference}:`)).length, reference).toBe(1);
    // One message to the SENCO per advisor step: three claims and one piece of advice.
    const toSam = cards(`a:${sam.aadObjectId}`, "POST").filter((c) => c.text.includes("Update on"));
    const steps = toSam.map((c) => `${/EH-\d{4}-\d{4}/.exec(c.text)?.[0]} ${c.text.includes("sent advice") ? "advised" : "claimed"}`).sort();
    expect(steps).toEqual([...references.map((r) => `${r} claimed`), `${references[0]} advised`].sort());
    // The channel shows each request as it now stands: the last rendering of each card is current.
    for (const reference of references) {
      const stored = (await rt.deps.requests.store.get("wiltshire", reference))!.request;
      const renderings = [...posts, ...cards(TRIAGE, "PUT")].filter((c) => c.text.includes(`${reference}:`));
      expect(renderings.at(-1)?.text, reference).toContain(`${reference}: ${STATUS_LABELS[stored.status]}`);
      const events = await rt.deps.requests.store.listEvents("wiltshire", reference);
      expect(events.filter((e) => e.kind === "advised").length).toBe(reference === references[0] ? 1 : 0);
    }
  });
});

import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Runtime } from "../../app/composition";
import { describeFailure, outboxPartitions } from "../../bot/outbox/outboxWorker";
import { VERBS } from "../../cards/verbs";
import { startConnector, type Connector } from "../../devhost/captureConnector";
import { demoPerson, executeActivity, installActivity, messageActivity } from "../support/activities";
import { runSlaTimer, settle } from "../support/outbox";
import { cardText, deliver, testRuntime, visibleText } from "../support/runtime";

type InvokeBody = { statusCode: number; value: unknown };
const TRIAGE = "19:early-help-triage@thread.tacv2";

/** The defects the fault probe found in how effects left the process, each shown fixed. */
describe("the outbox: nothing lost, nothing doubled (bot + Azurite)", () => {
  let rt: Runtime;
  let connector: Connector;
  let clock = new Date("2026-11-23T09:00:00Z");
  const sam = demoPerson("Sam Senco");
  const ada = demoPerson("Ada Advisor");
  const tara = demoPerson("Tara Triage");
  const owen = demoPerson("Owen Okafor");
  const as = (who: { aadObjectId: string; name: string }, channel = false) => ({
    serviceUrl: connector.url,
    from: who,
    ...(channel ? { conversationType: "channel" as const, conversationId: TRIAGE } : {}),
  });
  const press = async (who: { aadObjectId: string; name: string }, verb: string, data: Record<string, unknown>, channel = true) => {
    const res = await deliver(rt, executeActivity(as(who, channel), verb, { pressId: randomUUID(), ...data }));
    expect(res.status).toBe(200);
    return cardText((res.jsonBody as InvokeBody).value);
  };
  const submit = async () => {
    const text = await press(sam, VERBS.requestSubmit, {
      draftId: randomUUID(), schoolId: "riverside-primary", yearGroup: "Year 4", primaryNeed: "cognition-learning", otherNeeds: "",
      tried: "Phonics catch-up", triedFor: "a term", question: "Reading is well below peers after a term of phonics catch-up.", urgency: "routine", riskOfHarm: "no",
    }, false);
    return /EH-\d{4}-\d{4}/.exec(text)?.[0] ?? "";
  };
  const sentTo = (conversationId: string, method = "POST") => connector.sent.filter((s) => s.conversationId === conversationId && s.method === method);
  const undelivered = async () => (await Promise.all(outboxPartitions(rt.deps).map((p) => rt.deps.outbox.rows(p.table).undelivered(p.partitionKey)))).flat();
  const events = async (reference: string) => (await rt.deps.requests.store.listEvents("wiltshire", reference)).map((e) => e.kind);
  const later = (minutes: number) => (clock = new Date(clock.getTime() + minutes * 60_000));

  beforeAll(async () => {
    rt = await testRuntime({ OUTBOX_MAX_ATTEMPTS: "3" }, () => clock);
    connector = await startConnector();
    await deliver(rt, messageActivity(as(sam), "hello"));
    await deliver(rt, messageActivity(as(ada), "hello"));
  });
  afterAll(async () => {
    await connector.close();
  });
  beforeEach(() => {
    connector.sent.length = 0;
  });

  it("keeps a request sent before any triage channel was chosen, and posts it once the channel is chosen", async () => {
    const reference = await submit();
    await settle(rt);
    expect(sentTo(TRIAGE)).toHaveLength(0);
    expect((await undelivered()).map((e) => [e.effectKind, e.state, e.waitingFor])).toContainEqual(["triage-post", "waiting", "setting:triage-channel"]);
    await deliver(rt, messageActivity(as(tara, true), "use this channel for triage"));
    await settle(rt);
    expect(sentTo(TRIAGE).filter((s) => visibleText(s.body).includes(`${reference}:`))).toHaveLength(1);
    expect((await rt.deps.requests.store.get("wiltshire", reference))?.request.triagePost?.conversationId).toBe(TRIAGE);
  });

  it("posts a request to triage after Teams refused it for a while, once, and records where", async () => {
    connector.failNext(TRIAGE, 8); // more than the connector client's own retries, twice over
    const reference = await submit();
    await settle(rt);
    expect(sentTo(TRIAGE)).toHaveLength(0);
    const [waiting] = (await undelivered()).filter((e) => e.effectKind === "triage-post");
    expect(waiting).toMatchObject({ state: "pending", attempts: 1 });
    expect(waiting!.nextAttemptAt > clock.toISOString()).toBe(true); // backed off, not retried in a tight loop
    for (let i = 0; i < 3 && sentTo(TRIAGE).length === 0; i++) {
      later(30);
      await settle(rt);
    }
    expect(sentTo(TRIAGE).filter((s) => visibleText(s.body).includes(`${reference}:`))).toHaveLength(1);
    expect(await undelivered()).toEqual([]);
    // Sending the same form again does not post again (the old code returned early and never posted).
    await settle(rt);
    expect(sentTo(TRIAGE)).toHaveLength(1);
  });

  it("records an advisor's step with its audit line, message and card refresh in one transaction, then delivers each once", async () => {
    const reference = await submit();
    await settle(rt);
    connector.sent.length = 0;
    await press(ada, VERBS.triageClaim, { reference });
    // Before the worker runs, the change and all its effects are already stored together.
    expect((await undelivered()).map((e) => e.effectKind).sort()).toEqual(["audit", "senco-update", "triage-refresh"]);
    await settle(rt);
    expect(sentTo(`a:${sam.aadObjectId}`).map((s) => visibleText(s.body)).filter((t) => t.includes(`Update on ${reference}`))).toHaveLength(1);
    expect(sentTo(TRIAGE, "PUT")).toHaveLength(1);
    expect((await rt.deps.audit.recent("wiltshire", 50)).filter((a) => a.subject === reference && a.action === "request-claimed")).toHaveLength(1);
  });

  it("applies a redelivered or double-clicked press once: one history line, one message", async () => {
    const reference = await submit();
    await settle(rt);
    const activity = executeActivity(as(ada, true), VERBS.triageAdvise, { pressId: randomUUID(), reference, text: "Try precision teaching, reviewed after six weeks." });
    for (let i = 0; i < 2; i++) expect((await deliver(rt, activity)).status).toBe(200); // Teams redelivers the same activity
    await deliver(rt, { ...activity, id: randomUUID() }); // a double click: a new activity, the same press
    await settle(rt);
    expect(await events(reference)).toEqual(["submitted", "advised"]);
    expect(sentTo(`a:${sam.aadObjectId}`).filter((s) => visibleText(s.body).includes("sent advice"))).toHaveLength(1);
  });

  it("answers a redelivered typed message or install once, and forgets that after a week", async () => {
    const activity = messageActivity(as(sam), "my requests");
    await deliver(rt, activity);
    await deliver(rt, activity);
    expect(sentTo(`a:${sam.aadObjectId}`)).toHaveLength(1);
    const install = installActivity(as(sam));
    await deliver(rt, install);
    await deliver(rt, install);
    expect(sentTo(`a:${sam.aadObjectId}`)).toHaveLength(2); // one welcome
    expect(await rt.deps.processed.forgetBefore("wiltshire", new Date(Date.now() + 60_000))).toBeGreaterThanOrEqual(2);
    await deliver(rt, activity); // a week on, the same id is a new message (Teams never redelivers that late)
    expect(sentTo(`a:${sam.aadObjectId}`)).toHaveLength(3);
  });

  it("never writes one person's answer over the shared card: a losing claimer is told privately", async () => {
    const reference = await submit();
    await settle(rt);
    await press(ada, VERBS.triageClaim, { reference });
    await settle(rt);
    connector.sent.length = 0;
    const lost = await press(demoPerson("Owen Okafor"), VERBS.triageClaim, { reference });
    expect(lost).toContain("Ada Advisor has already claimed");
    expect(lost).toContain("Not saved");
    await settle(rt);
    expect(sentTo(TRIAGE, "PUT")).toHaveLength(0); // the channel card still shows Ada's claim to everyone
  });

  it("keeps a message for an advisor who has never opened the bot, and delivers it when they do", async () => {
    const reference = await submit();
    await settle(rt);
    await press(tara, VERBS.triageReassign, { reference, advisor: owen.aadObjectId });
    await settle(rt);
    expect(sentTo(`a:${owen.aadObjectId}`)).toHaveLength(0);
    expect((await undelivered()).find((e) => e.effectKind === "advisor-handover")).toMatchObject({ state: "waiting", waitingFor: `user:${owen.aadObjectId}` });
    await deliver(rt, messageActivity(as(owen), "hello"));
    await settle(rt);
    expect(sentTo(`a:${owen.aadObjectId}`).filter((s) => visibleText(s.body).includes("has passed this request to you"))).toHaveLength(1);
  });

  it("marks a response-time reminder sent only with the reminder queued, and sends it after a failure", async () => {
    const reference = await submit();
    await settle(rt);
    later(7 * 24 * 60); // well past three working days
    connector.failNext(TRIAGE, 8);
    connector.sent.length = 0;
    expect(await runSlaTimer(rt)).toBeGreaterThanOrEqual(1);
    expect((await rt.deps.requests.store.get("wiltshire", reference))?.request.alerts.overdue).toBeDefined();
    for (let i = 0; i < 3; i++) {
      later(30);
      await settle(rt);
    }
    expect(sentTo(TRIAGE).filter((s) => visibleText(s.body).includes("Overdue") && visibleText(s.body).includes(reference))).toHaveLength(1);
    expect(await runSlaTimer(rt)).toBe(0); // recorded once: the next run sends nothing again
  });

  it("dead-letters an effect after its last attempt, visibly, and stops retrying", async () => {
    const reference = await submit();
    await settle(rt);
    connector.failNext(TRIAGE, 1000);
    await press(ada, VERBS.triageClaim, { reference });
    for (let i = 0; i < 5; i++) {
      later(60);
      await settle(rt);
    }
    const refresh = (await undelivered()).find((e) => e.effectKind === "triage-refresh");
    expect(refresh).toMatchObject({ state: "dead", attempts: 3 });
    connector.failNext(TRIAGE, 0);
    // The council sees it, and can try it again once Teams is back.
    await deliver(rt, messageActivity(as(tara), "deliveries"));
    expect(visibleText(sentTo(`a:${tara.aadObjectId}`).at(-1)?.body ?? {})).toMatch(/Not delivered after every retry[\s\S]*Updates to triage cards: 1/);
    expect(await press(sam, VERBS.deliveriesRetry, {}, false)).toContain("Only triage managers and the programme office");
    expect(await press(tara, VERBS.deliveriesRetry, {}, false)).toContain("Trying 1 again now");
    await settle(rt);
    expect(sentTo(TRIAGE, "PUT")).toHaveLength(1);
    expect((await undelivered()).filter((e) => e.state === "dead")).toEqual([]);
  });
});

describe("how a delivery failure is read", () => {
  it("honours Retry-After (seconds or a date) and retries throttling and outages, not refusals", () => {
    const headers = (h: Record<string, string>) => ({ get: (n: string) => h[n.toLowerCase()] });
    expect(describeFailure({ statusCode: 429, response: { headers: headers({ "retry-after": "120" }) } })).toMatchObject({ retryable: true, retryAfterMs: 120_000 });
    const at = new Date(Date.now() + 30_000).toUTCString();
    expect(describeFailure({ statusCode: 503, response: { headers: headers({ "retry-after": at }) } }).retryAfterMs).toBeGreaterThan(20_000);
    expect(describeFailure({ statusCode: 500 })).toMatchObject({ retryable: true, retryAfterMs: undefined });
    expect(describeFailure(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }))).toMatchObject({ retryable: true, summary: "ECONNRESET" });
    expect(describeFailure({ statusCode: 403 })).toMatchObject({ retryable: false }); // the bot was removed: trying again will not help
    expect(describeFailure({ statusCode: 404 })).toMatchObject({ retryable: false });
  });
});

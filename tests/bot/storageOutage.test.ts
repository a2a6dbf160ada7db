import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRuntime, loadStaticSetup, type Runtime } from "../../app/composition";
import { VERBS } from "../../cards/verbs";
import { startAzurite, type RunningAzurite } from "../../devhost/azurite";
import { startConnector } from "../../devhost/captureConnector";
import { freePort } from "../../devhost/ports";
import { demoPerson, executeActivity, messageActivity } from "../support/activities";
import { settle } from "../support/outbox";
import { cardText, deliver } from "../support/runtime";
import { uniquePrefix } from "../support/storage";

/**
 * Storage stopped mid-use, through the real bot: every press and message still gets an answer
 * (never a 5xx, a throw or an empty body), nothing is half-written, and once storage is back the
 * same presses work exactly once. Uses its own Azurite (persisted to a folder) so stopping it
 * does not disturb the shared one other test files use.
 */

type InvokeBody = { statusCode?: number; value?: unknown } | undefined;
type Attempt = { label: string; ms: number; status?: number; body?: unknown; threw?: unknown };

const TRIAGE = "19:early-help-triage@thread.tacv2";
const AREA = "wiltshire";
const SCHOOL = "riverside-primary";
const OUTAGE_DRAFT = "outage-draft-2";
const draft = (draftId: string, question: string) => ({
  draftId, schoolId: SCHOOL, yearGroup: "Year 4", primaryNeed: "cognition-learning", otherNeeds: "",
  tried: "Phonics catch-up", triedFor: "a term", question, urgency: "routine", riskOfHarm: "no",
});

describe("storage outage mid-use (bot + a private Azurite stopped and restarted)", () => {
  let azurite: RunningAzurite | undefined;
  let ports: { blobPort: number; queuePort: number; tablePort: number };
  let location = "";
  let rt: Runtime;
  let connector: Awaited<ReturnType<typeof startConnector>> | undefined;
  const clock = new Date("2026-11-23T09:00:00Z");
  const sam = demoPerson("Sam Senco");
  const ada = demoPerson("Ada Advisor");
  const tara = demoPerson("Tara Triage");
  let reference = "";
  // Anything rejected and never awaited during the outage is a bug: collect it to report it.
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => void unhandled.push(reason);

  const as = (who: { aadObjectId: string; name: string }, channel = false) => ({
    serviceUrl: connector?.url ?? "",
    from: who,
    ...(channel ? { conversationType: "channel" as const, conversationId: TRIAGE } : {}),
  });
  const sentTo = (conversationId: string) => (connector?.sent ?? []).filter((s) => s.conversationId === conversationId);
  const startStorage = async () => (azurite = await startAzurite({ ...ports, location, repoRoot: process.cwd() }));

  /** Delivers one activity, timing it and keeping a throw as data so every case is checked. */
  const attempt = async (label: string, activity: unknown): Promise<Attempt> => {
    const started = performance.now();
    try {
      const res = await deliver(rt, activity);
      return { label, ms: Math.round(performance.now() - started), status: res.status, body: res.jsonBody };
    } catch (threw) {
      return { label, ms: Math.round(performance.now() - started), threw };
    }
  };
  const pressCard = async (who: { aadObjectId: string; name: string }, verb: string, data: Record<string, unknown>, channel: boolean) => {
    const res = await deliver(rt, executeActivity(as(who, channel), verb, data));
    expect(res.status).toBe(200);
    return cardText((res.jsonBody as InvokeBody)?.value);
  };

  beforeAll(async () => {
    process.on("unhandledRejection", onUnhandled);
    ports = { blobPort: await freePort(), queuePort: await freePort(), tablePort: await freePort() };
    location = mkdtempSync(join(tmpdir(), "seh-outage-"));
    await startStorage();
    const setup = loadStaticSetup({ STORAGE_CONNECTION_STRING: azurite?.connectionString ?? "", TABLE_PREFIX: uniquePrefix(), LOG_LEVEL: "error" });
    rt = await buildRuntime(setup, () => clock);
    connector = await startConnector();
    // As in triage.test.ts: both chats known, a triage channel chosen, one request waiting.
    await deliver(rt, messageActivity(as(sam), "hello"));
    await deliver(rt, messageActivity(as(ada), "hello"));
    await deliver(rt, messageActivity(as(tara, true), "use this channel for triage"));
    const sent = await pressCard(sam, VERBS.requestSubmit, draft("outage-draft-1", "Reading is well below peers after a term of phonics catch-up."), false);
    reference = /EH-2026-\d{4}/.exec(sent)?.[0] ?? "";
    await settle(rt);
    expect(reference).not.toBe("");
    expect(sentTo(TRIAGE).some((s) => s.method === "POST")).toBe(true);
  });

  afterAll(async () => {
    process.off("unhandledRejection", onUnhandled);
    await azurite?.stop();
    await connector?.close();
    if (location) rmSync(location, { recursive: true, force: true });
  });

  it("answers every press and message while storage is down: no throw, no 5xx, presses say 'Not saved'", { timeout: 90_000 }, async () => {
    await azurite?.stop();
    azurite = undefined;

    const claim = await attempt("triage.claim (Ada, channel)", executeActivity(as(ada, true), VERBS.triageClaim, { reference }));
    const submit = await attempt("request.submit (Sam, new draft)", executeActivity(as(sam), VERBS.requestSubmit, draft(OUTAGE_DRAFT, "Very few words at age four; what can we do in class?")));
    const list = await attempt("message 'my requests' (Sam)", messageActivity(as(sam), "my requests"));
    const question = await attempt("message question (Sam)", messageActivity(as(sam), "Year 4 boy, reading well below peers, we've tried phonics catch-up for a term"));

    for (const a of [claim, submit, list, question])
      console.info(`[storage down] ${a.label}: ${a.ms} ms, status ${a.status ?? "-"}${a.threw ? `, threw ${a.threw instanceof Error ? a.threw.message : typeof a.threw}` : ""}`);

    // Soft, so one misbehaviour does not hide the others.
    for (const press of [claim, submit]) {
      expect.soft(press.threw, `${press.label} threw out of deliver`).toBeUndefined();
      expect.soft(press.status ?? 500, `${press.label} status`).toBeLessThan(500);
      const card = (press.body as InvokeBody)?.value;
      expect.soft(card, `${press.label} answered with an empty body`).toBeTruthy();
      // Teams shows this card in place of the pressed one: it must say plainly nothing was saved.
      expect.soft(cardText(card), `${press.label} card text`).toContain("Not saved");
    }
    for (const message of [list, question]) {
      // The apology may or may not reach the chat; the HTTP answer must still be clean.
      expect.soft(message.threw, `${message.label} threw out of deliver`).toBeUndefined();
      expect.soft(message.status ?? 500, `${message.label} status`).toBeLessThan(500);
    }
  });

  it("recovers once storage is back: nothing half-applied, claim and submit each apply exactly once", { timeout: 90_000 }, async () => {
    await startStorage(); // same ports, same folder: the data from before the outage is back
    const store = rt.deps.requests.store;

    // The failed claim left no trace: still waiting, one history event, nobody assigned.
    const before = (await store.get(AREA, reference))?.request;
    expect(before?.status).toBe("submitted");
    expect(before?.assignedToName).toBeUndefined();
    expect((await store.listEvents(AREA, reference)).map((e) => e.kind)).toEqual(["submitted"]);
    // The failed submit created nothing, in the records or in the school's index.
    expect((await store.listByStatus(AREA)).map((r) => r.reference)).toEqual([reference]);
    expect((await store.listForSchool(AREA, SCHOOL, 20)).map((r) => r.reference)).toEqual([reference]);
    // Nothing from the outage is left to deliver.
    if (connector) connector.sent.length = 0;
    await settle(rt);
    expect(connector?.sent).toEqual([]);

    // Claim again: applied, Sam told once, the shared card redrawn.
    const claimed = await pressCard(ada, VERBS.triageClaim, { reference }, true);
    expect(claimed).not.toContain("Not saved");
    await settle(rt);
    const after = (await store.get(AREA, reference))?.request;
    expect(after?.status).toBe("assigned");
    expect(after?.assignedToName).toBe("Ada Advisor");
    expect((await store.listEvents(AREA, reference)).map((e) => e.kind)).toEqual(["submitted", "claimed"]);
    expect(sentTo(`a:${sam.aadObjectId}`)).toHaveLength(1);
    expect(sentTo(TRIAGE).some((s) => s.method === "PUT")).toBe(true);

    // The draft that failed during the outage, sent again with the same draftId: one new request.
    const resent = await pressCard(sam, VERBS.requestSubmit, draft(OUTAGE_DRAFT, "Very few words at age four; what can we do in class?"), false);
    const second = /EH-2026-\d{4}/.exec(resent)?.[0];
    expect(second).toBeDefined();
    expect(second).not.toBe(reference);
    await settle(rt);
    const all = (await store.listByStatus(AREA)).map((r) => r.reference).sort();
    expect(all).toEqual([reference, second].sort());
    expect((await store.listEvents(AREA, second ?? "")).map((e) => e.kind)).toEqual(["submitted"]);

    expect(unhandled.map(String)).toEqual([]);
  });
});

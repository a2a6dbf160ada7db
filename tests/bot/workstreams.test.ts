import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Runtime } from "../../app/composition";
import { rhythmDeps } from "../../bot/useCaseDeps";
import { queueBoardRollup, queueWeeklyDigests, remindWorkstreamLeads } from "../../usecases/workstreamRhythm";
import { VERBS } from "../../cards/verbs";
import { startConnector } from "../../devhost/captureConnector";
import { startDevHost, type DevHost } from "../../devhost/devHost";
import { createLogger } from "../../app/log";
import { registrations } from "../../functions/registrations";
import { demoPerson, executeActivity, messageActivity } from "../support/activities";
import { inputValue } from "../support/cards";
import { cardText, deliver, testRuntime, visibleText } from "../support/runtime";
import { everythingStored } from "../support/storage";
import { settle } from "../support/outbox";

type InvokeBody = { statusCode: number; value: unknown };
const CHANNEL = "19:right-support@thread.tacv2";
const BOARD = "19:partnership-board@thread.tacv2";
const key = { workstreamId: "right-support-right-time", actionId: "advice-line" };

describe("workstream action cards (bot + Azurite)", () => {
  let rt: Runtime;
  let connector: Awaited<ReturnType<typeof startConnector>>;
  let clock = new Date("2026-11-24T09:00:00Z");
  const leo = demoPerson("Leo Lead");
  const pat = demoPerson("Pat Programme");
  const ada = demoPerson("Ada Advisor");

  const inChannel = (who: { aadObjectId: string; name: string }, conversationId = CHANNEL) => ({ serviceUrl: connector.url, from: who, conversationType: "channel" as const, conversationId });
  const invoke = async (who: { aadObjectId: string; name: string }, verb: string, data: Record<string, unknown>) => {
    const res = await deliver(rt, executeActivity(inChannel(who), verb, data));
    expect(res.status).toBe(200);
    await settle(rt);
    return cardText((res.jsonBody as InvokeBody).value);
  };
  const invokeCard = async (who: { aadObjectId: string; name: string }, verb: string, data: Record<string, unknown>) =>
    ((await deliver(rt, executeActivity(inChannel(who), verb, data))).jsonBody as InvokeBody).value;
  // Each timer's work for the area, then its effects delivered as the outbox worker would.
  const timer = async (work: (deps: ReturnType<typeof rhythmDeps>, area: Runtime["packs"][number]) => Promise<number | boolean>) => {
    let n = 0;
    for (const area of rt.packs) n += Number(await work(rhythmDeps(rt.deps), area));
    await settle(rt);
    return n;
  };
  const version = async () => (await rt.deps.actions.get("wiltshire", key.workstreamId, key.actionId))!.action.version;

  beforeAll(async () => {
    rt = await testRuntime({}, () => clock);
    connector = await startConnector();
    await deliver(rt, messageActivity({ serviceUrl: connector.url, from: leo }, "hello")); // Leo's chat is known
  });
  afterAll(async () => {
    await connector.close();
  });
  beforeEach(() => {
    connector.sent.length = 0;
  });

  it("links a channel to a workstream and posts each action as a card", async () => {
    await deliver(rt, messageActivity(inChannel(ada), "link this channel to Right support at the right time"));
    expect(visibleText(connector.sent.at(-1)?.body ?? {})).toContain("Only the workstream's leads or the programme office");
    connector.sent.length = 0;
    await deliver(rt, messageActivity(inChannel(leo), "link this channel to Right support at the right time"));
    await settle(rt);
    const cards = connector.sent.filter((s) => s.conversationId === CHANNEL && (s.body.attachments as unknown[] | undefined)?.length);
    expect(cards.map((c) => visibleText(c.body)).join("\n")).toContain("Run the SEND early help advice and guidance line");
    expect(cards).toHaveLength(3);
    expect((await rt.deps.actions.get("wiltshire", key.workstreamId, key.actionId))?.action.cardPost?.conversationId).toBe(CHANNEL);
  });

  it("lets the lead change Green to Amber with a reason; the card updates for everyone and the history shows it", async () => {
    expect(await invoke(leo, VERBS.actionEdit, key)).toContain("Update this action");
    // The edit form is the lead's own: it never becomes everyone's card.
    expect(connector.sent.filter((s) => s.conversationId === CHANNEL && s.method === "PUT")).toEqual([]);
    const noReason = await invoke(leo, VERBS.actionUpdate, { ...key, version: await version(), status: "in-progress", rag: "amber", ragReason: "", progressNote: "" });
    expect(noReason).toContain("Please check");
    const saved = await invoke(leo, VERBS.actionUpdate, { ...key, version: await version(), status: "in-progress", rag: "amber", ragReason: "Two advisors are off sick", progressNote: "Cover from the north team", evidenceLink: "", proposedDueDate: "" });
    expect(saved).toContain("Saved");
    expect(saved).toContain("Amber: Two advisors are off sick");
    expect(connector.sent.some((s) => s.conversationId === CHANNEL && s.method === "PUT")).toBe(true);
    const history = await invoke(ada, VERBS.actionHistory, key);
    expect(history).toContain("Leo Lead: RAG Green → Amber");
    expect(history).toContain("Cover from the north team");
  });

  it.each([
    ["a UPN in the RAG reason", { ragReason: "Pupil UPN D865200124017 has no school place", progressNote: "Panel met on Tuesday" }, "D865200124017", "UPN"],
    ["an NHS number in the progress note", { ragReason: "Waiting for the panel", progressNote: "Assessed NHS number 943 476 5919 this week" }, "943 476 5919", "NHS number"],
  ])("refuses an update with %s: explains, gives every typed value back, and changes nothing", async (_case, texts, identifier, kind) => {
    const before = await rt.deps.actions.get("wiltshire", key.workstreamId, key.actionId);
    const updatesBefore = await rt.deps.actions.listUpdates("wiltshire", key.workstreamId, key.actionId);
    const typed = { status: "on-hold", rag: "red", evidenceLink: "https://example.org/panel-minutes", proposedDueDate: "2027-09-30", ...texts };
    const card = await invokeCard(leo, VERBS.actionUpdate, { ...key, version: before!.action.version, ...typed });
    const shown = cardText(card);
    expect(shown).toContain("Not saved");
    expect(shown).toContain(kind);
    expect(shown).toContain("Remove the pupil's details from this field.");
    expect(shown).not.toContain(identifier); // the explanation is masked; only the box holds what was typed
    for (const [field, value] of Object.entries(typed)) expect(inputValue(card, field)).toBe(value);
    expect(await rt.deps.actions.get("wiltshire", key.workstreamId, key.actionId)).toEqual(before);
    expect(await rt.deps.actions.listUpdates("wiltshire", key.workstreamId, key.actionId)).toEqual(updatesBefore);
    expect(await everythingStored(rt.tables)).not.toContain(identifier);
    expect(connector.sent.some((s) => s.method === "PUT")).toBe(false); // never written over the shared card, for everyone
  });

  it("shows everyone else a read-only card and refuses their updates whatever card they hold", async () => {
    const asAda = await invoke(ada, VERBS.actionEdit, key);
    expect(asAda).toContain("Only this workstream's leads and the programme office can update this action");
    expect(asAda).not.toContain("Update this action");
    const forged = await invoke(ada, VERBS.actionUpdate, { ...key, version: await version(), status: "complete", rag: "green", ragReason: "", progressNote: "" });
    expect(forged).toContain("Only this workstream's leads and the programme office");
    expect((await rt.deps.actions.get("wiltshire", key.workstreamId, key.actionId))?.action.status).toBe("in-progress");
    // The refusal went to Ada only: the channel's card was not replaced for everyone (Teams AI's
    // REPLACE_FOR_ALL used to write any answer carrying a refresh over the shared message).
    expect(connector.sent.filter((s) => s.conversationId === CHANNEL && s.method === "PUT")).toEqual([]);
  });

  it("answers Teams' per-user refresh with edit controls for editors and the read-only card for others", async () => {
    expect(await invoke(leo, VERBS.actionRefresh, key)).toContain("Update this action");
    expect(await invoke(pat, VERBS.actionRefresh, key)).toContain("Update this action");
    const asAda = await invoke(ada, VERBS.actionRefresh, key);
    expect(asAda).toContain("Run the SEND early help advice and guidance line");
    expect(asAda).not.toContain("Update this action");
  });

  it("never loses an update silently when two leads save at once", async () => {
    const v = await version();
    const [a, b] = await Promise.all([
      invoke(leo, VERBS.actionUpdate, { ...key, version: v, status: "in-progress", rag: "red", ragReason: "Funding withdrawn", progressNote: "Escalated" }),
      invoke(pat, VERBS.actionUpdate, { ...key, version: v, status: "in-progress", rag: "green", ragReason: "", progressNote: "Recovered" }),
    ]);
    const outcomes = [a, b].map((t) => (t.includes("Saved") ? "saved" : t.includes("updated this first") ? "told" : "other"));
    expect(outcomes.sort()).toEqual(["saved", "told"]);
    expect(await version()).toBe(v + 1);
    const updates = await rt.deps.actions.listUpdates("wiltshire", key.workstreamId, key.actionId);
    expect(updates).toHaveLength(v + 1); // one log line per saved update, and only one of the two was saved
  });

  it("reminds leads of overdue actions once a week, and posts the weekly digest", async () => {
    clock = new Date("2027-02-01T03:00:00Z"); // the advice line action has gone quiet for over 28 days
    expect(await timer(remindWorkstreamLeads)).toBe(0); // 03:00 in London: nobody is nudged at night
    expect(await timer(queueWeeklyDigests)).toBe(0);
    clock = new Date("2027-02-01T09:00:00Z");
    expect(await timer(remindWorkstreamLeads)).toBe(1);
    expect(visibleText(connector.sent.find((s) => s.conversationId === `a:${leo.aadObjectId}`)?.body ?? {})).toContain("need an update");
    expect(await timer(remindWorkstreamLeads)).toBe(0);
    connector.sent.length = 0;
    expect(await timer(queueWeeklyDigests)).toBe(1);
    expect(visibleText(connector.sent.at(-1)?.body ?? {})).toContain("This week in Right support at the right time");
    clock = new Date("2027-02-03T09:00:00Z"); // Wednesday of the same week
    expect(await timer(queueWeeklyDigests)).toBe(0);
  });

  it("posts the digest on Tuesday morning after a bank holiday Monday, once that week", async () => {
    clock = new Date("2027-05-03T08:00:00Z"); // early May bank holiday, 09:00 BST
    expect(await timer(queueWeeklyDigests)).toBe(0);
    expect(await timer(remindWorkstreamLeads)).toBe(0);
    clock = new Date("2027-05-04T06:30:00Z"); // 07:30 BST: too early
    expect(await timer(queueWeeklyDigests)).toBe(0);
    clock = new Date("2027-05-04T07:05:00Z"); // 08:05 BST
    expect(await timer(queueWeeklyDigests)).toBe(1);
    clock = new Date("2027-05-05T07:05:00Z");
    expect(await timer(queueWeeklyDigests)).toBe(0);
  });

  it("gives the board a roll-up card with working download links, and posts it before the board once", async () => {
    clock = new Date("2026-12-04T09:00:00Z");
    await deliver(rt, messageActivity(inChannel(pat, BOARD), "use this channel for the board"));
    connector.sent.length = 0;
    expect(await timer(queueBoardRollup)).toBe(1);
    const card = connector.sent.find((s) => s.conversationId === BOARD)?.body ?? {};
    expect(visibleText(card)).toContain("Right support at the right time");
    expect(await timer(queueBoardRollup)).toBe(0);

    const urls = JSON.stringify(card).match(/http:\/\/127\.0\.0\.1:\d+\/api\/board-report\?[^"]+/g) ?? [];
    expect(urls).toHaveLength(2);
    // The links open against the real HTTP function (dev host on the link's port is not running here, so serve one).
    const host: DevHost = await startDevHost(registrations, { port: 0, log: createLogger("error"), timers: false });
    try {
      process.env.STORAGE_CONNECTION_STRING = rt.config.storage.kind === "connectionString" ? rt.config.storage.connectionString : "";
      process.env.TABLE_PREFIX = rt.config.tablePrefix;
      const html = await fetch(urls[0]!.replace(/http:\/\/127\.0\.0\.1:\d+/, host.url).replace(/&amp;/g, "&"));
      expect(html.status).toBe(200);
      expect(await html.text()).toContain("How the RAG roll-up works");
      const tampered = await fetch(urls[0]!.replace(/http:\/\/127\.0\.0\.1:\d+/, host.url).replace("area=wiltshire", "area=warwickshire"));
      expect(tampered.status).toBe(403);
    } finally {
      await host.close();
    }
  });
});

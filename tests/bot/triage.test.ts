import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Runtime } from "../../app/composition";
import { VERBS } from "../../cards/verbs";
import { startConnector } from "../../devhost/captureConnector";
import { demoPerson, executeActivity, messageActivity } from "../support/activities";
import { findInput } from "../support/cards";
import { cardText, deliver, testRuntime, visibleText } from "../support/runtime";
import { everythingStored } from "../support/storage";
import { runSlaTimer, settle } from "../support/outbox";

type InvokeBody = { statusCode: number; value: unknown };
const TRIAGE = "19:early-help-triage@thread.tacv2";

describe("triage in the channel (bot + Azurite)", () => {
  let rt: Runtime;
  let connector: Awaited<ReturnType<typeof startConnector>>;
  let clock = new Date("2026-11-23T09:00:00Z"); // Monday
  const sam = demoPerson("Sam Senco");
  const sunita = demoPerson("Sunita Shah");
  const ada = demoPerson("Ada Advisor");
  const tara = demoPerson("Tara Triage");
  let reference = "";

  const as = (who: { aadObjectId: string; name: string }, channel = false) => ({
    serviceUrl: connector.url,
    from: who,
    ...(channel ? { conversationType: "channel" as const, conversationId: TRIAGE } : {}),
  });
  const invoke = async (who: { aadObjectId: string; name: string }, verb: string, data: Record<string, unknown>, channel = true) => {
    const res = await deliver(rt, executeActivity(as(who, channel), verb, data));
    expect(res.status).toBe(200);
    await settle(rt);
    return cardText((res.jsonBody as InvokeBody).value);
  };
  const sentTo = (conversationId: string) => connector.sent.filter((s) => s.conversationId === conversationId);

  beforeAll(async () => {
    rt = await testRuntime({}, () => clock);
    connector = await startConnector();
    await deliver(rt, messageActivity(as(sam), "hello")); // Sam's chat is known
    await deliver(rt, messageActivity(as(ada), "hello"));
  });
  afterAll(async () => {
    await connector.close();
  });
  beforeEach(() => {
    connector.sent.length = 0;
  });

  it("only a triage manager chooses the triage channel, from inside it", async () => {
    await deliver(rt, messageActivity(as(ada, true), "use this channel for triage"));
    expect(visibleText(connector.sent.at(-1)?.body ?? {})).toContain("Only a triage manager");
    await deliver(rt, messageActivity(as(tara, true), "use this channel for triage"));
    expect(visibleText(connector.sent.at(-1)?.body ?? {})).toContain("new advice requests will be posted in this channel");
  });

  it("posts a new request to the triage channel with the suggested advisor", async () => {
    const card = await invoke(sam, VERBS.requestSubmit, {
      draftId: "triage-draft-1", schoolId: "riverside-primary", yearGroup: "Year 4", primaryNeed: "cognition-learning", otherNeeds: "",
      tried: "Phonics catch-up", triedFor: "a term", question: "Reading is well below peers after a term of phonics catch-up.", urgency: "urgent", riskOfHarm: "no",
    }, false);
    reference = /EH-2026-\d{4}/.exec(card)?.[0] ?? "";
    const posted = sentTo(TRIAGE).at(-1);
    expect(visibleText(posted?.body ?? {})).toContain(`${reference} (URGENT)`);
    expect(visibleText(posted?.body ?? {})).toContain("suggested: Ada Advisor");
    expect((await rt.deps.requests.store.get("wiltshire", reference))?.request.triagePost?.conversationId).toBe(TRIAGE);
  });

  it("lets exactly one of two simultaneous claims win; the other sees who has it", async () => {
    const [a, t] = await Promise.all([invoke(ada, VERBS.triageClaim, { reference }), invoke(tara, VERBS.triageClaim, { reference })]);
    const stored = (await rt.deps.requests.store.get("wiltshire", reference))?.request;
    const winner = stored?.assignedToName ?? "";
    expect(["Ada Advisor", "Tara Triage"]).toContain(winner);
    const loserCard = winner === "Ada Advisor" ? t : a;
    expect(loserCard).toContain(`${winner} has already claimed ${reference}`);
    expect(loserCard).toContain(`Advisor`);
    const events = await rt.deps.requests.store.listEvents("wiltshire", reference);
    expect(events.filter((e) => e.kind === "claimed")).toHaveLength(1);
    if (winner !== "Ada Advisor") await invoke(tara, VERBS.triageReassign, { reference, advisor: ada.aadObjectId });
  });

  it("asks the school; the SENCO answers from the card in their chat; the clock pauses", async () => {
    clock = new Date("2026-11-23T11:00:00Z");
    await invoke(ada, VERBS.triageAskSchool, { reference, text: "How long are the sessions, and how often?" });
    const toSam = sentTo(`a:${sam.aadObjectId}`).at(-1);
    expect(visibleText(toSam?.body ?? {})).toContain("How long are the sessions");
    expect(visibleText(toSam?.body ?? {})).toContain("Send answer");
    expect(connector.sent.some((s) => s.conversationId === TRIAGE && s.method === "PUT")).toBe(true); // card updated for everyone
    expect((await rt.deps.requests.store.get("wiltshire", reference))?.request.pausedSince).toBe("2026-11-23T11:00:00.000Z");

    clock = new Date("2026-11-23T15:00:00Z");
    const answered = await invoke(sam, VERBS.requestAddInfo, { reference, information: "Twenty minutes, four times a week." }, false);
    expect(answered).toContain("Added");
    const request = (await rt.deps.requests.store.get("wiltshire", reference))?.request;
    expect(request?.status).toBe("assigned");
    expect(request?.pausedIntervals).toHaveLength(1);
  });

  it("gives advice with a pupil identifier back to the advisor, explained and still typed, and saves nothing", async () => {
    const typed = "Ask the OT about NHS number 943 476 5919 before the review.";
    const res = await deliver(rt, executeActivity(as(ada, true), VERBS.triageAdvise, { reference, text: typed }));
    const card = (res.jsonBody as InvokeBody).value;
    expect(cardText(card)).toContain("NHS number");
    expect(cardText(card)).not.toContain("943 476 5919");
    const adviceForm = (card as { actions: Array<{ title: string; card?: unknown }> }).actions.find((a) => a.title === "Send advice")?.card;
    expect(findInput(adviceForm, "text")?.value).toBe(typed);
    expect((card as { refresh?: unknown }).refresh).toBeUndefined(); // an automatic refresh would wipe the typed text
    expect((await rt.deps.requests.store.listEvents("wiltshire", reference)).map((e) => e.kind)).not.toContain("advised");
    expect(await everythingStored(rt.tables)).not.toContain("943 476 5919");
    expect(sentTo(`a:${sam.aadObjectId}`)).toHaveLength(0);
    expect(sentTo(TRIAGE)).toHaveLength(0); // the typed text goes to the advisor only, never onto the shared card
  });

  it("sends advice and closes; the SENCO's chat shows each step and the history is in order", async () => {
    // Staff text is screened for identifiers only: advice naming the safeguarding route is saved.
    await invoke(ada, VERBS.triageAdvise, { reference, text: "Try precision teaching of high-frequency words; review in six weeks. Speak to your DSL if you are worried about abuse." });
    expect(visibleText(sentTo(`a:${sam.aadObjectId}`).at(-1)?.body ?? {})).toContain("precision teaching");
    expect((await rt.deps.requests.store.listEvents("wiltshire", reference)).at(-1)?.detail).toContain("Speak to your DSL if you are worried about abuse");
    const closed = await invoke(ada, VERBS.triageClose, { reference, outcome: "advice-given", text: "" });
    expect(closed).toContain("Closed");
    expect(visibleText(sentTo(`a:${sam.aadObjectId}`).at(-1)?.body ?? {})).toContain("closed this request");
    const kinds = (await rt.deps.requests.store.listEvents("wiltshire", reference)).map((e) => e.kind);
    expect(kinds.filter((k) => k !== "reassigned")).toEqual(["submitted", "claimed", "asked-school", "school-answered", "advised", "closed"]);
  });

  it("refuses SENCOs on triage actions and keeps other schools out", async () => {
    expect(await invoke(sam, VERBS.triageReopen, { reference })).toContain("Only the council's inclusion advisors");
    expect(await invoke(sunita, VERBS.triageRefresh, { reference })).toContain("Only the council's inclusion team");
    expect(await invoke(sunita, VERBS.requestView, { reference }, false)).toContain(`can't find request ${reference}`);
    await deliver(rt, messageActivity(as(sam), "queue"));
    expect(visibleText(connector.sent.at(-1)?.body ?? {})).toContain("for the council's inclusion team");
  });

  it("opens a request's triage card on demand for staff only", async () => {
    await deliver(rt, messageActivity(as(tara), `show ${reference}`));
    expect(visibleText(connector.sent.at(-1)?.body ?? {})).toContain(`${reference} (URGENT)`);
    await deliver(rt, messageActivity(as(sam), `show ${reference}`));
    expect(visibleText(connector.sent.at(-1)?.body ?? {})).toContain("Only the council's inclusion team can open triage cards");
  });

  it("gives the manager a queue view and a report", async () => {
    await invoke(sam, VERBS.requestSubmit, {
      draftId: "triage-draft-2", schoolId: "riverside-primary", yearGroup: "Reception", primaryNeed: "communication-interaction", otherNeeds: "",
      tried: "", triedFor: "not yet", question: "Very few words at age four; what can we do in class?", urgency: "routine", riskOfHarm: "no",
    }, false);
    await deliver(rt, messageActivity(as(tara), "queue"));
    const queue = visibleText(connector.sent.at(-1)?.body ?? {});
    expect(queue).toContain("Unclaimed (1)");
    expect(queue).toMatch(/North \(Chippenham\)[\s\S]*1 open, 1 unclaimed/);
    await deliver(rt, messageActivity(as(tara), "report"));
    const report = visibleText(connector.sent.at(-1)?.body ?? {});
    expect(report).toContain("Requests");
    expect(report).toContain("Advice given");
    expect(report).toMatch(/Median time to first response[\s\S]*0\.1 working days/); // 2 h of a 24 h working day
  });

  it("reminds the channel once when a first response is overdue", async () => {
    clock = new Date("2026-11-30T05:45:00Z"); // well past three working days, but 05:45 in London
    connector.sent.length = 0;
    expect(await runSlaTimer(rt)).toBe(0);
    clock = new Date("2026-11-30T09:00:00Z");
    expect(await runSlaTimer(rt)).toBe(1);
    expect(visibleText(sentTo(TRIAGE).find((s) => s.method === "POST")?.body ?? {})).toContain("Overdue:");
    expect(await runSlaTimer(rt)).toBe(0);
  });
});

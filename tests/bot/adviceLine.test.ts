import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Runtime } from "../../app/composition";
import { VERBS } from "../../cards/verbs";
import { demoPerson, executeActivity, messageActivity } from "../support/activities";
import { startConnector } from "../../devhost/captureConnector";
import { cardText, deliver, testRuntime, visibleText } from "../support/runtime";
import { everythingStored } from "../support/storage";
import { settle } from "../support/outbox";

type InvokeBody = { statusCode: number; value: unknown };

describe("the advice line, end to end through the bot (Azurite)", () => {
  let rt: Runtime;
  let connector: Awaited<ReturnType<typeof startConnector>>;
  const sam = demoPerson("Sam Senco");
  const sunita = demoPerson("Sunita Shah");
  const ada = demoPerson("Ada Advisor");

  beforeAll(async () => {
    rt = await testRuntime();
    connector = await startConnector();
  });
  afterAll(async () => {
    await connector.close();
  });
  beforeEach(() => {
    connector.sent.length = 0;
  });

  const as = (who: { aadObjectId: string; name: string }) => ({ serviceUrl: connector.url, from: who });
  const lastText = () => visibleText(connector.sent.at(-1)?.body ?? {});
  const invoke = async (who: { aadObjectId: string; name: string }, verb: string, data: Record<string, unknown> = {}) => {
    const res = await deliver(rt, executeActivity(as(who), verb, data));
    expect(res.status).toBe(200);
    return (res.jsonBody as InvokeBody).value as Record<string, unknown>;
  };

  it("answers a free-text question at once with strategies and their source", async () => {
    await deliver(rt, messageActivity(as(sam), "Year 4 boy, reading well below peers, we've tried phonics catch-up for a term"));
    const text = lastText();
    expect(text).toContain("Early advice from the council's guidance");
    expect(text).toContain("Source:");
    expect(text).toContain("Ask an inclusion advisor");
    expect(text).toMatch(/read|phonic|literacy|dyslexi/i);
  });

  it.each([
    ["a UPN", "Can you help with A123456789012, Year 3, struggling with maths", "A123456789012"],
    ["an NHS number", "His NHS number is 943 476 5919 and he has glue ear", "943 476 5919"],
    ["a name", "The child is called Sam Jones and she won't speak in class", "Sam Jones"],
    ["a UPN with a zero-width space", "Year 3, UPN A1234567\u200B89012, struggling with maths", "A1234567"],
    ["an NHS number with thin spaces", "He has glue ear, NHS 943\u2009476\u20095919", "476\u20095919"],
    ["an NHS number in full-width digits", "glue ear, number \uFF19\uFF14\uFF13\uFF14\uFF17\uFF16\uFF15\uFF19\uFF11\uFF19", "\uFF15\uFF19\uFF11\uFF19"],
    ["an obfuscated e-mail address", "mum says write to jo.bloggs(at)example.com about his reading", "bloggs"],
    ["a name the first-name list knows", "Precious has been struggling with phonics in Year 2", "Precious"],
  ])("refuses a question containing %s, explains why, and stores nothing", async (_kind, question, identifier) => {
    await deliver(rt, messageActivity(as(sam), question));
    const text = lastText();
    expect(text).toContain("Please remove the child's details");
    expect(text).not.toContain(identifier);
    expect(await everythingStored(rt.tables)).not.toContain(identifier);
  });

  it("sends a safeguarding concern to the safeguarding route, records only that, and opens no request", async () => {
    const disclosure = "She told me her dad hits her and she is scared to go home";
    await deliver(rt, messageActivity(as(sam), disclosure));
    const text = lastText();
    expect(text).toContain("This sounds like a safeguarding concern");
    expect(text).toContain("999");
    expect(text).toContain("designated safeguarding lead");
    expect(text).toContain("0300 456 0108");
    const stored = await everythingStored(rt.tables);
    expect(stored).not.toContain("scared to go home");
    expect(stored).toContain("safeguarding-redirect");
    expect(await rt.deps.requests.store.listForSchool("wiltshire", "riverside-primary", 50)).toHaveLength(0);
  });

  it("asks 'is this child safe?' on a possible concern; Yes gives the safeguarding route, No the advice; only counts are stored", async () => {
    const question = "Year 6 boy, he flinches a lot in PE, what can help his coordination?";
    await deliver(rt, messageActivity(as(sam), question));
    expect(lastText()).toContain("Do you think this child may be at risk of harm?");
    expect(lastText()).toMatch(/Your message mentions [a-z]/);
    const yes = await invoke(sam, VERBS.adviceRiskAnswer, { answer: "yes", context: { question } });
    expect(cardText(yes)).toContain("This sounds like a safeguarding concern");
    const no = await invoke(sam, VERBS.adviceRiskAnswer, { answer: "no", context: { question } });
    expect(cardText(no)).toContain("Early advice from the council's guidance");
    const stored = await everythingStored(rt.tables);
    expect(stored).not.toContain("flinches");
    expect(stored).toContain("safeguarding-question-asked");
    expect(stored).toContain("safeguarding-question-answered");
  });

  it("counts a redelivered or double-clicked answer once, and still shows the route each time", async () => {
    const counted = async () => (await rt.deps.audit.recent("wiltshire", 500)).filter((a) => a.action === "safeguarding-question-answered" || a.action === "safeguarding-redirect").length;
    const before = await counted();
    const press = executeActivity(as(sam), VERBS.adviceRiskAnswer, { pressId: "risk-press-1", answer: "yes", context: { question: "he flinches a lot" } });
    for (const activity of [press, press, { ...press, id: "a-double-click" }]) {
      const res = await deliver(rt, activity);
      expect(cardText((res.jsonBody as { value: unknown }).value)).toContain("This sounds like a safeguarding concern");
    }
    expect((await counted()) - before).toBe(2); // one "answered yes", one "redirect shown"
  });

  it("still gives the safeguarding route when the audit log cannot be written", async () => {
    const append = rt.deps.audit.append.bind(rt.deps.audit);
    rt.deps.audit.append = () => Promise.reject(new Error("storage unavailable"));
    try {
      await deliver(rt, messageActivity(as(sam), "She told me her dad hits her and she is scared to go home"));
      expect(lastText()).toContain("This sounds like a safeguarding concern");
      const yes = await invoke(sam, VERBS.adviceRiskAnswer, { answer: "yes", context: { question: "he flinches a lot" } });
      expect(cardText(yes)).toContain("This sounds like a safeguarding concern");
    } finally {
      rt.deps.audit.append = append;
    }
  });

  it("still redirects a concern sent back through the question card's No", async () => {
    const no = await invoke(sam, VERBS.adviceRiskAnswer, { answer: "no", context: { question: "He told me his dad hits him" } });
    expect(cardText(no)).toContain("This sounds like a safeguarding concern");
  });

  it("answers ordinary school avoidance with advice", async () => {
    await deliver(rt, messageActivity(as(sam), "Year 8, he's been missing school since Easter. Ideas for attendance?"));
    expect(lastText()).toContain("Early advice from the council's guidance");
  });

  it("turns advice into a request with a reference that 'my requests' shows, once per submit even if redelivered", async () => {
    const form = await invoke(sam, VERBS.requestDraft, { context: { question: "Reading well below peers after a term of phonics catch-up", yearGroup: "Year 4", primaryNeed: "cognition-learning" } });
    expect(cardText(form)).toContain("Ask an inclusion advisor");
    const submit = executeActivity(as(sam), VERBS.requestSubmit, {
      draftId: "b1c3d8a0-draft-0001",
      schoolId: "riverside-primary",
      yearGroup: "Year 4",
      primaryNeed: "cognition-learning",
      otherNeeds: "communication-interaction",
      tried: "Phonics catch-up three times a week",
      triedFor: "a term",
      question: "Reading is well below peers after a term of phonics catch-up. What next?",
      urgency: "routine",
      riskOfHarm: "no",
    });
    const first = await deliver(rt, submit);
    const second = await deliver(rt, submit); // Teams redelivers the same activity
    const reference = /EH-2026-\d{4}/.exec(cardText((first.jsonBody as InvokeBody).value))?.[0];
    expect(reference).toBeDefined();
    expect(cardText((second.jsonBody as InvokeBody).value)).toContain(reference);
    const mine = await rt.deps.requests.store.listForSchool("wiltshire", "riverside-primary", 50);
    expect(mine.filter((r) => r.question.startsWith("Reading is well below"))).toHaveLength(1);

    await deliver(rt, messageActivity(as(sam), "my requests"));
    expect(lastText()).toContain(reference);
    expect(lastText()).toContain("Waiting for an advisor");
  });

  it("tells the SENCO in their chat when an advisor takes the request", async () => {
    await deliver(rt, messageActivity(as(sam), "my requests")); // Sam's chat reference is stored
    const [request] = await rt.deps.requests.store.listForSchool("wiltshire", "riverside-primary", 1);
    connector.sent.length = 0;
    await deliver(rt, messageActivity(as(ada), `claim ${request!.reference}`));
    await settle(rt); // the outbox worker's delivery
    const toSam = connector.sent.find((s) => s.conversationId === `a:${sam.aadObjectId}`);
    expect(visibleText(toSam?.body ?? {})).toContain(`Update on ${request!.reference}`);
    expect(visibleText(toSam?.body ?? {})).toContain("Ada Advisor is looking at this request");
    expect(visibleText(connector.sent.find((s) => s.conversationId === `a:${ada.aadObjectId}`)?.body ?? {})).toContain("You have claimed");
  });

  it("lets the SENCO add information and see it in the history; another school's SENCO sees nothing", async () => {
    const [request] = await rt.deps.requests.store.listForSchool("wiltshire", "riverside-primary", 1);
    const ref = request!.reference;
    const added = await invoke(sam, VERBS.requestAddInfo, { reference: ref, information: "We also tried a reading buddy for four weeks." });
    expect(cardText(added)).toContain("Added. The advisor will see it.");
    expect(cardText(added)).toContain("We also tried a reading buddy");
    const spy = await invoke(sunita, VERBS.requestView, { reference: ref });
    expect(cardText(spy)).toContain(`can't find request ${ref}`);
    expect(cardText(spy)).not.toContain("reading buddy");
  });

  it("refuses information containing an identifier, keeping the request unchanged", async () => {
    const [request] = await rt.deps.requests.store.listForSchool("wiltshire", "riverside-primary", 1);
    const before = request!.eventCount;
    const card = await invoke(sam, VERBS.requestAddInfo, { reference: request!.reference, information: "Mum's number is 07700 900123" });
    expect(cardText(card)).not.toContain("07700 900123");
    const after = await rt.deps.requests.store.get("wiltshire", request!.reference);
    expect(after?.request.eventCount).toBe(before);
    expect(await everythingStored(rt.tables)).not.toContain("07700 900123");
  });

  it("sends information suggesting harm to the safeguarding route, and records only that it did", async () => {
    const [request] = await rt.deps.requests.store.listForSchool("wiltshire", "riverside-primary", 1);
    const before = request!.eventCount;
    const card = await invoke(sam, VERBS.requestAddInfo, { reference: request!.reference, information: "He said his stepdad hits him at night" });
    expect(cardText(card)).toContain("This sounds like a safeguarding concern");
    expect((await rt.deps.requests.store.get("wiltshire", request!.reference))?.request.eventCount).toBe(before);
    const audit = await rt.deps.audit.recent("wiltshire", 5, { field: "action", value: "safeguarding-redirect" });
    expect(audit.map((a) => a.detail)).toContain("added information");
    expect(await everythingStored(rt.tables)).not.toContain("stepdad");
  });

  it("lets the SENCO withdraw an open request", async () => {
    const [request] = await rt.deps.requests.store.listForSchool("wiltshire", "riverside-primary", 1);
    const card = await invoke(sam, VERBS.requestWithdraw, { reference: request!.reference });
    expect(cardText(card)).toContain("Withdrawn");
    expect((await rt.deps.requests.store.get("wiltshire", request!.reference))?.request.status).toBe("withdrawn");
  });

  it("re-shows the form with a clear message when a field is missing", async () => {
    const card = await invoke(sam, VERBS.requestSubmit, { draftId: "d-2", schoolId: "riverside-primary", question: "Help with maths please, he finds number bonds hard" });
    const text = cardText(card);
    expect(text).toContain("Please check:");
    expect(text).toContain("year group");
  });

  it("stores 'was this helpful?' answers", async () => {
    const card = await invoke(sam, VERBS.adviceFeedback, { feedbackId: "fb-1", helpful: true, articleIds: ["x"], context: { question: "reading well below peers" } });
    expect(cardText(card)).toContain("glad it helped");
    expect((await rt.deps.feedback.find("wiltshire", "fb-1"))?.helpful).toBe(true);
  });
});

describe("the risk-of-harm question on the forms", () => {
  it("sends a SENCO who answers 'yes' to the safeguarding route and opens no request", async () => {
    const rt = await testRuntime();
    const connector = await startConnector();
    try {
      const sam = demoPerson("Sam Senco");
      const res = await deliver(rt, executeActivity({ serviceUrl: connector.url, from: sam }, VERBS.requestSubmit, {
        draftId: "risk-1", schoolId: "riverside-primary", yearGroup: "Year 6", primaryNeed: "semh", otherNeeds: "", tried: "", triedFor: "not yet",
        question: "He has been very withdrawn lately and we are worried.", urgency: "routine", riskOfHarm: "yes",
      }));
      expect(cardText((res.jsonBody as InvokeBody).value)).toContain("This sounds like a safeguarding concern");
      expect(await rt.deps.requests.store.listForSchool("wiltshire", "riverside-primary", 10)).toHaveLength(0);
      expect(await everythingStored(rt.tables)).not.toContain("very withdrawn");
    } finally {
      await connector.close();
    }
  });

  it("asks for an answer when it is left blank", async () => {
    const rt = await testRuntime();
    const connector = await startConnector();
    try {
      const res = await deliver(rt, executeActivity({ serviceUrl: connector.url, from: demoPerson("Sam Senco") }, VERBS.askSubmit, {
        draftId: "risk-2", yearGroup: "Year 6", primaryNeed: "semh", otherNeeds: "", tried: "", triedFor: "not yet", question: "Low mood and not joining in with friends.", urgency: "routine",
      }));
      expect(cardText((res.jsonBody as InvokeBody).value)).toContain("whether the child may be at risk of harm");
    } finally {
      await connector.close();
    }
  });
});

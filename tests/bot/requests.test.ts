import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Runtime } from "../../app/composition";
import { askSchool } from "../../usecases/triageSteps";
import { RISK_OF_HARM_QUESTION } from "../../cards/requestCards";
import { VERBS } from "../../cards/verbs";
import { startConnector } from "../../devhost/captureConnector";
import { demoPack, demoPerson, executeActivity } from "../support/activities";
import { expectValidCard, findInput, inputValue } from "../support/cards";
import { cardText, deliver, testRuntime } from "../support/runtime";
import { POSSIBLE_SIGN, screenWithPossibleSign } from "../support/screening";
import { everythingStored } from "../support/storage";
import type { AdaptiveCardJson } from "../../cards/card";

type InvokeBody = { statusCode: number; value: unknown };

// The current safeguarding screen may never say "possible", so an injected fake does (see tests/support/screening.ts).
describe("adding information and answering the advisor: screening and the risk-of-harm question (bot + Azurite)", () => {
  let rt: Runtime;
  let connector: Awaited<ReturnType<typeof startConnector>>;
  let reference = "";
  const sam = demoPerson("Sam Senco");
  const ada = demoPerson("Ada Advisor");

  const invoke = async (verb: string, data: Record<string, unknown>) => {
    const res = await deliver(rt, executeActivity({ serviceUrl: connector.url, from: sam }, verb, data));
    expect(res.status).toBe(200);
    return (res.jsonBody as InvokeBody).value as AdaptiveCardJson;
  };
  const events = async () => rt.deps.requests.store.listEvents("wiltshire", reference);

  beforeAll(async () => {
    rt = await testRuntime();
    rt.deps.requests.screenSchoolText = screenWithPossibleSign;
    connector = await startConnector();
    const sent = await invoke(VERBS.requestSubmit, {
      draftId: "screening-draft-1", schoolId: "riverside-primary", yearGroup: "Year 4", primaryNeed: "cognition-learning", otherNeeds: "",
      tried: "Phonics catch-up", triedFor: "a term", question: "Reading is well below peers after a term of phonics catch-up.", urgency: "routine", riskOfHarm: "no",
    });
    reference = /EH-2026-\d{4}/.exec(cardText(sent))?.[0] ?? "";
  });
  afterAll(async () => {
    await connector.close();
  });
  beforeEach(() => {
    connector.sent.length = 0;
  });

  it("asks the risk-of-harm question about a possible sign, keeping the text, and saves nothing yet", async () => {
    const card = await invoke(VERBS.requestAddInfo, { reference, information: POSSIBLE_SIGN });
    expectValidCard(card);
    expect(inputValue(card, "information")).toBe(POSSIBLE_SIGN);
    expect(findInput(card, "riskOfHarm")).toMatchObject({
      type: "Input.ChoiceSet", label: RISK_OF_HARM_QUESTION, style: "expanded", isRequired: true,
      choices: [{ title: "Yes", value: "yes" }, { title: "No", value: "no" }],
    });
    expect((await events()).map((e) => e.kind)).toEqual(["submitted"]);
    expect(await everythingStored(rt.tables)).not.toContain(POSSIBLE_SIGN);
  });

  it("gives the safeguarding route on Yes, and stores nothing but the fact it was shown", async () => {
    const card = await invoke(VERBS.requestAddInfo, { reference, information: POSSIBLE_SIGN, riskOfHarm: "yes" });
    expect(cardText(card)).toContain("This sounds like a safeguarding concern");
    expect((await events()).map((e) => e.kind)).toEqual(["submitted"]);
    expect(await everythingStored(rt.tables)).not.toContain(POSSIBLE_SIGN);
    const audit = await rt.deps.audit.recent("wiltshire", 5, { field: "action", value: "safeguarding-redirect" });
    expect(audit.map((a) => a.detail)).toContain("added information: risk of harm");
  });

  it("saves on No", async () => {
    const card = await invoke(VERBS.requestAddInfo, { reference, information: POSSIBLE_SIGN, riskOfHarm: "no" });
    expect(cardText(card)).toContain("Added. The advisor will see it.");
    expect((await events()).at(-1)).toMatchObject({ kind: "information-added", detail: POSSIBLE_SIGN });
  });

  it("gives information with a pupil identifier back with the explanation and the text to edit", async () => {
    const typed = "Pupil UPN D865200124017 reads at a Year 2 level.";
    const card = await invoke(VERBS.requestAddInfo, { reference, information: typed });
    expect(cardText(card)).toContain("UPN");
    expect(cardText(card)).not.toContain("D865200124017");
    expect(inputValue(card, "information")).toBe(typed);
    expect(await everythingStored(rt.tables)).not.toContain("D865200124017");
  });

  it("brings the answer to the advisor's question back in the same reply card", async () => {
    await askSchool(rt.deps.requests, { person: ada, area: demoPack }, reference, "How long are the sessions?");
    const asked = await invoke(VERBS.requestAddInfo, { reference, information: POSSIBLE_SIGN, from: "answer" });
    expect(cardText(asked)).toContain("How long are the sessions?");
    expect(cardText(asked)).toContain("Send answer");
    expect(findInput(asked, "information")).toMatchObject({ label: "Your answer", value: POSSIBLE_SIGN });
    expect(findInput(asked, "riskOfHarm")?.label).toBe(RISK_OF_HARM_QUESTION);
    const refused = await invoke(VERBS.requestAddInfo, { reference, information: `${POSSIBLE_SIGN} NHS number 943 476 5919`, riskOfHarm: "no", from: "answer" });
    expect(cardText(refused)).toContain("NHS number");
    expect(findInput(refused, "information")?.value).toBe(`${POSSIBLE_SIGN} NHS number 943 476 5919`);
    expect(findInput(refused, "riskOfHarm")?.value).toBe("no"); // their answer stays chosen while they edit
    const answered = await invoke(VERBS.requestAddInfo, { reference, information: "Twenty minutes a day.", from: "answer" });
    expect(cardText(answered)).toContain("Added");
    expect((await events()).at(-1)?.kind).toBe("school-answered");
  });

  it("gives the request form back with the explanation and everything typed", async () => {
    const form = {
      draftId: "screening-draft-2", schoolId: "riverside-primary", yearGroup: "Year 5", primaryNeed: "semh", otherNeeds: "",
      tried: "Check-ins with NHS number 943 476 5919", triedFor: "half a term", question: "Low mood in class; what can we try next?", urgency: "soon", riskOfHarm: "no",
    };
    const card = await invoke(VERBS.requestSubmit, form);
    expect(cardText(card)).toContain("NHS number");
    for (const field of ["tried", "question", "yearGroup", "primaryNeed", "triedFor", "urgency"] as const) expect(inputValue(card, field)).toBe(form[field]);
    expect(await rt.deps.requests.store.listForSchool("wiltshire", "riverside-primary", 10)).toHaveLength(1);
  });
});

describe("'my requests' in pages (bot + Azurite)", () => {
  it("shows the newest ten, and older ones a page at a time with a continuation token", async () => {
    const rt = await testRuntime();
    const connector = await startConnector();
    const sam = demoPerson("Sam Senco");
    const press = async (verb: string, data: Record<string, unknown>) =>
      ((await deliver(rt, executeActivity({ serviceUrl: connector.url, from: sam }, verb, data))).jsonBody as InvokeBody).value as AdaptiveCardJson;
    try {
      const made: string[] = [];
      for (let i = 0; i < 12; i++) {
        const sent = await press(VERBS.requestSubmit, {
          draftId: `paging-${i}`, schoolId: "riverside-primary", yearGroup: "Year 4", primaryNeed: "cognition-learning", otherNeeds: "",
          tried: "Phonics catch-up", triedFor: "a term", question: `Reading is well below peers after a term of phonics catch-up (${i}).`, urgency: "routine", riskOfHarm: "no",
        });
        made.push(/EH-\d{4}-\d{4}/.exec(cardText(sent))?.[0] ?? "");
      }
      const first = await press(VERBS.requestList, {});
      const shown = (card: AdaptiveCardJson) => made.filter((r) => cardText(card).includes(r));
      expect(shown(first)).toHaveLength(10);
      const older = first.actions?.find((a) => a.title === "Show older requests");
      expect(older).toBeDefined();
      const second = await press(VERBS.requestList, older!.data as Record<string, unknown>);
      expect(shown(second).sort()).toEqual(made.filter((r) => !shown(first).includes(r)).sort());
      expect(second.actions?.some((a) => a.title === "Back to the newest")).toBe(true);
      expectValidCard(second);
    } finally {
      await connector.close();
    }
  });
});

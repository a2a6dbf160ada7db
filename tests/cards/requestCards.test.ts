import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AdviceRequest, RequestEvent } from "../../domain/adviceRequest";
import { describeTried, myRequestsCard, requestDetailCard, requestSentCard, requestUpdateCard, RISK_OF_HARM_QUESTION, ukDateTime } from "../../cards/requestCards";
import { cardTexts, expectTypedTextPlain, expectValidCard, findInput, textRunWith } from "../support/cards";
import { EVIL_LINK, typed, typedMarker } from "../support/typedText";

const request: AdviceRequest = {
  areaId: "wiltshire",
  reference: "EH-2026-0042",
  schoolId: "riverside-primary",
  localityId: "north",
  phase: "primary",
  yearGroup: "Year 4",
  primaryNeed: "cognition-learning",
  otherNeeds: ["semh"],
  tried: "Phonics catch-up",
  triedFor: "a term",
  question: "What next for reading?",
  urgency: "routine",
  sencoAadObjectId: "s",
  sencoName: "Sam Senco",
  status: "assigned",
  assignedToAadObjectId: "a",
  assignedToName: "Ada Advisor",
  createdAt: "2026-11-24T10:00:00.000Z",
  updatedAt: "2026-11-24T11:00:00.000Z",
  firstResponseAt: "2026-11-24T11:00:00.000Z",
  firstResponseDueAt: "2026-11-27T10:00:00.000Z",
  pausedIntervals: [],
  pausedSince: undefined,
  suggestedAdvisorAadObjectId: "a",
  suggestedAdvisorName: "Ada Advisor",
  referredTo: undefined,
  outcome: undefined,
  triagePost: undefined,
  alerts: {},
  lastUpdate: "Ada Advisor is looking at this request",
  eventCount: 2,
};
const event: RequestEvent = { sequence: 1, kind: "claimed", at: "2026-11-24T11:00:00.000Z", actorAadObjectId: "a", actorName: "Ada Advisor", actorRole: "advisor", summary: "Ada Advisor is looking at this request", detail: undefined, statusAfter: "assigned" };

describe("request cards", () => {
  it.each([
    ["sent", requestSentCard(request, "Riverside")],
    ["my requests", myRequestsCard([request, { ...request, reference: "EH-2026-0043", status: "withdrawn" }], () => "Riverside")],
    ["my requests, empty", myRequestsCard([], () => "")],
    ["detail for the SENCO", requestDetailCard({ request, events: [event], schoolName: "Riverside", canChange: true, notice: "Added." })],
    ["detail read-only", requestDetailCard({ request: { ...request, status: "closed" }, events: [event], schoolName: "Riverside", canChange: false })],
    ["update", requestUpdateCard(request, event)],
    ["detail asking about harm", requestDetailCard({ request, events: [event], schoolName: "Riverside", canChange: true, notice: "Please answer.", form: { information: "typed", riskOfHarm: "ask" } })],
    ["answer asking about harm", requestUpdateCard({ ...request, status: "awaiting-school" }, { ...event, kind: "asked-school", detail: "How long?" }, { information: "typed", riskOfHarm: "no", notice: "Please check." })],
  ])("%s parses cleanly", (_n, card) => {
    expectValidCard(card);
  });

  it("keeps what was typed and asks the risk-of-harm question as labelled, required radio buttons", () => {
    const card = requestDetailCard({ request, events: [event], schoolName: "Riverside", canChange: true, form: { information: "What I typed", riskOfHarm: "ask" } });
    expect(findInput(card, "information")?.value).toBe("What I typed");
    expect(findInput(card, "riskOfHarm")).toMatchObject({ label: RISK_OF_HARM_QUESTION, style: "expanded", isRequired: true });
    expect(findInput(card, "riskOfHarm")?.value).toBeUndefined();
    expect(findInput(requestDetailCard({ request, events: [event], schoolName: "Riverside", canChange: true }), "riskOfHarm")).toBeUndefined();
    const answer = requestUpdateCard({ ...request, status: "awaiting-school" }, { ...event, kind: "asked-school" }, { information: "Answer" });
    expect(findInput(answer, "information")).toMatchObject({ label: "Your answer", value: "Answer", isRequired: true });
    expect((answer.actions ?? []).find((a) => a.title === "Send answer")?.data).toMatchObject({ from: "answer" });
  });

  it("does not claim nothing was tried when it simply was not described", () => {
    expect(describeTried({ tried: "", triedFor: "half a term" })).toBe("Not described (for half a term)");
    expect(describeTried({ tried: "", triedFor: "not yet" })).toBe("Nothing yet");
    expect(describeTried({ tried: "Phonics", triedFor: "a term" })).toBe("Phonics (for a term)");
  });

  it("shows times in UK time", () => {
    expect(ukDateTime("2026-07-01T09:00:00Z")).toContain("10:00");
    expect(ukDateTime("2026-12-01T09:00:00Z")).toContain("09:00");
  });
});

describe("typed text on request cards", () => {
  const typedFields = { question: typed("question"), tried: typed("tried"), added: typed("added"), asked: typed("asked"), advice: typed("advice"), notice: typed("notice"), information: typed("information") };
  const markers = Object.keys(typedFields).map(typedMarker);

  it("is shown exactly as typed, never as Markdown, and every card still parses", () => {
    fc.assert(
      fc.property(fc.record(typedFields), (t) => {
        const r: AdviceRequest = { ...request, question: t.question, tried: t.tried };
        const added: RequestEvent = { ...event, kind: "information-added", actorRole: "senco", actorName: "Sam Senco", summary: "The school added information", detail: t.added };
        const asked: RequestEvent = { ...event, kind: "asked-school", summary: "Ada Advisor asked the school for more information", detail: t.asked };
        const advised: RequestEvent = { ...event, kind: "advised", summary: "Ada Advisor sent advice", detail: t.advice };
        const detail = requestDetailCard({ request: r, events: [event, added, asked, advised], schoolName: "Riverside", canChange: true, notice: t.notice, form: { information: t.information, riskOfHarm: "ask" } });
        const asking = requestUpdateCard({ ...r, status: "awaiting-school" }, asked, { information: t.information, notice: t.notice });
        const advice = requestUpdateCard({ ...r, status: "advised" }, advised);
        for (const card of [detail, asking, advice, requestUpdateCard(r, added), myRequestsCard([r], () => "Riverside"), requestSentCard(r, "Riverside")]) {
          expectValidCard(card);
          expectTypedTextPlain(card, markers);
        }
        expectTypedTextPlain(detail, [], [t.question, t.tried, t.added, t.asked, t.advice, t.notice, t.information]);
        expectTypedTextPlain(asking, [], [t.asked, t.notice, t.information]);
        expectTypedTextPlain(advice, [], [t.advice]);
      }),
      { numRuns: 60 },
    );
  });

  it("shows a typed link on the request's detail card as text in a TextRun, with no facts holding typed text", () => {
    const card = requestDetailCard({ request: { ...request, question: `Help ${EVIL_LINK}`, tried: EVIL_LINK }, events: [{ ...event, detail: `See ${EVIL_LINK}` }], schoolName: "Riverside", canChange: true });
    expect(textRunWith(card, `Help ${EVIL_LINK}`)).toMatchObject({ type: "TextRun", text: `Help ${EVIL_LINK}` });
    expect(textRunWith(card, `${EVIL_LINK} (for a term)`)).toBeDefined();
    expect(textRunWith(card, `See ${EVIL_LINK}`)).toBeDefined();
    expect(cardTexts(card).formatted.join("\n")).not.toContain("evil.example");
  });

  it("shows the advisor's typed question on the SENCO's update card as text in a TextRun", () => {
    const asked: RequestEvent = { ...event, kind: "asked-school", detail: `Which book? ${EVIL_LINK}` };
    const card = requestUpdateCard({ ...request, status: "awaiting-school" }, asked);
    expect(textRunWith(card, `Which book? ${EVIL_LINK}`)).toMatchObject({ weight: "Bolder" });
    expect(cardTexts(card).formatted.join("\n")).not.toContain("evil.example");
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AdviceRequest, RequestEvent } from "../../domain/adviceRequest";
import { queueCard, reportCard, slaReminderCard, triageCard } from "../../cards/triageCards";
import { cardBytes } from "../../cards/card";
import { VERBS } from "../../cards/verbs";
import { cardTexts, expectTypedTextPlain, expectValidCard, findInput, textRunWith } from "../support/cards";
import { EVIL_LINK, typed, typedMarker } from "../support/typedText";

const base: AdviceRequest = {
  areaId: "wiltshire", reference: "EH-2026-0042", schoolId: "riverside-primary", localityId: "north", phase: "primary", yearGroup: "Year 4",
  primaryNeed: "cognition-learning", otherNeeds: ["semh"], tried: "Phonics catch-up", triedFor: "a term", question: "What next for reading?",
  urgency: "urgent", sencoAadObjectId: "s", sencoName: "Sam Senco", status: "submitted", assignedToAadObjectId: undefined, assignedToName: undefined,
  createdAt: "2026-11-24T10:00:00.000Z", updatedAt: "2026-11-24T10:00:00.000Z", firstResponseAt: undefined, firstResponseDueAt: "2026-11-25T10:00:00.000Z",
  pausedIntervals: [], pausedSince: undefined, suggestedAdvisorAadObjectId: "a", suggestedAdvisorName: "Ada Advisor", referredTo: undefined, outcome: undefined,
  triagePost: undefined, alerts: {}, lastUpdate: "Request sent", eventCount: 1,
};
const event = (n: number): RequestEvent => ({ sequence: n, kind: "information-added", at: "2026-11-24T10:00:00.000Z", actorAadObjectId: "s", actorName: "Sam", actorRole: "senco", summary: "The school added information", detail: "d".repeat(1900), statusAfter: "assigned" });
const options = (request: AdviceRequest) => ({
  request, events: [event(0)], schoolName: "Riverside", localityName: "North", advisors: [{ aadObjectId: "a", name: "Ada" }], refreshUserIds: ["a"], now: new Date("2026-11-24T12:00:00Z"),
});

describe("triage cards", () => {
  it.each(["submitted", "assigned", "awaiting-school", "advised", "referred", "closed", "withdrawn"] as const)("the card for a %s request parses cleanly", (status) => {
    expectValidCard(triageCard(options({ ...base, status, outcome: status === "closed" ? "advice-given" : undefined, referredTo: status === "referred" ? "health" : undefined })));
  });

  it("offers claim only while unclaimed, and reopen only once finished", () => {
    const titles = (status: AdviceRequest["status"]) => (triageCard(options({ ...base, status })).actions ?? []).map((a) => a.title);
    expect(titles("submitted")).toContain("Claim");
    expect(titles("assigned")).not.toContain("Claim");
    expect(titles("closed")).toEqual(["Reopen"]);
  });

  it("refreshes for the area's staff so everyone sees the latest state", () => {
    expect(triageCard(options(base)).refresh?.userIds).toEqual(["a"]);
  });

  it("puts refused text back in the form it was typed in, with the reason beside it, and drops the refresh that would wipe it", () => {
    const card = triageCard({ ...options({ ...base, status: "assigned" }), notice: "Your message seems to include an NHS number (9** 4** 5***).", draft: { verb: VERBS.triageRefer, text: "Typed note", destination: "health" } });
    expectValidCard(card);
    const refer = (card.actions ?? []).find((a) => a.title === "Refer on")?.card;
    expect(findInput(refer, "text")?.value).toBe("Typed note");
    expect(findInput(refer, "destination")?.value).toBe("health");
    expect(JSON.stringify(refer)).toContain("NHS number");
    expect(findInput((card.actions ?? []).find((a) => a.title === "Send advice")?.card, "text")?.value).toBeUndefined();
    expect(card.refresh).toBeUndefined();
  });

  it("marks overdue first responses and urgency", () => {
    const text = JSON.stringify(triageCard({ ...options(base), now: new Date("2026-11-26T10:00:00Z") }));
    expect(text).toContain("OVERDUE");
    expect(text).toContain("(URGENT)");
  });

  it("stays under the Teams size limit with a long history", () => {
    const card = triageCard({ ...options(base), events: Array.from({ length: 40 }, (_, i) => event(i)) });
    expect(cardBytes(card)).toBeLessThan(28_000);
  });

  it("pages a long queue: fifteen a page, a Next page button while more remain, every page a valid card", () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ ...base, reference: `EH-2026-${String(i + 1).padStart(4, "0")}` }));
    const view = { unclaimed: many, overdue: [], awaitingSchool: 0, byLocality: [] };
    const pages = [0, 1, 2].map((p) => queueCard(view, new Date(), p));
    const shown = pages.map((c) => many.filter((r) => JSON.stringify(c.body).includes(r.reference)).length);
    expect(shown).toEqual([15, 15, 10]);
    expect(pages.map((c) => c.actions?.some((a) => a.title === "Next page"))).toEqual([true, true, false]);
    pages.forEach(expectValidCard);
  });

  it.each([
    ["queue", queueCard({ unclaimed: [base], overdue: [base], awaitingSchool: 2, byLocality: [{ name: "North", open: 3, unclaimed: 1 }] }, new Date())],
    ["report", reportCard({ periodLabel: "the last 30 days", total: 3, byNeed: [["Cognition and learning", 3]], byLocality: [["North", 3]], byOutcome: [], medianFirstResponseWorkingDays: 1.5, respondedWithinTarget: 2, responded: 3 })],
    ["reminder", slaReminderCard(base, "overdue", "Riverside")],
  ])("%s parses cleanly", (_n, card) => {
    expectValidCard(card);
  });
});

describe("typed text on triage cards", () => {
  const typedFields = { question: typed("question"), tried: typed("tried"), added: typed("added"), answer: typed("answer"), asked: typed("asked"), advice: typed("advice"), referral: typed("referral"), closing: typed("closing"), notice: typed("notice"), draft: typed("draft") };
  const markers = Object.keys(typedFields).map(typedMarker);
  const verbs = [VERBS.triageAskSchool, VERBS.triageAdvise, VERBS.triageRefer, VERBS.triageClose];

  it("is shown exactly as typed, never as Markdown, in the channel card, queue and reminders", () => {
    fc.assert(
      fc.property(fc.record(typedFields), fc.constantFrom(...verbs), fc.constantFrom("submitted", "assigned", "awaiting-school", "advised", "referred", "closed") as fc.Arbitrary<AdviceRequest["status"]>, (t, verb, status) => {
        const r: AdviceRequest = { ...base, status, question: t.question, tried: t.tried };
        const line = (n: number, kind: RequestEvent["kind"], detail: string, actorRole: RequestEvent["actorRole"] = "advisor"): RequestEvent => ({ ...event(n), kind, detail, actorRole });
        const events = [line(0, "information-added", t.added, "senco"), line(1, "asked-school", t.asked), line(2, "school-answered", t.answer, "senco"), line(3, "advised", t.advice), line(4, "referred", t.referral), line(5, "closed", t.closing)];
        const card = triageCard({ ...options(r), events, notice: t.notice, draft: { verb, text: t.draft } });
        for (const c of [card, triageCard({ ...options(r), events }), queueCard({ unclaimed: [r], overdue: [r], awaitingSchool: 1, byLocality: [] }, new Date()), slaReminderCard(r, "dueSoon", "Riverside")]) {
          expectValidCard(c);
          expectTypedTextPlain(c, markers);
        }
        expectTypedTextPlain(card, [], [t.question, t.tried, t.added, t.asked, t.answer, t.advice, t.referral, t.closing, t.notice]);
        // The refused text goes back into its own form, as the box's value.
        const open = status === "submitted" || status === "assigned" || status === "awaiting-school";
        if (open || (verb === VERBS.triageClose && status !== "closed")) expectTypedTextPlain(card, [], [t.draft]);
      }),
      { numRuns: 60 },
    );
  });

  it("shows a typed link in the question, what was tried and the history as text in TextRuns, not in the facts", () => {
    const card = triageCard({ ...options({ ...base, question: `Reading ${EVIL_LINK}`, tried: `**Phonics** ${EVIL_LINK}` }), events: [{ ...event(0), detail: `- ${EVIL_LINK}` }] });
    expect(textRunWith(card, `Reading ${EVIL_LINK}`)).toMatchObject({ type: "TextRun" });
    expect(textRunWith(card, `**Phonics** ${EVIL_LINK} (for a term)`)).toBeDefined();
    expect(textRunWith(card, `"- ${EVIL_LINK}"`)).toBeDefined();
    expect(cardTexts(card).formatted.join("\n")).not.toContain("evil.example");
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { adviceAnswerCard, askPromptCard, feedbackThanksCard, possibleSafeguardingCard, pupilDataRefusalCard, requestFormCard, safeguardingCard, type AdviceItem } from "../../cards/adviceCards";
import { cardBytes } from "../../cards/card";
import { cardTexts, expectTypedTextPlain, expectValidCard, inputValue, textRunWith } from "../support/cards";
import { EVIL_LINK, typed, typedMarker } from "../support/typedText";

const item = (n: number): AdviceItem => ({
  articleId: `a-${n}`,
  title: `Reading difficulties ${n}`,
  summary: "What helps when reading lags behind.",
  strategies: ["Daily short phonics practice.", "Pre-teach key words.", "Use decodable books.", "Review after six weeks."],
  basis: "Wiltshire OAPL",
});

describe("advice line cards", () => {
  it.each([
    ["advice with three items", adviceAnswerCard([item(1), item(2), item(3)], { question: "reading" }, "fb", true)],
    ["advice with none", adviceAnswerCard([], { question: "zzz" }, "fb", true)],
    ["advice for a non-SENCO", adviceAnswerCard([item(1)], { question: "reading" }, "fb", false)],
    ["feedback thanks", feedbackThanksCard([item(1)], { question: "reading" }, false, true)],
    ["ask form, one school", requestFormCard({ mode: "ask", schools: [{ id: "s", name: "School" }], prefill: { question: "" }, draftId: "d" })],
    ["request form, two schools, error", requestFormCard({ mode: "request", schools: [{ id: "s", name: "S" }, { id: "t", name: "T" }], prefill: { question: "q", yearGroup: "Year 4", otherNeeds: ["semh"] }, draftId: "d", error: "Please check: year group." })],
    ["safeguarding", safeguardingCard({ frontDoorName: "Front door", frontDoorPhone: "0300", frontDoorHours: "9 to 5", outOfHoursName: "EDS", outOfHoursPhone: "0301" })],
    ["pupil data refusal", pupilDataRefusalCard({ found: "It looks like a UPN (A••••)." })],
    ["ask prompt", askPromptCard()],
  ])("%s parses cleanly", (_n, card) => {
    expectValidCard(card);
  });

  it("keeps a full advice card well under the Teams size limit", () => {
    const long = { ...item(1), strategies: Array.from({ length: 12 }, () => "x".repeat(480)), summary: "y".repeat(590) };
    const card = adviceAnswerCard([long, long, long], { question: "q".repeat(2000) }, "fb", true);
    expect(cardBytes(card)).toBeLessThan(28_000);
  });

  it("puts 999 and the front door on the safeguarding card", () => {
    const text = JSON.stringify(safeguardingCard({ frontDoorName: "Integrated Front Door", frontDoorPhone: "0300 456 0108", frontDoorHours: undefined, outOfHoursName: undefined, outOfHoursPhone: undefined }));
    expect(text).toContain("999");
    expect(text).toContain("0300 456 0108");
  });
});

describe("typed text on advice line cards", () => {
  const typedFields = { question: typed("question"), tried: typed("tried"), error: typed("error"), found: typed("found") };
  const markers = Object.keys(typedFields).map(typedMarker);
  const school = [{ id: "s", name: "Riverside" }];

  it("is shown exactly as typed, never as Markdown: in the form's boxes, the refusal and the error, and nowhere else", () => {
    fc.assert(
      fc.property(fc.record(typedFields), fc.boolean(), (t, canAsk) => {
        const context = { question: t.question, tried: t.tried };
        const form = requestFormCard({ mode: canAsk ? "request" : "ask", schools: school, prefill: context, draftId: "d", error: t.error });
        const refusal = pupilDataRefusalCard({ found: t.found });
        const cards = [form, refusal, adviceAnswerCard([item(1)], context, "fb", canAsk), adviceAnswerCard([], context, "fb", canAsk), feedbackThanksCard([item(1)], context, true, canAsk), possibleSafeguardingCard("Your message mentions going missing.", context)];
        for (const card of cards) {
          expectValidCard(card);
          expectTypedTextPlain(card, markers);
        }
        expectTypedTextPlain(form, [], [t.error]);
        expect(inputValue(form, "question")).toBe(t.question);
        expect(inputValue(form, "tried")).toBe(t.tried);
        expectTypedTextPlain(refusal, [], [t.found]);
      }),
      { numRuns: 60 },
    );
  });

  it("shows what was found (masked from what was typed) and the form's error as text in TextRuns", () => {
    const refusal = pupilDataRefusalCard({ found: `It looks like a name (S** J****) ${EVIL_LINK}.` });
    const form = requestFormCard({ mode: "ask", schools: school, prefill: { question: EVIL_LINK }, draftId: "d", error: `Please remove ${EVIL_LINK}` });
    expect(textRunWith(refusal, `It looks like a name (S** J****) ${EVIL_LINK}.`)).toBeDefined();
    expect(textRunWith(form, `Please remove ${EVIL_LINK}`)).toMatchObject({ color: "Attention", weight: "Bolder" });
    for (const card of [refusal, form]) expect(cardTexts(card).formatted.join("\n")).not.toContain("evil.example");
  });
});

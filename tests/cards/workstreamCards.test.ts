import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildBoardReport } from "../../domain/boardReport";
import type { WorkstreamAction } from "../../domain/workstreams";
import { actionCard, actionEditCard, actionHistoryCard, actionReminderCard, boardReportCard, weeklyDigestCard } from "../../cards/workstreamCards";
import { demoPack } from "../support/activities";
import { cardTexts, expectTypedTextPlain, expectValidCard, inputValue, textRunWith } from "../support/cards";
import { EVIL_LINK, typed, typedMarker } from "../support/typedText";

const action: WorkstreamAction = {
  areaId: "wiltshire", priorityId: "right-support-right-time", workstreamId: "right-support-right-time", id: "advice-line", title: "Run the advice line",
  description: "", leadIds: ["x"], leadNames: [], dueDate: "2026-11-01", proposedDueDate: "2027-01-31", status: "in-progress", rag: "amber", ragReason: "Staffing",
  measure: "Requests answered on time", expectedChange: "To increase", progressNote: "Cover arranged", evidenceLinks: ["https://example.org/evidence"],
  updatedAt: "2026-11-24T09:00:00.000Z", updatedByName: "Leo Lead", version: 2, cardPost: undefined,
};
const context = { priorityTitle: "Right support", workstreamTitle: "Right support", leadNames: ["Leo Lead"], editorIds: ["a", "b"], today: "2026-11-24" };

describe("workstream cards", () => {
  it.each([
    ["action", actionCard(action, context)],
    ["action with notice", actionCard(action, context, "Saved.")],
    ["edit", actionEditCard(action, context, "Please check: reason.", { rag: "red" })],
    ["edit refused for pupil data", actionEditCard(action, context, "Not saved.", { progressNote: "typed" }, { explanation: "Your message seems to include a UPN.", fields: ["progressNote"] })],
    ["history", actionHistoryCard(action, [{ sequence: 0, at: "2026-11-24T09:00:00Z", byAadObjectId: "x", byName: "Leo", summary: "RAG Green → Amber", changes: [], note: "n" }])],
    ["history, empty", actionHistoryCard(action, [])],
    ["reminder", actionReminderCard([{ action, reason: "past its due date" }])],
    ["digest", weeklyDigestCard("Right support", [{ title: "t", summary: "s", by: "b", at: "2026-11-24T09:00:00Z" }], [action])],
    ["board", boardReportCard(buildBoardReport(demoPack, [action], [], new Date("2026-11-24T09:00:00Z"), "2026-11-24"), { html: "https://x.example/h", markdown: "https://x.example/m" })],
  ])("%s parses cleanly", (_n, card) => {
    expectValidCard(card);
  });

  it("refreshes for editors only, and marks overdue actions", () => {
    const card = actionCard(action, context);
    expect(card.refresh?.userIds).toEqual(["a", "b"]);
    expect(JSON.stringify(card)).toContain("OVERDUE");
  });

  it("names a priority and its same-named workstream once", () => {
    expect(JSON.stringify(actionCard(action, context))).not.toContain("Right support · Right support");
    expect(JSON.stringify(actionCard(action, { ...context, workstreamTitle: "Early identification" }))).toContain("Right support · Early identification");
  });

  it("shows why an update was refused by the form, marks the field and keeps what was typed", () => {
    const card = actionEditCard(action, context, "Not saved.", { ragReason: "typed reason", progressNote: "typed note" }, { explanation: "Your message seems to include a UPN.", fields: ["progressNote"] });
    const texts = card.body.filter((e) => e.type === "TextBlock").map((e) => e.text);
    expect(textRunWith(card, "Your message seems to include a UPN.")).toMatchObject({ color: "Attention", weight: "Bolder" });
    expect(texts.filter((t) => t === "Remove the pupil's details from this field.")).toHaveLength(1);
    const ids = card.body.map((e) => e.id ?? e.text);
    expect(ids.indexOf("Remove the pupil's details from this field.")).toBe(ids.indexOf("progressNote") + 1);
    expect(inputValue(card, "ragReason")).toBe("typed reason");
    expect(inputValue(card, "progressNote")).toBe("typed note");
  });

  it("carries the version the edit form was opened on", () => {
    const save = actionEditCard(action, context).actions?.find((a) => a.title === "Save update");
    expect((save?.data as { version: number }).version).toBe(2);
  });
});

describe("typed text on workstream cards", () => {
  const typedFields = { ragReason: typed("ragReason"), progressNote: typed("progressNote"), evidence: typed("evidence"), note: typed("note"), notice: typed("notice"), explanation: typed("explanation"), enteredReason: typed("enteredReason"), enteredNote: typed("enteredNote") };
  const markers = Object.keys(typedFields).map(typedMarker);
  const now = new Date("2026-11-24T09:00:00Z");

  it("is shown exactly as typed, never as Markdown, on the action, its edit form, history and the board report", () => {
    fc.assert(
      fc.property(fc.record(typedFields), fc.constantFrom("amber", "red") as fc.Arbitrary<WorkstreamAction["rag"]>, (t, rag) => {
        const a: WorkstreamAction = { ...action, rag, ragReason: t.ragReason, progressNote: t.progressNote, evidenceLinks: [t.evidence, "https://example.org/evidence"] };
        const update = { sequence: 0, at: "2026-11-24T09:00:00Z", byAadObjectId: "x", byName: "Leo", summary: "RAG reason", changes: [], note: t.note };
        const view = actionCard(a, context, t.notice);
        const edit = actionEditCard(a, context, t.notice, { ragReason: t.enteredReason, progressNote: t.enteredNote }, { explanation: t.explanation, fields: ["progressNote"] });
        const history = actionHistoryCard(a, [update]);
        const board = boardReportCard(buildBoardReport(demoPack, [a], [{ ...update, actionId: a.id }], now, "2026-11-24"), undefined);
        const others = [actionReminderCard([{ action: a, reason: "no update for 30 days" }]), weeklyDigestCard("Right support", [{ title: a.title, summary: update.summary, by: "Leo", at: update.at }], [a])];
        for (const card of [view, edit, history, board, ...others]) {
          expectValidCard(card);
          expectTypedTextPlain(card, markers);
        }
        expectTypedTextPlain(view, [], [t.ragReason, t.progressNote, t.evidence, t.notice]);
        expectTypedTextPlain(edit, [], [t.ragReason, t.progressNote, t.evidence, t.notice, t.explanation, t.enteredReason, t.enteredNote]);
        expectTypedTextPlain(history, [], [t.note]);
        expectTypedTextPlain(board, [], [t.ragReason]);
      }),
      { numRuns: 60 },
    );
  });

  it("shows a typed link in the RAG reason and progress note as text in TextRuns, the rating named in words", () => {
    const card = actionCard({ ...action, ragReason: `Staffing ${EVIL_LINK}`, progressNote: `1. Cover ${EVIL_LINK}` }, context);
    expect(card.body).toContainEqual({ type: "RichTextBlock", inlines: [{ type: "TextRun", text: "Amber: ", color: "Warning", weight: "Bolder" }, { type: "TextRun", text: `Staffing ${EVIL_LINK}`, color: "Warning" }] });
    expect(textRunWith(card, `1. Cover ${EVIL_LINK}`)).toBeDefined();
    expect(cardTexts(card).formatted.join("\n")).not.toContain("evil.example");
  });

  it("opens a typed web address as evidence from the address itself, and nothing else", () => {
    const card = actionCard({ ...action, evidenceLinks: ["https://example.org/a", "javascript:alert(1)", `https://example.org/b)${EVIL_LINK}`] }, context);
    expect(textRunWith(card, "https://example.org/a")).toMatchObject({ text: "https://example.org/a", selectAction: { type: "Action.OpenUrl", url: "https://example.org/a" } });
    expect(textRunWith(card, "javascript:alert(1)")?.selectAction).toBeUndefined();
    expect(textRunWith(card, EVIL_LINK)).toMatchObject({ text: `https://example.org/b)${EVIL_LINK}`, selectAction: { url: `https://example.org/b)${EVIL_LINK}` } });
    expectValidCard(card);
  });

  it("shows a typed link in the edit form's explanation, the history and the board report as text in TextRuns", () => {
    const edit = actionEditCard(action, context, undefined, {}, { explanation: `Found S** J**** ${EVIL_LINK}`, fields: ["progressNote"] });
    const history = actionHistoryCard(action, [{ sequence: 0, at: "2026-11-24T09:00:00Z", byAadObjectId: "x", byName: "Leo", summary: "Progress note", changes: [], note: `**Done** ${EVIL_LINK}` }]);
    const board = boardReportCard(buildBoardReport(demoPack, [{ ...action, ragReason: `Staff ${EVIL_LINK}` }], [], new Date("2026-11-24T09:00:00Z"), "2026-11-24"), undefined);
    expect(textRunWith(edit, `Found S** J**** ${EVIL_LINK}`)).toBeDefined();
    expect(textRunWith(history, `**Done** ${EVIL_LINK}`)).toBeDefined();
    expect(textRunWith(board, `Staff ${EVIL_LINK}`)).toBeDefined();
    for (const card of [edit, history, board]) expect(cardTexts(card).formatted.join("\n")).not.toContain("evil.example");
  });
});

import { describe, expect, it } from "vitest";
import { buildBoardReport } from "../../domain/boardReport";
import type { WorkstreamAction } from "../../domain/workstreams";
import { actionCard, actionEditCard, actionHistoryCard, actionReminderCard, boardReportCard, weeklyDigestCard } from "../../cards/workstreamCards";
import { demoPack } from "../support/activities";
import { expectValidCard, inputValue } from "../support/cards";

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
    expect(texts).toContain("Your message seems to include a UPN.");
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

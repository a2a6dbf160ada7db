import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadAreaPacks } from "../../app/areaPacks";
import { readPlanCsv } from "../../app/plans";
import { boardReportHtml, boardReportMarkdown, buildBoardReport, effectiveRag, rollUp } from "../../domain/boardReport";
import { actionsFromPlan, slugify } from "../../domain/planImport";
import { importPlan } from "../../domain/workstreamOps";
import { updateAction } from "../../usecases/workstreamSteps";
import { RecordingDispatcher } from "../support/requests";
import { ActionUpdateInput, applyActionUpdate, canEditWorkstream, PupilDataInActionUpdate, screenActionUpdate, type WorkstreamAction } from "../../domain/workstreams";
import { ActionRepository } from "../../storage/actionRepository";
import { TABLES } from "../../storage/tables";
import { demoPack, demoPerson } from "../support/activities";
import { freshTableStore } from "../support/storage";

const now = new Date("2026-11-24T09:00:00Z");
const wiltshirePlan = () => actionsFromPlan(demoPack, readPlanCsv(readFileSync("areas/wiltshire/plan.csv", "utf8"), "wiltshire"), now);
const warwickshire = loadAreaPacks("areas").find((p) => p.id === "warwickshire")!;

describe("workstream rules", () => {
  it("needs a reason for Amber or Red", () => {
    expect(ActionUpdateInput.safeParse({ status: "in-progress", rag: "amber" }).success).toBe(false);
    expect(ActionUpdateInput.safeParse({ status: "in-progress", rag: "amber", ragReason: "Recruitment delayed" }).success).toBe(true);
    expect(ActionUpdateInput.safeParse({ status: "in-progress", rag: "green", evidenceLink: "not a link" }).success).toBe(false);
  });

  it("lets only the workstream's leads and the programme office edit", () => {
    expect(canEditWorkstream(demoPerson("Leo Lead"), "right-support-right-time")).toBe(true);
    expect(canEditWorkstream(demoPerson("Leo Lead"), "preparation-for-adulthood")).toBe(false);
    expect(canEditWorkstream(demoPerson("Pat Programme"), "preparation-for-adulthood")).toBe(true);
    expect(canEditWorkstream(demoPerson("Ada Advisor"), "right-support-right-time")).toBe(false);
  });

  it("logs what changed", () => {
    const [advice] = wiltshirePlan();
    const { action, update } = applyActionUpdate(advice!, ActionUpdateInput.parse({ status: "in-progress", rag: "amber", ragReason: "Two advisors off sick", progressNote: "Cover arranged" }), demoPerson("Leo Lead"), now);
    expect(action).toMatchObject({ rag: "amber", ragReason: "Two advisors off sick", progressNote: "Cover arranged", version: 1, updatedByName: "Leo Lead" });
    expect(update.summary).toContain("RAG Green → Amber");
    expect(update.note).toBe("Cover arranged");
  });

  it("rolls up by the documented rule", () => {
    expect(rollUp([])).toBeUndefined();
    expect(rollUp(["green", "green"])).toBe("green");
    expect(rollUp(["green", "amber"])).toBe("amber");
    expect(rollUp(["amber", "red"])).toBe("red");
    const overdue = { status: "in-progress", rag: "green", dueDate: "2026-11-01" } as WorkstreamAction;
    expect(effectiveRag(overdue, "2026-11-24")).toBe("amber");
    expect(effectiveRag({ ...overdue, status: "complete", rag: "red" }, "2026-11-24")).toBe("green");
  });

  it("matches a hand-computed roll-up for the seeded Wiltshire plan", () => {
    const report = buildBoardReport(demoPack, wiltshirePlan(), [], now, "2026-11-24");
    const rag = Object.fromEntries(report.priorities.map((p) => [p.id, p.rag]));
    // right-support: advice line Green, PINS Green, special school places Amber -> Amber.
    // support-skills-practice: networks Green, autism pathway Green -> Green.
    // communication: portal Green (due 31/12/2026, not yet) -> Green.
    // preparation-for-adulthood: delivery plans Amber -> Amber.
    // voice-of-child and financial-assurance: no actions -> not rated.
    expect(rag).toEqual({
      "voice-of-child-and-family": undefined,
      "support-skills-practice": "green",
      "right-support-right-time": "amber",
      "preparation-for-adulthood": "amber",
      "financial-assurance": undefined,
      "communication-processes-culture": "green",
    });
    expect(report.priorities.find((p) => p.id === "right-support-right-time")?.atRisk.map((a) => a.id)).toEqual(["special-school-places"]);
    // On 1 Dec 2026 the delivery plans (due 30 Nov) are overdue too.
    const later = buildBoardReport(demoPack, wiltshirePlan(), [], new Date("2026-12-01T09:00:00Z"), "2026-12-01");
    expect(later.priorities.find((p) => p.id === "preparation-for-adulthood")?.overdue.map((a) => a.id)).toEqual(["pfa-delivery-plans"]);
    expect(later.since).toBeUndefined(); // no board has met yet
    expect(buildBoardReport(demoPack, wiltshirePlan(), [], new Date("2027-01-05T09:00:00Z"), "2027-01-05").since).toBe("2026-12-10");
    expect(boardReportMarkdown(report)).toContain("| Right support at the right time | Amber | 3 | 0 | 1 |");
    expect(boardReportHtml({ ...report, areaName: "<script>x</script>" })).not.toContain("<script>x");
  });

  it("makes stable ids from titles", () => {
    expect(slugify("Promoting Inclusion")).toBe("promoting-inclusion");
    expect(slugify("  Health & Social Care! ")).toBe("health-social-care");
  });
});

describe("pupil identifiers in a lead's update", () => {
  const update = (fields: Partial<Record<"ragReason" | "progressNote" | "evidenceLink", string>>) => ActionUpdateInput.parse({ status: "in-progress", rag: "amber", ragReason: "Staffing", ...fields });
  const refusal = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      return err as PupilDataInActionUpdate;
    }
    throw new Error("expected a refusal");
  };

  it("refuses an identifier in any free-text field, naming the field and masking the identifier", () => {
    const upn = refusal(() => screenActionUpdate(update({ ragReason: "Pupil UPN D865200124017 has no place" })));
    expect(upn).toBeInstanceOf(PupilDataInActionUpdate);
    expect(upn.fields).toEqual(["ragReason"]);
    expect(upn.explanation).toContain("UPN");
    expect(upn.explanation).not.toContain("D865200124017");
    expect(refusal(() => screenActionUpdate(update({ progressNote: "NHS number 943 476 5919 assessed" }))).fields).toEqual(["progressNote"]);
    expect(refusal(() => screenActionUpdate(update({ evidenceLink: "https://example.org/pupils/D865200124017" }))).fields).toEqual(["evidenceLink"]);
  });

  it("lets ordinary updates through, safeguarding words included", () => {
    expect(() => screenActionUpdate(update({ progressNote: "DSL training for all SENCOs on spotting neglect and abuse", evidenceLink: "https://example.org/report-2026" }))).not.toThrow();
  });

  it("stores nothing from a refused update: the action and its log are unchanged (Azurite)", async () => {
    const store = new ActionRepository((await freshTableStore()).client(TABLES.actions));
    await importPlan(store, wiltshirePlan(), now);
    const before = (await store.get("wiltshire", "right-support-right-time", "advice-line"))!.action;
    await expect(updateAction({ actions: store, effects: new RecordingDispatcher(), now: () => now }, demoPack, demoPerson("Leo Lead"), before.workstreamId, before.id, update({ ragReason: "Pupil UPN D865200124017" }), before.version)).rejects.toThrow(PupilDataInActionUpdate);
    expect((await store.get("wiltshire", "right-support-right-time", "advice-line"))!.action).toEqual(before);
    expect(await store.listUpdates("wiltshire", before.workstreamId, before.id)).toEqual([]);
  });
});

describe("plan import (Azurite)", () => {
  it("imports the Warwickshire measures table, and importing again changes nothing", async () => {
    const store = new ActionRepository((await freshTableStore()).client(TABLES.actions));
    const rows = readPlanCsv(readFileSync("areas/warwickshire/plan.csv", "utf8"), "warwickshire/plan.csv");
    expect(rows).toHaveLength(14);
    const actions = actionsFromPlan(warwickshire, rows, now);
    expect(await importPlan(store, actions, now)).toEqual({ created: 14, updated: 0, unchanged: 0 });
    const before = await store.listActions("warwickshire", "promoting-inclusion");
    expect(before.map((a) => a.id).sort()).toEqual(["early-years-best-practice", "resourced-provisions", "send-provision-matrix"]);
    expect(before.find((a) => a.id === "send-provision-matrix")?.measure).toBe("SEND Provision Matrix reviewed and re-published");
    expect(await importPlan(store, actionsFromPlan(warwickshire, rows, new Date("2026-12-01T00:00:00Z")), new Date("2026-12-01T00:00:00Z"))).toEqual({ created: 0, updated: 0, unchanged: 14 });
    expect(await store.listActions("warwickshire", "promoting-inclusion")).toEqual(before);
  });

  it("updates changed plan fields without touching the leads' status and RAG", async () => {
    const store = new ActionRepository((await freshTableStore()).client(TABLES.actions));
    const actions = wiltshirePlan();
    await importPlan(store, actions, now);
    const stored = await store.get("wiltshire", "right-support-right-time", "advice-line");
    await store.update({ ...stored!.action, rag: "red", ragReason: "Line closed", version: 1 }, stored!.etag, undefined);
    const changed = actions.map((a) => (a.id === "advice-line" ? { ...a, dueDate: "2027-06-30" } : a));
    expect(await importPlan(store, changed, now)).toMatchObject({ updated: 1 });
    const after = (await store.get("wiltshire", "right-support-right-time", "advice-line"))!.action;
    expect(after).toMatchObject({ dueDate: "2027-06-30", rag: "red", ragReason: "Line closed" });
    expect((await store.listUpdates("wiltshire", "right-support-right-time", "advice-line")).map((u) => u.byName)).toEqual(["Plan import"]);
  });

  it("refuses a malformed plan with the line and the reason", () => {
    expect(() => readPlanCsv("priority,workstream,action,due_date\nA,B,C,32/13/2026\n", "bad.csv")).toThrow(/bad\.csv[\s\S]*line 2: due_date: "32\/13\/2026" is not a date/);
    expect(() => readPlanCsv("priority,workstream,action,rag\nA,B,C,purple\n", "bad.csv")).toThrow(/line 2: rag/);
  });
});

import { describe, expect, it } from "vitest";
import { PlanImportError, validatePlanRows } from "../../domain/planImport";

const row = (extra: Record<string, string>) => ({ priority: "Inclusion", workstream: "Early years", action: "Visit settings", ...extra });

describe("plan rows and pupil identifiers", () => {
  it("refuses every row with an identifier, giving the line, the column and the masked finding", () => {
    const run = () =>
      validatePlanRows(
        [row({}), row({ rag_reason: "Pupil UPN D865200124017 waiting" }), row({ measure: "NHS number 943 476 5919", "Expected change": "Call 07700 900123" })],
        "plan.csv",
      );
    expect(run).toThrow(PlanImportError);
    const message = (() => {
      try {
        run();
      } catch (err) {
        return (err as Error).message;
      }
      return "";
    })();
    expect(message).toMatch(/line 3: rag_reason: .*UPN/);
    expect(message).toMatch(/line 4: measure: .*NHS number.*; expected_change: .*phone number/);
    expect(message).not.toMatch(/line 2/);
    for (const raw of ["D865200124017", "943 476 5919", "07700 900123"]) expect(message).not.toContain(raw);
  });

  it("screens columns it does not import, and the lead column for numbers but not for staff names", () => {
    expect(() => validatePlanRows([row({ notes: "Pupil UPN D865200124017" })], "plan.csv")).toThrow(/line 2: notes: /);
    expect(() => validatePlanRows([row({ lead: "Leo Lead; Pat Programme" })], "plan.csv")).not.toThrow();
    expect(() => validatePlanRows([row({ lead: "Leo Lead 943 476 5919" })], "plan.csv")).toThrow(/line 2: lead: .*NHS number/);
  });

  it("takes line numbers from the file when cells run over several lines", () => {
    expect(() => validatePlanRows([row({}), row({ description: "UPN D865200124017" })], "plan.csv", [2, 5])).toThrow(/line 5: description/);
  });
});

import { describe, expect, it } from "vitest";
import { importPlanCsv, readPlanCsv } from "../../app/plans";
import { PlanImportError } from "../../domain/planImport";
import { ActionRepository } from "../../storage/actionRepository";
import { TABLES } from "../../storage/tables";
import { demoPack } from "../support/activities";
import { everythingStored, freshTableStore } from "../support/storage";

const now = new Date("2026-11-24T09:00:00Z");
const HEADER = "priority,workstream,action,description,rag,rag_reason,measure\n";

describe("importing a plan sheet", () => {
  it("counts lines as the file has them, cells over several lines included", () => {
    const csv = `${HEADER}Inclusion,Early years,Visit settings,"Two\nlines",green,,\n\nInclusion,Early years,Train staff,ok,amber,"UPN D865200124017",\n`;
    expect(() => readPlanCsv(csv, "plan.csv")).toThrow(/line 5: rag_reason: .*UPN/);
  });

  it("refuses a sheet with an identifier whole, with the line number, and stores nothing (Azurite)", async () => {
    const tables = await freshTableStore();
    const store = new ActionRepository(tables.client(TABLES.actions));
    const csv = `${HEADER}Inclusion,Early years,Visit settings,Fine,green,,Settings visited\nInclusion,Early years,Train staff,Fine,amber,Pupil UPN D865200124017 is waiting,Staff trained\n`;
    const refused = await importPlanCsv(store, demoPack, csv, "plan.csv", now).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(PlanImportError);
    expect((refused as Error).message).toMatch(/plan\.csv[\s\S]*line 3: rag_reason: .*UPN\) \(D\*+\)/);
    expect((refused as Error).message).not.toContain("D865200124017");
    expect(await everythingStored(tables)).toBe(""); // not even the rows before it, nor the pack's own actions
    const clean = csv.replace("Pupil UPN D865200124017 is waiting", "Trainer off sick");
    expect(await importPlanCsv(store, demoPack, clean, "plan.csv", now)).toMatchObject({ rows: 2 });
    expect((await store.listActions("wiltshire", "early-years")).map((a) => a.id).sort()).toEqual(["train-staff", "visit-settings"]);
  });
});

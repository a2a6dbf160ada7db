import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "csv-parse/sync";
import type { AreaPack } from "../domain/areaPack";
import { actionsFromPlan, PlanImportError, validatePlanRows, type PlanRow } from "../domain/planImport";
import type { WorkstreamAction } from "../domain/workstreams";
import { AreaPackError } from "./areaPacks";

export const PLAN_FILE = "plan.csv";

/** Reads a plan CSV (header row first); a malformed file is refused with its name and line. */
export function readPlanCsv(text: string, source: string): PlanRow[] {
  let records: Array<Record<string, string>>;
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Array<Record<string, string>>;
  } catch (err) {
    throw new PlanImportError(`The plan in ${source} is not valid CSV: ${(err as Error).message}`);
  }
  return validatePlanRows(records, source);
}

/** The area's plan: actions in area.json plus areas/<id>/plan.csv when there is one. */
export function loadAreaPlan(areasDir: string, pack: AreaPack, now: Date): { actions: WorkstreamAction[]; csvText: string } {
  const file = join(resolve(areasDir), pack.id, PLAN_FILE);
  const csvText = existsSync(file) ? readFileSync(file, "utf8") : "";
  try {
    const rows = csvText ? readPlanCsv(csvText, file) : [];
    return { actions: actionsFromPlan(pack, rows, now), csvText };
  } catch (err) {
    if (err instanceof PlanImportError) throw new AreaPackError(err.message);
    throw err;
  }
}

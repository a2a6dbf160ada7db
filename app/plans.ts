import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "csv-parse/sync";
import type { AreaPack } from "../domain/areaPack";
import { actionsFromPlan, PlanImportError, validatePlanRows, type PlanRow } from "../domain/planImport";
import { importPlan, type ActionStore } from "../domain/workstreamOps";
import type { WorkstreamAction } from "../domain/workstreams";
import { AreaPackError } from "./areaPacks";

export const PLAN_FILE = "plan.csv";

type ParsedRecord = { record: Record<string, string>; info: { lines: number }; raw: string };

/**
 * Reads a plan CSV (header row first); a malformed file, or one holding a pupil identifier, is
 * refused whole with its name and the line each problem is on.
 */
export function readPlanCsv(text: string, source: string): PlanRow[] {
  let parsed: ParsedRecord[];
  try {
    parsed = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true, info: true, raw: true }) as ParsedRecord[];
  } catch (err) {
    throw new PlanImportError(`The plan in ${source} is not valid CSV: ${(err as Error).message}`);
  }
  // The parser gives the line a record ends on; a cell written over several lines starts earlier.
  const firstLine = (p: ParsedRecord) => p.info.lines - (p.raw.replace(/^(?:\r?\n)+/, "").replace(/\r?\n$/, "").match(/\n/g)?.length ?? 0);
  return validatePlanRows(parsed.map((p) => p.record), source, parsed.map(firstLine));
}

/** Imports a plan sheet: the whole sheet is read and screened first, so a refused one stores nothing. */
export async function importPlanCsv(store: ActionStore, area: AreaPack, text: string, source: string, now: Date): Promise<{ rows: number; created: number; updated: number; unchanged: number }> {
  const rows = readPlanCsv(text, source);
  return { rows: rows.length, ...(await importPlan(store, actionsFromPlan(area, rows, now), now)) };
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

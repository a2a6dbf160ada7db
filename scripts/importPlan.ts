import { readFileSync } from "node:fs";
import { buildRuntime, loadStaticSetup } from "../app/composition";
import { readPlanCsv } from "../app/plans";
import { actionsFromPlan } from "../domain/planImport";
import { importPlan } from "../domain/workstreamOps";

/**
 * `npm run import-plan -- <area id> <file.csv>`: imports a programme office's plan sheet into the
 * configured storage. Safe to repeat: unchanged rows change nothing.
 */
async function main(): Promise<void> {
  const [areaId, file] = process.argv.slice(2);
  if (!areaId || !file) throw new Error("Usage: npm run import-plan -- <area id> <plan.csv>");
  const setup = loadStaticSetup();
  const area = setup.packs.find((p) => p.id === areaId);
  if (!area) throw new Error(`No local area "${areaId}". Areas: ${setup.packs.map((p) => p.id).join(", ")}`);
  const rows = readPlanCsv(readFileSync(file, "utf8"), file);
  const rt = await buildRuntime(setup);
  const now = rt.now();
  const result = await importPlan(rt.deps.actions, actionsFromPlan(area, rows, now), now);
  console.info(`Imported ${rows.length} rows into ${area.name}: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged.`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

import { readFileSync } from "node:fs";
import { buildRuntime, loadStaticSetup } from "../app/composition";
import { importPlanCsv, readPlanCsv } from "../app/plans";

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
  const text = readFileSync(file, "utf8");
  // Checked before connecting, so a refused sheet touches no storage at all.
  readPlanCsv(text, file);
  const rt = await buildRuntime(setup);
  const result = await importPlanCsv(rt.deps.actions, area, text, file, rt.now());
  console.info(`Imported ${result.rows} rows into ${area.name}: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged.`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

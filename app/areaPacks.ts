import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { AreaPack, describeIssues } from "../domain/areaPack";

export class AreaPackError extends Error {
  override name = "AreaPackError";
}

/** Parses one pack file; the error names the file, the path inside it and the reason. */
export function parseAreaPackFile(file: string): AreaPack {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new AreaPackError(`Local area file ${file} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = AreaPack.safeParse(raw);
  if (!parsed.success) throw new AreaPackError(`Local area file ${file} is not valid:\n${describeIssues(parsed.error)}`);
  return parsed.data;
}

export const AREA_FILE = "area.json";

/** Loads every <area>/area.json under the folder; at least one, with no area or tenant claimed twice. */
export function loadAreaPacks(dir: string): AreaPack[] {
  const folder = resolve(dir);
  let files: string[];
  try {
    files = readdirSync(folder, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(folder, d.name, AREA_FILE)))
      .map((d) => join(d.name, AREA_FILE))
      .sort();
  } catch (err) {
    throw new AreaPackError(`Local area folder ${folder} cannot be read: ${(err as Error).message}`);
  }
  if (files.length === 0) throw new AreaPackError(`Local area folder ${folder} has no <area>/${AREA_FILE} pack`);
  const packs = files.map((f) => parseAreaPackFile(join(folder, f)));
  const areaFile = new Map<string, string>();
  const tenantArea = new Map<string, string>();
  packs.forEach((p, i) => {
    const file = files[i] ?? "";
    const other = areaFile.get(p.id);
    if (other) throw new AreaPackError(`Local area id "${p.id}" is used by both ${other} and ${file}`);
    areaFile.set(p.id, file);
    for (const t of p.tenantIds) {
      const owner = tenantArea.get(t);
      if (owner) throw new AreaPackError(`Tenant ${t} is claimed by areas "${owner}" and "${p.id}" (${file})`);
      tenantArea.set(t, p.id);
    }
  });
  return packs;
}

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AreaPackError, loadAreaPacks } from "../../app/areaPacks";

const demo = JSON.parse(readFileSync("areas/wiltshire/area.json", "utf8")) as Record<string, unknown>;

/** A temporary areas folder: { "wiltshire": "<area.json text>" } becomes wiltshire/area.json. */
function folderWith(areas: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "areas-"));
  for (const [name, content] of Object.entries(areas)) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, "area.json"), content);
  }
  return dir;
}

describe("local area packs", () => {
  it("loads the shipped Wiltshire and Warwickshire packs", () => {
    const packs = loadAreaPacks("areas");
    expect(packs.map((p) => p.id)).toEqual(["warwickshire", "wiltshire"]);
    const pack = packs.find((p) => p.id === "wiltshire");
    expect(pack?.id).toBe("wiltshire");
    expect(pack?.people.some((p) => p.roles.some((r) => r.role === "senco"))).toBe(true);
  });

  it("names the file, the path and the reason for a broken reference", () => {
    const broken = structuredClone(demo) as { schools: Array<{ localityId: string }> };
    broken.schools[1]!.localityId = "atlantis";
    const dir = folderWith({ wiltshire: JSON.stringify(broken) });
    expect(() => loadAreaPacks(dir)).toThrow(AreaPackError);
    expect(() => loadAreaPacks(dir)).toThrow(/wiltshire\/area\.json[\s\S]*schools\.1\.localityId: unknown locality "atlantis"/);
  });

  it("names a wrong type precisely", () => {
    const broken = structuredClone(demo) as { serviceLevels: { firstResponseWorkingDays: unknown } };
    broken.serviceLevels.firstResponseWorkingDays = "three";
    const dir = folderWith({ a: JSON.stringify(broken) });
    expect(() => loadAreaPacks(dir)).toThrow(/a\/area\.json[\s\S]*serviceLevels\.firstResponseWorkingDays/);
  });

  it("reports invalid JSON with the file name", () => {
    const dir = folderWith({ bad: "{ not json" });
    expect(() => loadAreaPacks(dir)).toThrow(/bad\/area\.json is not valid JSON/);
  });

  it("refuses two packs claiming the same tenant", () => {
    const other = { ...demo, id: "elsewhere" };
    const dir = folderWith({ a: JSON.stringify(demo), b: JSON.stringify(other) });
    expect(() => loadAreaPacks(dir)).toThrow(/claimed by areas "wiltshire" and "elsewhere"/);
  });

  it("refuses an empty folder", () => {
    expect(() => loadAreaPacks(folderWith({}))).toThrow(/has no <area>\/area\.json pack/);
  });
});

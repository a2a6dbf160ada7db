import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AreaPackError, loadAreaPacks } from "../../app/areaPacks";

const demo = JSON.parse(readFileSync("areas/wiltshire.json", "utf8")) as Record<string, unknown>;

function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "areas-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe("local area packs", () => {
  it("loads the shipped Wiltshire demo pack", () => {
    const [pack] = loadAreaPacks("areas");
    expect(pack?.id).toBe("wiltshire");
    expect(pack?.people.some((p) => p.roles.some((r) => r.role === "senco"))).toBe(true);
  });

  it("names the file, the path and the reason for a broken reference", () => {
    const broken = structuredClone(demo) as { schools: Array<{ localityId: string }> };
    broken.schools[1]!.localityId = "atlantis";
    const dir = folderWith({ "wiltshire.json": JSON.stringify(broken) });
    expect(() => loadAreaPacks(dir)).toThrow(AreaPackError);
    expect(() => loadAreaPacks(dir)).toThrow(/wiltshire\.json[\s\S]*schools\.1\.localityId: unknown locality "atlantis"/);
  });

  it("names a wrong type precisely", () => {
    const broken = structuredClone(demo) as { serviceLevels: { firstResponseWorkingDays: unknown } };
    broken.serviceLevels.firstResponseWorkingDays = "three";
    const dir = folderWith({ "a.json": JSON.stringify(broken) });
    expect(() => loadAreaPacks(dir)).toThrow(/a\.json[\s\S]*serviceLevels\.firstResponseWorkingDays/);
  });

  it("reports invalid JSON with the file name", () => {
    const dir = folderWith({ "bad.json": "{ not json" });
    expect(() => loadAreaPacks(dir)).toThrow(/bad\.json is not valid JSON/);
  });

  it("refuses two packs claiming the same tenant", () => {
    const other = { ...demo, id: "elsewhere" };
    const dir = folderWith({ "a.json": JSON.stringify(demo), "b.json": JSON.stringify(other) });
    expect(() => loadAreaPacks(dir)).toThrow(/claimed by areas "wiltshire" and "elsewhere"/);
  });

  it("refuses an empty folder", () => {
    expect(() => loadAreaPacks(folderWith({}))).toThrow(/has no \.json pack/);
  });
});

import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inject } from "vitest";
import { uniquePrefix } from "../support/storage";

/** Runs a built entry point (npm test builds first) the way the host would start it. */
function run(entry: string, env: Record<string, string>, timeout = 20_000) {
  return spawnSync(process.execPath, ["-e", `require(${JSON.stringify(entry)})`], {
    env: { ...process.env, LOG_LEVEL: "error", ...env },
    encoding: "utf8",
    timeout,
  });
}

function brokenAreasDir(): string {
  const pack = JSON.parse(readFileSync("areas/wiltshire/area.json", "utf8")) as { people: Array<{ roles: Array<Record<string, unknown>> }> };
  pack.people[0]!.roles[0] = { role: "senco", schoolIds: ["no-such-school"] };
  const dir = mkdtempSync(join(tmpdir(), "areas-broken-"));
  mkdirSync(join(dir, "wiltshire"));
  writeFileSync(join(dir, "wiltshire", "area.json"), JSON.stringify(pack));
  return dir;
}

describe("start-up", () => {
  it("the Functions entry point refuses to start on a broken area pack, naming file, path and reason", () => {
    const result = run("./dist/functions/index.js", { AREAS_DIR: brokenAreasDir() });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/wiltshire\/area\.json is not valid:\s+- people\.0\.roles\.0\.schoolIds\.0: unknown school "no-such-school"/);
  });

  it("in Azure with no BOT_ID, the Functions entry point refuses to start and says why", () => {
    const result = run("./dist/functions/index.js", { WEBSITE_INSTANCE_ID: "0123abcd", BOT_ID: "", STORAGE_TABLE_URL: "https://acct.table.core.windows.net", BOARD_REPORT_KEY: "k".repeat(32) });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/BOT_ID: required when running in Azure \(WEBSITE_INSTANCE_ID is set\): without it \/api\/messages would accept unauthenticated calls/);
  });

  it("the dev host refuses to start on a bad setting, naming it", () => {
    const result = run("./dist/devhost/main.js", { PORT: "not-a-port" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("PORT: must be a port number from 1 to 65535");
  });

  it("the Functions entry point registers its triggers with a valid pack", () => {
    const result = run("./dist/functions/index.js", { STORAGE_CONNECTION_STRING: inject("storageConnectionString"), TABLE_PREFIX: uniquePrefix() });
    expect(result.stderr).not.toMatch(/not valid/);
    expect(result.status).toBe(0);
  });
});

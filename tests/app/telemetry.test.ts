import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";

const ENTRY = "./dist/functions/index.js";
/** Unreachable on purpose: nothing may be sent while starting, and later exports fail quietly. */
const FAKE_CONNECTION_STRING = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:9/;LiveEndpoint=https://127.0.0.1:9/";

/**
 * Loads the built Functions entry point (npm test builds first) in a fresh Node process, recording
 * every connection and DNS lookup it starts: those made while loading (telemetry starts there)
 * and those in the next `settleMs`. Prints one JSON report on its last line.
 */
function loadEntry(env: Record<string, string>, settleMs = 0) {
  const script = `
    const net = require("node:net"), dns = require("node:dns");
    const seen = [];
    const connect = net.Socket.prototype.connect;
    net.Socket.prototype.connect = function (...args) {
      let o = Array.isArray(args[0]) ? args[0][0] : args[0];
      seen.push(typeof o === "object" && o ? (o.path ?? o.host + ":" + o.port) : String(o));
      return connect.apply(this, args);
    };
    const lookup = dns.lookup;
    dns.lookup = function (host, ...rest) { seen.push("dns:" + host); return lookup.call(this, host, ...rest); };
    require(${JSON.stringify(ENTRY)});
    const whileLoading = [...seen];
    const loaded = Object.keys(require.cache).filter((k) => /[\\\\/]@opentelemetry[\\\\/]|[\\\\/]monitor-opentelemetry/.test(k));
    const httpPatched = Boolean(require("node:http").request.__wrapped);
    // The Logger's records go through this API (the app's own copy): a no-op logger means they go nowhere.
    const recordLogger = loaded.length ? require("@opentelemetry/api-logs").logs.getLogger("probe").constructor.name : "";
    setTimeout(() => {
      console.info(JSON.stringify({ whileLoading, later: seen.slice(whileLoading.length), loaded: loaded.length, monitor: loaded.some((k) => k.includes("monitor-opentelemetry")), httpPatched, recordLogger }));
      process.exit(0);
    }, ${settleMs});
  `;
  expect(existsSync(ENTRY), "run npm run build first").toBe(true);
  const result = spawnSync(process.execPath, ["-e", script], {
    env: { ...process.env, LOG_LEVEL: "info", APPLICATIONINSIGHTS_CONNECTION_STRING: "", APPLICATIONINSIGHTS_AUTHENTICATION_STRING: "", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  const last = result.stdout.trim().split("\n").at(-1) ?? "{}";
  return { ...result, report: JSON.parse(last) as { whileLoading: string[]; later: string[]; loaded: number; monitor: boolean; httpPatched: boolean; recordLogger: string } };
}

describe("telemetry start-up (built entry point, fresh process)", () => {
  it("with no connection string, loading the app loads nothing of OpenTelemetry", () => {
    const { status, report, stdout } = loadEntry({});
    expect(status).toBe(0);
    expect(report).toMatchObject({ loaded: 0, monitor: false, httpPatched: false, whileLoading: [] });
    expect(stdout).not.toContain("Telemetry");
  });

  it("with a connection string, starts Azure Monitor OpenTelemetry without throwing or any network call while starting", () => {
    // As in the deployment: Flex Consumption (so the distro skips its VM metadata probe), a
    // user-assigned identity, and the platform settings the config requires in Azure.
    const { status, report, stdout, stderr } = loadEntry(
      {
        APPLICATIONINSIGHTS_CONNECTION_STRING: FAKE_CONNECTION_STRING,
        APPLICATIONINSIGHTS_AUTHENTICATION_STRING: "Authorization=AAD;ClientId=11111111-2222-3333-4444-555555555555",
        WEBSITE_SITE_NAME: "seh-test-func",
        WEBSITE_SKU: "FlexConsumption",
        BOT_ID: "11111111-2222-3333-4444-555555555555",
        BOT_TYPE: "UserAssignedMSI",
        BOT_TENANT_ID: "66666666-7777-8888-9999-000000000000",
        BOARD_REPORT_KEY: "k".repeat(32),
        STORAGE_TABLE_URL: "https://127.0.0.1:9/table",
        STORAGE_QUEUE_URL: "https://127.0.0.1:9/queue",
      },
      2500,
    );
    expect(status, stderr).toBe(0);
    expect(stdout).toContain('"message":"Telemetry to Application Insights is on","app":"send-early-help","authentication":"entra"');
    expect(stdout).not.toContain("Telemetry could not start");
    expect(report.monitor).toBe(true);
    expect(report.httpPatched).toBe(true); // the HTTP instrumentation reached the already-loaded http module
    expect(report.recordLogger).not.toMatch(/^$|Noop/); // the distro's logger provider answers the app's API
    expect(report.whileLoading).toEqual([]);
    // Afterwards only the batched export may reach out: the managed identity's token endpoint and
    // the (unreachable) ingestion endpoint named in the connection string, nothing else.
    for (const target of report.later) expect(["169.254.169.254:80", "127.0.0.1:9"]).toContain(target);
  });
});

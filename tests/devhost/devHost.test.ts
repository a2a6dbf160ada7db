import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { createLogger } from "../../app/log";
import { startDevHost, type DevHost } from "../../devhost/devHost";
import { registrations } from "../../functions/registrations";
import type { FunctionRegistration } from "../../functions/registry";
import { uniquePrefix } from "../support/storage";

describe("dev host serving the Functions registrations", () => {
  let host: DevHost;
  let timerRuns = 0;

  beforeAll(async () => {
    // getRuntime() reads the environment once per process, exactly as in Azure.
    process.env.STORAGE_CONNECTION_STRING = inject("storageConnectionString");
    process.env.TABLE_PREFIX = uniquePrefix();
    process.env.LOG_LEVEL = "error";
    const everySecond: FunctionRegistration = {
      kind: "timer",
      name: "testTick",
      schedule: "* * * * * *",
      handler: () => {
        timerRuns++;
      },
    };
    host = await startDevHost([...registrations, everySecond], { port: 0, log: createLogger("error") });
  });
  afterAll(async () => {
    await host.close();
  });

  it("reports health with version and storage", async () => {
    const res = await fetch(`${host.url}/api/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: "ok", storage: "ok", version: "0.1.0", areas: ["warwickshire", "wiltshire"] });
  });

  it("answers a malformed activity with 400 and a reason, and keeps serving", async () => {
    const res = await fetch(`${host.url}/api/messages`, { method: "POST", body: "{ nope", headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("not valid JSON");
    const res2 = await fetch(`${host.url}/api/messages`, { method: "POST", body: JSON.stringify({ type: "message" }) });
    expect(res2.status).toBe(400);
    expect(await res2.text()).toContain("channelId");
    expect((await fetch(`${host.url}/api/health`)).status).toBe(200);
  });

  it("refuses the wrong method and unknown routes", async () => {
    expect((await fetch(`${host.url}/api/messages`)).status).toBe(405);
    expect((await fetch(`${host.url}/api/nothing-here`)).status).toBe(404);
  });

  it("runs timer triggers on their schedule", async () => {
    const start = timerRuns;
    await new Promise((r) => setTimeout(r, 2500));
    expect(timerRuns - start).toBeGreaterThanOrEqual(1);
  });
});

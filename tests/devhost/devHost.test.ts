import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { createLogger } from "../../app/log";
import { startDevHost, type DevHost } from "../../devhost/devHost";
import { MAX_ACTIVITY_BYTES } from "../../functions/messages";
import { registrations } from "../../functions/registrations";
import type { FunctionRegistration } from "../../functions/registry";
import { uniquePrefix } from "../support/storage";

/** Sends bytes as they are (fetch would refuse or fix them) and returns whatever comes back. */
function rawRequest(port: number, request: string, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve) => {
    let received = "";
    const socket = connect(port, "127.0.0.1");
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(received);
    };
    const timer = setTimeout(done, timeoutMs);
    socket.on("data", (d: Buffer) => (received += d.toString("latin1")));
    socket.on("close", done);
    socket.on("error", done);
    socket.write(request, "latin1");
  });
}

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

  it("answers malformed requests with 400 and keeps serving", async () => {
    const port = new URL(host.url).port;
    const malformed = [
      "GET /api/health HTTP/1.1\r\nHost: [::1\r\nConnection: close\r\n\r\n",
      "GET /api/health HTTP/1.1\r\nHost: bad host\r\nConnection: close\r\n\r\n",
      "GET //[x/api/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
      "GET http://user:secret@localhost/api/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
      "POST /api/messages HTTP/1.1\r\nHost: [::1\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
    ];
    for (const request of malformed) {
      const answer = await rawRequest(Number(port), request);
      expect(answer, request).toMatch(/^HTTP\/1\.1 400 /);
      expect(answer, request).toContain('"error":');
    }
    expect((await fetch(`${host.url}/api/health`)).status).toBe(200);
  });

  it("answers an oversized body with 413 and a reason rather than a reset", async () => {
    const res = await fetch(`${host.url}/api/messages`, { method: "POST", body: "x".repeat(5 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(res.headers.get("connection")).toBe("close");
    expect(((await res.json()) as { error: string }).error).toContain("larger than 4 MB");
    expect((await fetch(`${host.url}/api/health`)).status).toBe(200);
  });

  it("refuses an activity over the messages limit before reading it as JSON", async () => {
    const res = await fetch(`${host.url}/api/messages`, { method: "POST", body: `{"text":"${"x".repeat(MAX_ACTIVITY_BYTES)}"}` });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toContain("larger than 512 KB");
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

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../app/config";
import { createLogger } from "../../app/log";
import { contentSafetyOpinion } from "../../bot/contentSafety";
import { screenSchoolTextWithSecondOpinion } from "../../domain/textScreening";

/** A stand-in for Azure AI Content Safety on loopback: answers by what the text says. */
describe("the optional Content Safety second opinion", () => {
  let server: Server;
  let endpoint = "";
  const seen: Array<{ key: string | undefined; body: string }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        seen.push({ key: req.headers["ocp-apim-subscription-key"] as string | undefined, body });
        const text = (JSON.parse(body) as { text: string }).text;
        if (text.includes("slow")) return void setTimeout(() => res.end("{}"), 1500);
        if (text.includes("broken")) return void res.writeHead(500).end();
        const severity = text.includes("worrying") ? 6 : 0;
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ categoriesAnalysis: [{ category: "SelfHarm", severity }, { category: "Violence", severity: 0 }] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const opinion = () => contentSafetyOpinion({ endpoint, key: "test-key", timeoutMs: 300 }, createLogger("error"));

  it("raises a clear message to the one-click question when the service sees a risk", async () => {
    const result = await screenSchoolTextWithSecondOpinion(["Year 4, something worrying in her diary"], {}, opinion());
    expect(result.outcome).toBe("possible-safeguarding");
    expect(seen.at(-1)?.key).toBe("test-key");
  });

  it("leaves a clear message clear when the service sees nothing", async () => {
    expect((await screenSchoolTextWithSecondOpinion(["Year 4, reading is slow"], {}, opinion())).outcome).toBe("clear");
  });

  it("is skipped, not waited for, when the service is slow or failing", async () => {
    const started = Date.now();
    expect((await screenSchoolTextWithSecondOpinion(["Year 4, slow to answer"], {}, opinion())).outcome).toBe("clear");
    expect(Date.now() - started).toBeLessThan(1400);
    expect((await screenSchoolTextWithSecondOpinion(["Year 4, broken service"], {}, opinion())).outcome).toBe("clear");
  });

  it("never lowers the local screen and is not asked when it has already decided", async () => {
    const before = seen.length;
    const concern = await screenSchoolTextWithSecondOpinion(["He told me his dad hits him"], {}, opinion());
    expect(concern.outcome).toBe("safeguarding");
    expect(seen.length).toBe(before);
  });

  it("is off unless configured, and needs its key when it is", () => {
    expect(loadConfig({}).contentSafety).toBeUndefined();
    expect(() => loadConfig({ CONTENT_SAFETY_ENDPOINT: "https://example.cognitiveservices.azure.com" })).toThrow(/CONTENT_SAFETY_KEY/);
    expect(loadConfig({ CONTENT_SAFETY_ENDPOINT: "https://example.cognitiveservices.azure.com/", CONTENT_SAFETY_KEY: "k" }).contentSafety).toEqual({
      endpoint: "https://example.cognitiveservices.azure.com",
      key: "k",
      timeoutMs: 1500,
    });
  });
});

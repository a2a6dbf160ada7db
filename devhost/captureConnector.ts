import { createServer, type Server } from "node:http";

export interface SentActivity {
  conversationId: string;
  method: string;
  activityId: string | undefined;
  body: Record<string, unknown>;
}

/**
 * A local HTTP endpoint standing in for the Bot Connector service, so tests and the benchmark can
 * read what the bot sends. It is the network peer, not a fake of our storage.
 */
export interface Connector {
  url: string;
  sent: SentActivity[];
  /** The next `times` calls for the conversation get `status` (503 by default), with Retry-After if given. */
  failNext(conversationId: string, times: number, status?: number, retryAfterSeconds?: number): void;
  /** Refuses every call until `untilMs` (epoch ms), alternating 500 and 429 with Retry-After; counts refusals. */
  outage(untilMs: number, retryAfterSeconds?: number): void;
  refused(): number;
  outageEndsAt(): number;
  close(): Promise<void>;
}

export async function startConnector(): Promise<Connector> {
  const sent: SentActivity[] = [];
  const failures = new Map<string, number>();
  const failWith = new Map<string, { status: number; retryAfter: number | undefined }>();
  let counter = 0;
  let outageUntil = 0;
  let retryAfter = 1;
  let refusedCalls = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const match = /\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?/.exec(req.url ?? "");
      const text = Buffer.concat(chunks).toString();
      const conversationId = decodeURIComponent(match?.[1] ?? "");
      const failLeft = failures.get(conversationId) ?? 0;
      if (Date.now() < outageUntil) {
        // A Teams outage: server errors and throttling, as the Bot Connector sends them.
        const throttled = ++refusedCalls % 2 === 0;
        res.writeHead(throttled ? 429 : 500, { "content-type": "application/json", ...(throttled ? { "retry-after": String(retryAfter) } : {}) });
        res.end(JSON.stringify({ error: { code: throttled ? "TooManyRequests" : "InternalServerError", message: "Try again later" } }));
        return;
      }
      if (match && failLeft > 0) {
        // Stands in for Teams being unavailable, so retries can be tested.
        failures.set(conversationId, failLeft - 1);
        refusedCalls++;
        const how = failWith.get(conversationId) ?? { status: 503, retryAfter: undefined };
        res.writeHead(how.status, { "content-type": "application/json", ...(how.retryAfter !== undefined ? { "retry-after": String(how.retryAfter) } : {}) });
        res.end(JSON.stringify({ error: { code: "ServiceUnavailable", message: "Try again later" } }));
        return;
      }
      if (match) {
        sent.push({
          conversationId: decodeURIComponent(match[1] ?? ""),
          activityId: match[2] ? decodeURIComponent(match[2]) : undefined,
          method: req.method ?? "POST",
          body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
        });
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ id: `sent-${++counter}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    sent,
    failNext: (conversationId, times, status = 503, retryAfterSeconds) => {
      failures.set(conversationId, times);
      failWith.set(conversationId, { status, retryAfter: retryAfterSeconds });
    },
    outage: (untilMs, retryAfterSeconds = 1) => {
      outageUntil = untilMs;
      retryAfter = retryAfterSeconds;
    },
    refused: () => refusedCalls,
    outageEndsAt: () => outageUntil,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { HttpRequest, InvocationContext, type HttpResponseInit, type Timer } from "@azure/functions";
import { CronExpressionParser } from "cron-parser";
import type { Logger } from "../app/log";
import { instrument, type FunctionRegistration } from "../functions/registry";
import type { QueueStore } from "../storage/queues";
import { startQueueTriggers, type QueueRunnerOptions } from "./queueRunner";

/** Far below the Functions host's 100 MB: nothing we serve takes more than a few hundred KB. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** Past the limit the rest is read and dropped, so a client still sending gets the 413, up to this. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

export interface DevHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * A small stand-in for the Functions host when Core Tools cannot be installed: serves the same
 * HTTP registrations under /api, runs timer triggers on their NCRONTAB schedules (UTC), and runs
 * storage-queue triggers with the host's retry and poison-queue behaviour.
 */
export async function startDevHost(
  unwrapped: FunctionRegistration[],
  options: { port: number; host?: string; log: Logger; timers?: boolean; queues?: QueueStore; queueOptions?: QueueRunnerOptions },
): Promise<DevHost> {
  // The same invocation wrapper as in Azure (functions/index.ts), so local logs look the same.
  const registrations = instrument(unwrapped, options.log);
  const host = options.host ?? "127.0.0.1";
  const log = options.log.child({ component: "dev-host" });
  const server = createServer((req, res) => {
    // Last guard: no request may become an unhandled rejection, which would end the process.
    serve(req, res, registrations, log).catch((err: unknown) => {
      try {
        log.error("Dev host failed to answer a request", { error: err });
        if (res.headersSent) res.destroy();
        else send(res, { status: 500, jsonBody: { error: "Internal error" } }, { connection: "close" });
      } catch {
        res.destroy();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const stopTimers = options.timers === false ? () => undefined : startTimers(registrations, log);
  const stopQueues = options.queues ? startQueueTriggers(registrations, options.queues, log, options.queueOptions) : () => Promise.resolve();
  log.info("Dev host listening", { url: `http://${host}:${port}/api`, functions: registrations.map((r) => r.name) });
  return {
    url: `http://${host}:${port}`,
    port,
    close: async () => {
      stopTimers();
      await stopQueues();
      await closeServer(server);
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

async function serve(req: IncomingMessage, res: ServerResponse, registrations: FunctionRegistration[], log: Logger): Promise<void> {
  const url = requestUrl(req);
  if (!url) return send(res, { status: 400, jsonBody: { error: "The request's URL or Host header is not valid." } }, { connection: "close" });
  const method = (req.method ?? "GET").toUpperCase();
  const route = url.pathname.replace(/^\/api\//, "");
  const match = registrations.find((r) => r.kind === "http" && url.pathname.startsWith("/api/") && r.route === route);
  if (!match || match.kind !== "http") return send(res, { status: 404, jsonBody: { error: `No function at ${url.pathname}` } });
  if (!match.methods.includes(method as (typeof match.methods)[number]))
    return send(res, { status: 405, jsonBody: { error: `${method} is not allowed on ${url.pathname}` } });
  let body: Buffer | "tooLarge";
  try {
    body = await readBody(req);
  } catch {
    // The client went away or sent a broken body; answer if the socket is still there.
    return send(res, { status: 400, jsonBody: { error: "The request body could not be read." } }, { connection: "close" });
  }
  if (body === "tooLarge") return send(res, { status: 413, jsonBody: { error: `The request body is larger than ${MAX_BODY_BYTES / (1024 * 1024)} MB.` } }, { connection: "close" });
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
  let request: HttpRequest;
  try {
    request = new HttpRequest({
      method,
      url: url.toString(),
      headers,
      query: Object.fromEntries(url.searchParams),
      ...(body.length ? { body: { bytes: body } } : {}),
    });
  } catch {
    return send(res, { status: 400, jsonBody: { error: "The request could not be read." } }, { connection: "close" });
  }
  const context = invocationContext(match.name, log);
  let response: HttpResponseInit;
  try {
    response = await match.handler(request, context);
  } catch (err) {
    // The real host answers 500 and logs; it never crashes the process for one request.
    log.error("Function failed", { function: match.name, error: err });
    response = { status: 500, jsonBody: { error: "Internal error" } };
  }
  send(res, response);
}

/** The request's URL, or undefined when the Host header or request target cannot form one. */
function requestUrl(req: IncomingMessage): URL | undefined {
  try {
    const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
    // A request target with credentials ("GET http://a:b@host/...") is refused by HttpRequest too.
    return url.username || url.password ? undefined : url;
  } catch {
    return undefined;
  }
}

function invocationContext(functionName: string, log: Logger): InvocationContext {
  const fnLog = log.child({ function: functionName });
  return new InvocationContext({
    invocationId: randomUUID(),
    functionName,
    logHandler: (level, ...args) => {
      const message = args.map((a) => (a instanceof Error ? a.message : typeof a === "string" ? a : JSON.stringify(a))).join(" ");
      const error = args.find((a) => a instanceof Error);
      if (level === "error" || level === "critical") fnLog.error(message, error ? { error } : {});
      else if (level === "warning") fnLog.warn(message);
      else if (level === "debug" || level === "trace") fnLog.debug(message);
      else fnLog.info(message);
    },
  });
}

/**
 * The body, or "tooLarge" past MAX_BODY_BYTES. The rest is still read (and dropped) so the 413 is
 * written after the client has finished sending: answering mid-upload and closing resets the
 * connection, and the client sees the reset instead of the 413.
 */
function readBody(req: IncomingMessage): Promise<Buffer | "tooLarge"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
      else {
        chunks.length = 0;
        // Past the drain limit, answer now; "connection: close" then ends the upload.
        if (size > MAX_DRAIN_BYTES) resolve("tooLarge");
      }
    });
    req.on("end", () => resolve(size > MAX_BODY_BYTES ? "tooLarge" : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, response: HttpResponseInit, extra: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const status = response.status ?? 200;
  if (response.jsonBody !== undefined) {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...extra });
    res.end(JSON.stringify(response.jsonBody));
  } else if (typeof response.body === "string") {
    const headers = (response.headers ?? {}) as Record<string, string>;
    res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers, ...extra });
    res.end(response.body);
  } else {
    res.writeHead(status, extra);
    res.end();
  }
}

/** Runs each timer at its next NCRONTAB time; a run that is still going is not started again. */
function startTimers(registrations: FunctionRegistration[], log: Logger): () => void {
  const handles: NodeJS.Timeout[] = [];
  let stopped = false;
  for (const r of registrations) {
    if (r.kind !== "timer") continue;
    const expression = CronExpressionParser.parse(r.schedule, { tz: "UTC" });
    let last: Date | undefined;
    const schedule = () => {
      if (stopped) return;
      const next = expression.next().toDate();
      const handle = setTimeout(() => {
        void (async () => {
          const timer: Timer = { isPastDue: false, schedule: { adjustForDST: false }, scheduleStatus: { last: last?.toISOString() ?? "", next: next.toISOString(), lastUpdated: new Date().toISOString() } };
          try {
            await r.handler(timer, invocationContext(r.name, log));
          } catch (err) {
            log.error("Timer function failed", { function: r.name, error: err });
          }
          last = next;
          schedule();
        })();
      }, Math.max(0, next.getTime() - Date.now()));
      handles.push(handle);
    };
    schedule();
  }
  return () => {
    stopped = true;
    handles.forEach(clearTimeout);
  };
}

import { currentInvocation } from "./invocation";

/**
 * Structured one-line JSON logs on stdout/stderr, and (once app/telemetry.ts has started) the same
 * line as an OpenTelemetry log record. Every line carries the invocation it was written in (see
 * app/invocation.ts). No free text of a request ever goes out: context fields pass an allow-list
 * of keys, each with the shape of value it may carry (ids, counts, flags, codes); anything else
 * becomes "[redacted]". Messages are constant sentences written in code; what varies goes in the
 * context, where the allow-list applies.
 */
export type LogLevel = "debug" | "info" | "warn" | "error";
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string, context?: Record<string, unknown>): void;
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
  child(context: Record<string, unknown>): Logger;
}

/** One line as the sinks see it: its fields already redacted. */
export interface LogRecord {
  time: Date;
  level: LogLevel;
  message: string;
  fields: Record<string, unknown>;
}

export const REDACTED = "[redacted]";

type Shape = "id" | "ids" | "count" | "flag" | "code" | "status" | "counts" | "error";

/**
 * The keys the code logs today, and what each may carry. A key not listed here is redacted, so a
 * new field is a conscious choice: add it with the narrowest shape that fits.
 */
const FIELDS: Readonly<Record<string, Shape>> = {
  // Where a line comes from and which invocation (app/invocation.ts sets the last four).
  app: "id", component: "id", url: "id", functions: "ids", invocationId: "id", function: "id", traceId: "id", spanId: "id",
  // Ids of things, never their text.
  activityId: "id", activityType: "id", type: "id", conversationType: "id", tenantId: "id", actor: "id", area: "id", areaId: "id",
  areas: "ids", action: "id", reference: "id", effectId: "id", table: "id", kind: "id", verb: "id", key: "id", waitingFor: "id",
  packHash: "id", seededAt: "id", alert: "id", authentication: "code",
  // Counts, durations and flags.
  attempts: "count", retryInMs: "count", dequeueCount: "count", requests: "count", people: "count",
  schools: "count", removed: "count", saved: "flag", raised: "flag", plan: "counts",
  // Statuses, error names and codes.
  status: "status", reason: "code", thrown: "code", error: "error",
};

/** Ids, keys, timestamps and URLs: no spaces, so no sentences. */
const ID = /^[\w.:;@|~+/=#%-]{1,200}$/;
/** Error names, codes and statuses: one token, or an HTTP status. */
const CODE = /^(?:[A-Za-z][\w.:-]{0,63}|HTTP \d{3})$/;
/** The few fixed phrases code uses as a reason (bot/outbox/outboxWorker.ts). */
const CODE_PHRASES = new Set(["malformed effect"]);
const MAX_ITEMS = 100;
const MAX_FRAMES = 8;

const id = (v: unknown) => (typeof v === "string" && ID.test(v) ? v : REDACTED);
const code = (v: unknown) => (typeof v === "string" && (CODE.test(v) || CODE_PHRASES.has(v)) ? v : REDACTED);
const count = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : REDACTED);

function redactValue(shape: Shape, v: unknown): unknown {
  switch (shape) {
    case "id":
      return id(v);
    case "ids":
      return Array.isArray(v) ? v.slice(0, MAX_ITEMS).map(id) : REDACTED;
    case "count":
      return count(v);
    case "flag":
      return typeof v === "boolean" ? v : REDACTED;
    case "code":
      return code(v);
    case "status":
      return typeof v === "number" ? count(v) : code(v);
    case "counts":
      if (!v || typeof v !== "object" || Array.isArray(v)) return REDACTED;
      return Object.fromEntries(Object.entries(v).slice(0, MAX_ITEMS).map(([k, n]) => [ID.test(k) ? k : REDACTED, count(n)]));
    case "error":
      return errorSummary(v);
  }
}

/**
 * What is kept of a thrown value: its name, code, status and stack frames, never its message, which
 * may quote input (a zod error lists the values it refused). A zod error keeps its issues' paths
 * and codes.
 */
export function errorSummary(v: unknown): Record<string, unknown> | string {
  if (!v || typeof v !== "object") return REDACTED;
  const e = v as { name?: unknown; code?: unknown; statusCode?: unknown; status?: unknown; issues?: unknown; stack?: unknown; thrown?: unknown };
  if (!(v instanceof Error) && e.thrown !== undefined) return { thrown: code(e.thrown) };
  const out: Record<string, unknown> = { name: typeof e.name === "string" ? code(e.name) : "Error" };
  if (typeof e.code === "string") out.code = code(e.code);
  else if (typeof e.code === "number") out.code = count(e.code);
  const status = e.statusCode ?? e.status;
  if (typeof status === "number") out.status = count(status);
  if (Array.isArray(e.issues))
    out.issues = e.issues.slice(0, MAX_ITEMS).map((i: { path?: unknown; code?: unknown }) => ({
      path: id(Array.isArray(i.path) && i.path.length ? i.path.join(".") : "body"),
      code: code(i.code),
    }));
  // Only the "at ..." frames: the stack's first lines repeat the message.
  if (typeof e.stack === "string") out.stack = e.stack.split("\n").filter((l) => /^\s+at /.test(l)).slice(0, MAX_FRAMES).map((l) => l.trim());
  return out;
}

/** Applies the allow-list to a line's context. Exported for the tests. */
export function redactFields(context: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(context)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => {
        const shape = Object.prototype.hasOwnProperty.call(FIELDS, k) ? FIELDS[k] : undefined;
        return [k, shape === undefined ? REDACTED : redactValue(shape, v)];
      }),
  );
}

type Sink = (record: LogRecord) => void;
let telemetrySink: Sink | undefined;

/** Set by app/telemetry.ts once OpenTelemetry runs; each line then also becomes a log record. */
export function setTelemetrySink(sink: Sink | undefined): void {
  telemetrySink = sink;
}

export function createLogger(level: LogLevel, base: Record<string, unknown> = {}): Logger {
  const write = (at: LogLevel, message: string, context?: Record<string, unknown>) => {
    if (ORDER[at] < ORDER[level]) return;
    const invocation = currentInvocation();
    const fields = redactFields({ ...base, ...(invocation ?? {}), ...context });
    const time = new Date();
    const line = JSON.stringify({ time: time.toISOString(), level: at, message, ...fields });
    if (at === "error" || at === "warn") console.error(line);
    else console.info(line);
    if (telemetrySink) {
      try {
        telemetrySink({ time, level: at, message, fields });
      } catch {
        // Telemetry never breaks the work; the console line above is already written.
      }
    }
  };
  return {
    debug: (m, c) => write("debug", m, c),
    info: (m, c) => write("info", m, c),
    warn: (m, c) => write("warn", m, c),
    error: (m, c) => write("error", m, c),
    child: (c) => createLogger(level, { ...base, ...c }),
  };
}

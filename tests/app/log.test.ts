import { InvocationContext } from "@azure/functions";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { parseTraceParent, withInvocation } from "../../app/invocation";
import { createLogger, REDACTED, setTelemetrySink, type LogRecord } from "../../app/log";

/** Every line the Logger writes to the console, parsed, and every record it hands to telemetry. */
function capture() {
  const lines: string[] = [];
  const records: LogRecord[] = [];
  for (const method of ["info", "error", "warn", "debug", "log"] as const)
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
  setTelemetrySink((r) => void records.push(r));
  return { lines, records, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>), all: () => lines.join("\n") + JSON.stringify(records) };
}

/** Every string in a parsed line, keys included, so an escaped leak is found too. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)]);
  return [];
}

// Keys the code uses that carry ids, and keys it has never logged: free text must not pass either.
const ID_KEYS = ["invocationId", "activityId", "effectId", "reference", "area", "tenantId", "verb", "kind"] as const;
const TEXT_KEYS = ["question", "tried", "notes", "advice", "text", "information", "detail", "body", "value", "areaName"] as const;

describe("the Logger's allow-list", () => {
  let out: ReturnType<typeof capture>;
  beforeEach(() => (out = capture()));
  afterEach(() => {
    vi.restoreAllMocks();
    setTelemetrySink(undefined);
  });

  it("never writes an arbitrary string placed in a field that is not on the list, on either path", () => {
    const log = createLogger("debug");
    fc.assert(
      // The sentinel only makes a leak unmistakable; what follows it is arbitrary.
      fc.property(fc.constantFrom(...TEXT_KEYS), fc.string({ maxLength: 300 }).map((s) => `\u00a7${s}`), fc.constantFrom("debug", "info", "warn", "error"), (key, typed, level) => {
        out.lines.length = 0;
        out.records.length = 0;
        log[level as "info"]("A constant message", { [key]: typed, nested: { [key]: typed }, list: [typed] });
        const written = [...out.parsed().flatMap(strings), ...out.records.flatMap((r) => strings(r.fields))];
        expect(written.some((s) => s.includes(typed))).toBe(false);
        expect(out.parsed()[0]?.[key]).toBe(REDACTED);
      }),
      { numRuns: 300 },
    );
  });

  it("redacts typed text even under keys that carry ids, when it has the shape of text", () => {
    const log = createLogger("debug");
    // Spaces, or longer than any id: a sentence, whatever key it is under.
    const sentence = fc
      .tuple(fc.string({ minLength: 1, maxLength: 40 }), fc.string({ minLength: 1, maxLength: 40 }))
      .map(([a, b]) => `${a} ${b}`)
      .filter((s) => !/^HTTP \d{3}$/.test(s) && s !== "malformed effect"); // the two code-shaped phrases
    fc.assert(
      fc.property(fc.constantFrom(...ID_KEYS, "reason", "status", "alert"), fc.oneof(sentence, fc.string({ minLength: 201, maxLength: 400 })), (key, typed) => {
        out.lines.length = 0;
        log.error("Something failed", { [key]: typed });
        expect(out.parsed()[0]?.[key]).toBe(REDACTED);
      }),
    );
  });

  it("keeps allowed ids, counts and flags exactly as given", () => {
    const log = createLogger("debug");
    const idChars = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:|@".split(""));
    fc.assert(
      fc.property(fc.constantFrom(...ID_KEYS), fc.string({ unit: idChars, minLength: 1, maxLength: 120 }), fc.nat(), fc.boolean(), (key, id, attempts, saved) => {
        out.lines.length = 0;
        out.records.length = 0;
        log.warn("Outbox effect failed; retrying later", { [key]: id, attempts, saved });
        expect(out.parsed()[0]).toMatchObject({ [key]: id, attempts, saved });
        expect(out.records[0]?.fields).toMatchObject({ [key]: id, attempts, saved });
      }),
    );
  });

  it("logs a validation error's paths and codes, never the values it quotes", () => {
    const typed = "Year 4 boy who hits out at lunchtime";
    const parsed = z.object({ kind: z.enum(["message", "invoke"]), text: z.string().max(3) }).safeParse({ kind: typed, text: typed });
    expect(parsed.success).toBe(false);
    createLogger("info").error("Rejected a request", { error: parsed.error, reason: parsed.success ? "" : parsed.error.message });
    const line = out.parsed()[0];
    expect(out.all()).not.toContain("hits out");
    expect(line).toMatchObject({ reason: REDACTED, error: { name: "ZodError", issues: [{ path: "kind", code: "invalid_enum_value" }, { path: "text", code: "too_big" }] } });
  });

  it("keeps an error's name, code, status and frames but not its message", () => {
    const err = Object.assign(new Error("Table rejected the note: 'She cries every morning'"), { name: "RestError", code: "InvalidInput", statusCode: 400 });
    createLogger("info").error("A card action failed", { error: err, reason: "HTTP 400" });
    const line = out.parsed()[0] as { error: { stack: string[] } };
    expect(line).toMatchObject({ reason: "HTTP 400", error: { name: "RestError", code: "InvalidInput", status: 400 } });
    expect(line.error.stack[0]).toMatch(/^at /);
    expect(out.all()).not.toContain("cries");
  });

  it("writes the same fields to the console and to telemetry, with the alert attribute", () => {
    createLogger("info", { app: "send-early-help" }).error("Outbox effect dead-lettered", { alert: "outbox-dead-letter", effectId: "e1", kind: "triage-post", attempts: 16, reason: "HTTP 403" });
    const { time, level, message, ...fields } = out.parsed()[0] ?? {};
    expect({ level, message }).toEqual({ level: "error", message: "Outbox effect dead-lettered" });
    expect(typeof time).toBe("string");
    expect(out.records[0]).toMatchObject({ level: "error", message: "Outbox effect dead-lettered", fields });
    expect(fields).toMatchObject({ alert: "outbox-dead-letter" });
  });

  it("stays at its level on both paths", () => {
    createLogger("warn").info("Routine");
    expect(out.lines).toEqual([]);
    expect(out.records).toEqual([]);
  });
});

describe("the invocation wrapper", () => {
  let out: ReturnType<typeof capture>;
  beforeEach(() => (out = capture()));
  afterEach(() => {
    vi.restoreAllMocks();
    setTelemetrySink(undefined);
  });
  const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  const SPAN = "00f067aa0ba902b7";

  it("puts the invocation id, function and trace ids on every line written during the invocation, however deep", async () => {
    const log = createLogger("debug");
    const handler = withInvocation(async (_trigger: unknown, context: InvocationContext) => {
      await new Promise((r) => setTimeout(r, 5));
      log.info("Deep in a use case");
      context.log("outbox: effect e1 waiting");
      context.error("outbox: failed; the host will retry", new TypeError("Cannot read 'She cries every morning'"));
      return "done";
    }, log);
    const context = new InvocationContext({ invocationId: "inv-123", functionName: "outbox", traceContext: { traceParent: `00-${TRACE}-${SPAN}-01` } });
    expect(await handler({}, context)).toBe("done");
    log.info("After the invocation");
    const lines = out.parsed();
    for (const line of lines.slice(0, 3)) expect(line).toMatchObject({ invocationId: "inv-123", function: "outbox", traceId: TRACE, spanId: SPAN });
    expect(lines[1]).toMatchObject({ level: "info", message: "outbox: effect e1 waiting" });
    expect(lines[2]).toMatchObject({ level: "error", message: "outbox: failed; the host will retry", error: { name: "TypeError" } });
    expect(lines[3]).not.toHaveProperty("invocationId");
    expect(out.all()).not.toContain("cries");
  });

  it("keeps concurrent invocations apart, and wraps a handler once", async () => {
    const log = createLogger("debug");
    const once = withInvocation(async (delay: number) => {
      await new Promise((r) => setTimeout(r, delay));
      log.info("Done");
    }, log);
    const twice = withInvocation(once, log);
    expect(twice).toBe(once);
    await Promise.all([once(20, new InvocationContext({ invocationId: "slow", functionName: "a" })), once(1, new InvocationContext({ invocationId: "fast", functionName: "b" }))]);
    expect(out.parsed().map((l) => [l.invocationId, l.function])).toEqual([["fast", "b"], ["slow", "a"]]);
  });

  it("reads only well-formed W3C traceparents", () => {
    expect(parseTraceParent(`00-${TRACE}-${SPAN}-01`)).toEqual({ traceId: TRACE, spanId: SPAN, sampled: true });
    expect(parseTraceParent(`00-${TRACE}-${SPAN}-00`)?.sampled).toBe(false);
    for (const bad of [undefined, "", "garbage", `ff-${TRACE}-${SPAN}-01`, `00-${"0".repeat(32)}-${SPAN}-01`, `00-${TRACE}-${"0".repeat(16)}-01`, `00-${TRACE}-${SPAN}`])
      expect(parseTraceParent(bad)).toBeUndefined();
  });
});

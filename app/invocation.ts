import { AsyncLocalStorage } from "node:async_hooks";
import type { InvocationContext } from "@azure/functions";
import type { Logger, LogLevel } from "./log";

/**
 * Which function invocation the code is running in, so every log line written during it carries
 * the invocation id, the function name and the W3C trace ids without any trigger passing them on.
 * One wrapper (withInvocation) sets it, for the Functions host (functions/index.ts) and for the
 * local dev host alike.
 */
export interface InvocationScope {
  invocationId: string;
  function: string;
  traceId?: string;
  spanId?: string;
}

const scopes = new AsyncLocalStorage<InvocationScope>();

export function currentInvocation(): InvocationScope | undefined {
  return scopes.getStore();
}

export interface TraceParent {
  traceId: string;
  spanId: string;
  sampled: boolean;
}

/** A W3C traceparent ("00-<32 hex>-<16 hex>-<flags>"); undefined when absent or malformed. */
export function parseTraceParent(value: string | undefined): TraceParent | undefined {
  const m = /^([\da-f]{2})-([\da-f]{32})-([\da-f]{16})-([\da-f]{2})$/.exec(value?.trim().toLowerCase() ?? "");
  if (!m || m[1] === "ff" || /^0+$/.test(m[2] ?? "") || /^0+$/.test(m[3] ?? "")) return undefined;
  return { traceId: m[2] ?? "", spanId: m[3] ?? "", sampled: (parseInt(m[4] ?? "0", 16) & 1) === 1 };
}

type TraceContext = InvocationContext["traceContext"];
/** Runs work inside the invocation's OpenTelemetry context; app/telemetry.ts sets it when it starts. */
export type TraceContextRunner = <T>(traceContext: TraceContext, work: () => T) => T;
let runInTraceContext: TraceContextRunner = (_traceContext, work) => work();

export function setTraceContextRunner(runner: TraceContextRunner): void {
  runInTraceContext = runner;
}

type Handler<T, R> = (trigger: T, context: InvocationContext) => R | Promise<R>;
const wrapped = new WeakSet<object>();

/**
 * Runs a trigger's handler inside its invocation's scope (and, with telemetry on, its trace
 * context), with the context's own log methods (context.log, context.error, ...) written through
 * the app's Logger, so they are correlated and redacted like every other line.
 */
export function withInvocation<T, R>(handler: Handler<T, R>, log: Logger): (trigger: T, context: InvocationContext) => Promise<R> {
  if (wrapped.has(handler)) return handler as (trigger: T, context: InvocationContext) => Promise<R>;
  const run = (trigger: T, context: InvocationContext): Promise<R> => {
    const trace = parseTraceParent(context.traceContext?.traceParent);
    const scope: InvocationScope = { invocationId: context.invocationId, function: context.functionName, ...(trace ? { traceId: trace.traceId, spanId: trace.spanId } : {}) };
    return scopes.run(scope, () => runInTraceContext(context.traceContext, async () => handler(trigger, logThroughApp(context, log))));
  };
  wrapped.add(run);
  return run;
}

const CONTEXT_LOG_LEVELS: Readonly<Record<string, LogLevel>> = { log: "info", trace: "debug", debug: "debug", info: "info", warn: "warn", error: "error" };

/**
 * The same context, but its log methods go to the Logger: strings make the message, a thrown
 * value goes in `error` (summarised there), anything else in `detail` (which the allow-list
 * redacts). The host then relays none of the worker's logs itself (see docs/telemetry.md).
 */
function logThroughApp(context: InvocationContext, log: Logger): InvocationContext {
  const write = (level: LogLevel, args: unknown[]) => {
    const message = args.filter((a) => typeof a === "string" || typeof a === "number").join(" ");
    const error = args.find((a) => a instanceof Error);
    const others = args.filter((a) => a !== error && typeof a !== "string" && typeof a !== "number");
    log[level](message, { ...(error ? { error } : {}), ...(others.length ? { detail: others } : {}) });
  };
  return new Proxy(context, {
    get(target, property) {
      if (typeof property === "string" && Object.prototype.hasOwnProperty.call(CONTEXT_LOG_LEVELS, property)) {
        const level = CONTEXT_LOG_LEVELS[property] ?? "info";
        return (...args: unknown[]) => write(level, args);
      }
      // The context keeps state in private fields, so its methods must run on the real object.
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

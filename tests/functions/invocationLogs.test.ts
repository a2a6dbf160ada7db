import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes, randomUUID } from "node:crypto";
import { HttpRequest, InvocationContext, type HttpHandler, type HttpResponseInit, type StorageQueueHandler } from "@azure/functions";
import * as otelApi from "@opentelemetry/api";
import * as otelLogs from "@opentelemetry/api-logs";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { getRuntime, type Runtime } from "../../app/composition";
import { setTraceContextRunner } from "../../app/invocation";
import { setTelemetrySink } from "../../app/log";
import { bridgeToOpenTelemetry } from "../../app/telemetry";
import { VERBS } from "../../cards/verbs";
import { startConnector, type Connector } from "../../devhost/captureConnector";
import { registrations } from "../../functions/registrations";
import { instrument } from "../../functions/registry";
import { QUEUES } from "../../storage/queues";
import { demoPerson, executeActivity, messageActivity } from "../support/activities";
import { cardText } from "../support/runtime";
import { uniquePrefix } from "../support/storage";

const TRIAGE = "19:early-help-triage@thread.tacv2";
// Distinctive words a SENCO and an advisor might type; none may reach any log line or record.
const QUESTION_MARKER = "tangerine-walrus";
const NOTE_MARKER = "periwinkle-abacus";
const MARKER_WORDS = ["tangerine", "walrus", "periwinkle", "abacus"];

/** OpenTelemetry's context across awaits, as the distro's context manager keeps it. */
class AsyncContextManager implements otelApi.ContextManager {
  private readonly storage = new AsyncLocalStorage<otelApi.Context>();
  active = () => this.storage.getStore() ?? otelApi.ROOT_CONTEXT;
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(context: otelApi.Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    return this.storage.run(context, () => fn.call(thisArg, ...args));
  }
  bind = <T>(_context: otelApi.Context, target: T): T => target;
  enable = () => this;
  disable = () => this;
}

/**
 * Real turns through the registered messages and outbox functions, wrapped as the Functions host
 * runs them (functions/index.ts), against Azurite and a stand-in Bot Connector: every console line
 * and every OpenTelemetry log record is captured while a SENCO asks a question and an advisor
 * answers it, with a dead-lettered delivery and a malformed activity on the way.
 */
describe("invocation logs: correlated, and never the text people typed", () => {
  let rt: Runtime;
  let connector: Connector;
  let messages: HttpHandler;
  let outbox: StorageQueueHandler;
  const console_: string[] = [];
  const records: Array<{ record: otelLogs.LogRecord; traceId: string | undefined }> = [];
  /** What each invocation wrote, by invocation id, and the trace it ran in. */
  const invocations = new Map<string, { traceId: string; lines: string[] }>();
  const sam = demoPerson("Sam Senco");
  const ada = demoPerson("Ada Advisor");
  const tara = demoPerson("Tara Triage");

  async function invoke<T, R>(fn: (trigger: T, context: InvocationContext) => unknown, functionName: string, trigger: T): Promise<R> {
    const invocationId = randomUUID();
    const traceId = randomBytes(16).toString("hex");
    const context = new InvocationContext({ invocationId, functionName, traceContext: { traceParent: `00-${traceId}-${randomBytes(8).toString("hex")}-01`, traceState: "", attributes: {} } });
    const before = console_.length;
    const result = (await fn(trigger, context)) as R;
    invocations.set(invocationId, { traceId, lines: console_.slice(before) });
    return result;
  }
  const post = (activity: unknown) =>
    invoke<HttpRequest, HttpResponseInit>(messages, "messages", new HttpRequest({ method: "POST", url: "http://127.0.0.1/api/messages", headers: { "content-type": "application/json" }, body: { string: JSON.stringify(activity) } }));
  const as = (who: { aadObjectId: string; name: string }, channel = false) => ({ serviceUrl: connector.url, from: who, ...(channel ? { conversationType: "channel" as const, conversationId: TRIAGE } : {}) });
  const press = async (who: { aadObjectId: string; name: string }, verb: string, data: Record<string, unknown>, channel: boolean) => {
    const res = await post(executeActivity(as(who, channel), verb, { pressId: randomUUID(), ...data }));
    expect(res.status).toBe(200);
    return cardText((res.jsonBody as { value?: unknown }).value);
  };
  /** Every queued effect, each through the outbox function as the host would deliver it. */
  async function drainOutbox() {
    const queue = rt.deps.queues.queue(QUEUES.outbox);
    for (;;) {
      const { receivedMessageItems: batch } = await queue.receiveMessages({ numberOfMessages: 32, visibilityTimeout: 60 });
      if (!batch.length) return;
      for (const m of batch) {
        await invoke(outbox, "outbox", JSON.parse(Buffer.from(m.messageText, "base64").toString("utf8")) as unknown);
        await queue.deleteMessage(m.messageId, m.popReceipt);
      }
    }
  }

  beforeAll(async () => {
    process.env.STORAGE_CONNECTION_STRING = inject("storageConnectionString");
    process.env.TABLE_PREFIX = uniquePrefix();
    process.env.LOG_LEVEL = "debug"; // every line the code writes
    rt = await getRuntime();
    connector = await startConnector();
    // Stand-ins for the distro's providers: records are kept with the trace they were written in.
    otelApi.context.setGlobalContextManager(new AsyncContextManager());
    otelLogs.logs.setGlobalLoggerProvider({
      getLogger: () => ({ enabled: () => true, emit: (record) => void records.push({ record, traceId: otelApi.trace.getSpanContext(otelApi.context.active())?.traceId }) }),
    });
    bridgeToOpenTelemetry(otelApi, otelLogs);
    for (const method of ["debug", "info", "log", "warn", "error"] as const)
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void console_.push(args.map(String).join(" ")));
    for (const stream of [process.stdout, process.stderr])
      vi.spyOn(stream, "write").mockImplementation((chunk: string | Uint8Array) => (console_.push(String(chunk)), true));
    const fns = instrument(registrations, rt.log);
    messages = fns.find((r) => r.name === "messages")?.handler as HttpHandler;
    outbox = fns.find((r) => r.name === "outbox")?.handler as StorageQueueHandler;

    for (const who of [sam, ada]) expect((await post(messageActivity(as(who), "hello"))).status).toBe(200);
    expect((await post(messageActivity(as(tara, true), "use this channel for triage"))).status).toBe(200);
    await drainOutbox();
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    setTelemetrySink(undefined);
    setTraceContextRunner((_traceContext, work) => work());
    otelLogs.logs.disable();
    otelApi.context.disable();
    await connector?.close();
  });

  it("a question, its triage, an advisor's note and a failed delivery log ids and reasons, never the text", { timeout: 120_000 }, async () => {
    // A typed question whose turn fails on an error quoting the text (a dependency that echoes its
    // input): the turn's error line names the error, never its message.
    rt.deps.secondOpinion = { assess: (text) => Promise.reject(new Error(`The classifier could not read: ${text}`)) };
    expect((await post(messageActivity(as(sam), `Reading stalls at the ${QUESTION_MARKER} stage; what next?`))).status).toBe(200);
    delete rt.deps.secondOpinion;
    expect(console_.some((l) => l.includes("Unhandled error in a turn"))).toBe(true);

    const submitted = await press(sam, VERBS.requestSubmit, {
      draftId: randomUUID(), schoolId: "riverside-primary", yearGroup: "Year 4", primaryNeed: "cognition-learning", otherNeeds: "",
      tried: `Phonics catch-up, then the ${QUESTION_MARKER} cards`, triedFor: "a term", question: `Reading stalls at the ${QUESTION_MARKER} stage; what next?`, urgency: "routine", riskOfHarm: "no",
    }, false);
    const reference = /EH-\d{4}-\d{4}/.exec(submitted)?.[0] ?? "";
    expect(reference).not.toBe("");
    await drainOutbox();
    expect(await press(ada, VERBS.triageClaim, { reference }, true)).toContain(reference);
    await drainOutbox();

    // Teams refuses the advice message to Sam's chat (403): the outbox dead-letters it, with its alert.
    connector.failNext(`a:${sam.aadObjectId}`, 1, 403);
    await press(ada, VERBS.triageAdvise, { reference, text: `Try the ${NOTE_MARKER} routine daily and review in six weeks.` }, true);
    await drainOutbox();
    // A malformed activity carrying the phrase is refused with a reason; the reason is logged, the text is not.
    expect((await post({ ...messageActivity(as(sam), `${QUESTION_MARKER} `.repeat(2000)), text: `${QUESTION_MARKER} `.repeat(2000) })).status).toBe(400);

    // The text really went through the code that logs: the triage channel got the question.
    expect(connector.sent.some((s) => JSON.stringify(s.body).includes(QUESTION_MARKER))).toBe(true);

    // Nothing written anywhere, console or telemetry, carries a word of it.
    const everything = (console_.join("\n") + JSON.stringify(records.map((r) => r.record))).toLowerCase();
    for (const word of MARKER_WORDS) expect(everything).not.toContain(word);

    // Every line written during an invocation carries that invocation, its function and its trace.
    let correlated = 0;
    for (const [invocationId, { traceId, lines }] of invocations)
      for (const line of lines.filter((l) => l.startsWith("{"))) {
        expect(JSON.parse(line)).toMatchObject({ invocationId, traceId });
        correlated++;
      }
    expect(correlated).toBeGreaterThan(2);

    // The dead letter: on the console and as a record, with the alert attribute, in its invocation's trace.
    const deadLetter = console_.map((l) => (l.startsWith("{") ? (JSON.parse(l) as Record<string, unknown>) : {})).find((l) => l.alert === "outbox-dead-letter");
    expect(deadLetter).toMatchObject({ level: "error", function: "outbox", reason: "HTTP 403", message: "Outbox effect dead-lettered" });
    const invocation = invocations.get(String(deadLetter?.invocationId));
    expect(invocation?.traceId).toBe(deadLetter?.traceId);
    const record = records.find((r) => r.record.attributes?.alert === "outbox-dead-letter");
    expect(record?.record).toMatchObject({ severityNumber: otelLogs.SeverityNumber.ERROR, severityText: "ERROR", body: "Outbox effect dead-lettered" });
    expect(record?.record.attributes).toMatchObject({ invocationId: deadLetter?.invocationId, function: "outbox", reason: "HTTP 403" });
    expect(record?.traceId).toBe(invocation?.traceId);

    // The refused activity: its reason is the field and the rule, in the messages invocation.
    const refused = console_.find((l) => l.includes("Rejected a malformed activity"));
    expect(JSON.parse(refused ?? "{}")).toMatchObject({ level: "warn", function: "messages", reason: "[redacted]" });
  });
});

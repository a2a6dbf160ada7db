import { HttpRequest, InvocationContext } from "@azure/functions";
import type { Application, TurnState } from "@microsoft/teams-ai";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type * as Composition from "../../app/composition";
import type { Runtime } from "../../app/composition";
import type { Logger } from "../../app/log";
import { FunctionsTeamsAdapter } from "../../bot/adapter";
import { processBotRequest } from "../../bot/httpBridge";
import { actionFailedCard } from "../../cards/outcomeCards";
import { VERBS } from "../../cards/verbs";
import { startConnector } from "../../devhost/captureConnector";
import { MAX_ACTIVITY_BYTES, messages } from "../../functions/messages";
import { ConversationRefRepository } from "../../storage/conversationRefs";
import { demoPerson, executeActivity, installActivity, messageActivity } from "../support/activities";
import { cardText, deliver, testRuntime } from "../support/runtime";

/** The failure card a press gets when its turn fails before any handler ran. */
const NOT_SAVED = cardText(actionFailedCard(undefined));

// Stands in for storage being down when the Functions worker first builds the runtime.
const coldStart = vi.hoisted(() => ({ fails: false }));
vi.mock("../../app/composition", async (importOriginal) => {
  const real = await importOriginal<typeof Composition>();
  return { ...real, getRuntime: () => (coldStart.fails ? Promise.reject(new Error("storage is down")) : real.getRuntime()) };
});

function captureLog() {
  const lines: Array<{ level: string; message: string; context: Record<string, unknown> }> = [];
  const make = (base: Record<string, unknown>): Logger => {
    const at = (level: string) => (message: string, context: Record<string, unknown> = {}) => void lines.push({ level, message, context: { ...base, ...context } });
    return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error"), child: (c) => make({ ...base, ...c }) };
  };
  return { log: make({}), lines, text: () => JSON.stringify(lines) };
}

const failing = { run: () => Promise.reject(new Error("Table storage is unavailable")) } as unknown as Application<TurnState>;
const TYPED = "Year 4 boy, reading well below peers";

describe("the HTTP bridge: bad input is a 4xx, our failures never a 5xx", () => {
  let rt: Runtime;
  let connector: Awaited<ReturnType<typeof startConnector>>;
  const senco = demoPerson("Sam Senco");
  beforeAll(async () => {
    rt = await testRuntime();
    connector = await startConnector();
  });
  afterAll(async () => {
    await connector.close();
  });
  const as = (serviceUrl = connector.url) => ({ serviceUrl, from: senco });
  const local = { localMode: true };

  it.each(["javascript:alert(1)", "file:///etc/passwd"])("refuses serviceUrl %s with 400 and stores no conversation reference", async (serviceUrl) => {
    const res = await deliver(rt, installActivity(as(serviceUrl)));
    expect(res.status).toBe(400);
    expect((res.jsonBody as { error: string }).error).toMatch(/serviceUrl: must be an https: URL/);
    expect(await rt.conversationRefs.find("wiltshire", ConversationRefRepository.userKey(senco.aadObjectId))).toBeUndefined();
  });

  it.each([
    ["a number as the locale", { locale: 5 }, "locale"],
    ["a control character in the conversation id", { conversation: { id: "a:\u0001", conversationType: "personal" } }, "conversation.id"],
    ["an unpaired surrogate in the sender's id", { from: { id: "29:\ud800", aadObjectId: senco.aadObjectId } }, "from.id"],
    ["a conversation id longer than a Table key allows", { conversation: { id: `a:${"x".repeat(3000)}`, conversationType: "personal" } }, "conversation.id"],
    ["entities that are not a list", { entities: "x" }, "entities"],
  ])("answers %s with 400 naming the field", async (_label, change, field) => {
    const res = await deliver(rt, { ...messageActivity(as(), "help"), ...change });
    expect(res.status).toBe(400);
    expect((res.jsonBody as { error: string }).error).toContain(`${field}: `);
  });

  it("with bot authentication on, refuses http: even to this machine, and still answers 401 to an unsigned call", async () => {
    const signed = await testRuntime({ BOT_ID: "00000000-0000-0000-0000-0000000000b0", BOT_PASSWORD: "not-a-secret", BOARD_REPORT_KEY: "k".repeat(32) });
    const local = await deliver(signed, messageActivity(as(), "help"));
    expect(local.status).toBe(400);
    expect((local.jsonBody as { error: string }).error).toContain("serviceUrl: must be an https: URL");
    expect((await deliver(signed, messageActivity(as("https://smba.trafficmanager.net/uk/"), "help"))).status).toBe(401);
  });

  it("answers a card action whose turn failed with 200 and a card saying so (the SDK would answer 501)", async () => {
    const { log, text } = captureLog();
    const activity = executeActivity(as(), VERBS.helpShow);
    const res = await processBotRequest({ authorization: "", bodyText: JSON.stringify(activity) }, rt.adapter, failing, log, local);
    expect(res.status).toBe(200);
    const body = res.jsonBody as { statusCode: number; type: string; value: unknown };
    expect(body).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive" });
    expect(cardText(body.value)).toBe(NOT_SAVED);
    expect(NOT_SAVED).toMatch(/Not saved: something went wrong on our side[\s\S]*try again in a minute/);
    expect(text()).toContain(activity.id);
  });

  it("answers an invoke no route handles with 200 and an empty body, not the SDK's 501", async () => {
    const res = await deliver(rt, { ...executeActivity(as(), VERBS.helpShow), name: "composeExtension/query" });
    expect(res).toEqual({ status: 200, jsonBody: {} });
  });

  it("when the adapter itself throws, logs the type and id but not the text, and answers 200", async () => {
    // No onTurnError on a fresh adapter, so the error escapes handleActivity as it would from auth or storage.
    const bare = new FunctionsTeamsAdapter(rt.config.bot);
    const { log, lines, text } = captureLog();
    const run = (a: unknown) => processBotRequest({ authorization: "", bodyText: JSON.stringify(a) }, bare, failing, log, local);

    const card = await run(executeActivity(as(), VERBS.helpShow, { note: TYPED }));
    expect(card.status).toBe(200);
    expect(cardText((card.jsonBody as { value: unknown }).value)).toBe(NOT_SAVED);
    expect(await run({ ...executeActivity(as(), VERBS.helpShow), name: "composeExtension/query" })).toEqual({ status: 200, jsonBody: {} });
    const message = messageActivity(as(), TYPED);
    expect(await run(message)).toEqual({ status: 200 });

    const last = lines.filter((l) => l.level === "error").at(-1);
    expect(last?.context).toMatchObject({ activityType: "message", activityId: message.id });
    expect(text()).not.toContain(TYPED);
  });
});

describe("POST /api/messages", () => {
  const context = () => {
    const logged: Array<{ level: string; text: string }> = [];
    const ctx = new InvocationContext({
      invocationId: "test",
      functionName: "messages",
      logHandler: (level, ...args) => void logged.push({ level, text: args.map(String).join(" ") }),
    });
    return { ctx, logged };
  };
  const post = (body: string, headers: Record<string, string> = {}) =>
    new HttpRequest({ method: "POST", url: "http://127.0.0.1/api/messages", headers, body: { string: body } });
  const o = { serviceUrl: "https://smba.trafficmanager.net/uk/", from: demoPerson("Sam Senco") };

  it("refuses a body over the limit with 413, whether declared or only counted", async () => {
    const declared = await messages(post("{}", { "content-length": String(MAX_ACTIVITY_BYTES + 1) }), context().ctx);
    expect(declared.status).toBe(413);
    const counted = await messages(post(JSON.stringify({ ...messageActivity(o, "x".repeat(MAX_ACTIVITY_BYTES)) })), context().ctx);
    expect(counted).toMatchObject({ status: 413, jsonBody: { error: "The activity is larger than 512 KB." } });
  });

  it("never answers 5xx when the app cannot start: a card action gets the failure card, others 200", async () => {
    coldStart.fails = true;
    try {
      const { ctx, logged } = context();
      const card = await messages(post(JSON.stringify(executeActivity(o, VERBS.helpShow))), ctx);
      expect(card.status).toBe(200);
      expect(cardText((card.jsonBody as { value: unknown }).value)).toBe(NOT_SAVED);
      expect(logged.some((l) => l.level === "error" && l.text.includes("storage is down"))).toBe(true);
      expect(await messages(post(JSON.stringify({ ...executeActivity(o, VERBS.helpShow), name: "task/fetch" })), ctx)).toEqual({ status: 200, jsonBody: {} });
      expect(await messages(post(JSON.stringify(messageActivity(o, "help"))), ctx)).toEqual({ status: 200 });
      expect((await messages(post("{ nope"), ctx)).status).toBe(400);
    } finally {
      coldStart.fails = false;
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Runtime } from "../../app/composition";
import { VERBS } from "../../cards/verbs";
import { ConversationRefRepository } from "../../storage/conversationRefs";
import { demoPerson, executeActivity, installActivity, messageActivity } from "../support/activities";
import { startConnector } from "../../devhost/captureConnector";
import { cardText, deliver, testRuntime, visibleText } from "../support/runtime";

describe("bot basics against real Table storage", () => {
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

  const as = (who: { aadObjectId: string; name: string }, extra: Record<string, string> = {}) => ({ serviceUrl: connector.url, from: who, ...extra });

  it("welcomes a SENCO by name when installed in personal chat, and remembers the chat", async () => {
    connector.sent.length = 0;
    const res = await deliver(rt, installActivity(as(senco)));
    expect(res.status).toBe(200);
    const text = visibleText(connector.sent[0]?.body ?? {});
    expect(text).toContain("Welcome to SEND Early Help");
    expect(text).toContain("Hello Sam Senco");
    expect(text).toContain("never type a child's name");
    const ref = await rt.conversationRefs.find("wiltshire", ConversationRefRepository.userKey(senco.aadObjectId));
    expect(ref?.scope).toBe("personal");
  });

  it("answers help with the caller's roles", async () => {
    connector.sent.length = 0;
    await deliver(rt, messageActivity(as(senco), "help"));
    const text = visibleText(connector.sent[0]?.body ?? {});
    expect(text).toContain("What I can do for you");
    expect(text).toContain("registered with Wiltshire Council (demo) as: SENCO");
  });

  it("shows my details with the SENCO's school", async () => {
    connector.sent.length = 0;
    await deliver(rt, messageActivity(as(senco), "my details"));
    expect(visibleText(connector.sent[0]?.body ?? {})).toContain("Riverside Primary School (demo)");
  });

  it("returns the help card as the Action.Execute invoke response", async () => {
    const res = await deliver(rt, executeActivity(as(senco), VERBS.helpShow));
    expect(res.status).toBe(200);
    const body = res.jsonBody as { statusCode: number; type: string; value: unknown };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(cardText(body.value)).toContain("What I can do for you");
  });

  it("does not echo an unknown message, and points to help", async () => {
    connector.sent.length = 0;
    await deliver(rt, messageActivity(as({ aadObjectId: "not-registered", name: "Visitor" }), "zebra crossing quantum"));
    const text = visibleText(connector.sent[0]?.body ?? {});
    expect(text).toContain("Sorry, I didn't understand that");
    expect(text).not.toContain("zebra");
  });

  it("treats a registered SENCO's text as a question, and says so when nothing fits", async () => {
    connector.sent.length = 0;
    await deliver(rt, messageActivity(as(senco), "zebra crossing quantum"));
    const text = visibleText(connector.sent[0]?.body ?? {});
    expect(text).toContain("I couldn't find guidance that fits");
    expect(text).not.toContain("zebra");
  });

  it("tells someone not registered with the area what to do", async () => {
    connector.sent.length = 0;
    await deliver(rt, messageActivity(as({ aadObjectId: "not-registered", name: "Visitor" }), "help"));
    expect(visibleText(connector.sent[0]?.body ?? {})).toContain("not registered with a local area");
  });

  it("welcomes a team with the area's name", async () => {
    connector.sent.length = 0;
    await deliver(rt, installActivity({ ...as(demoPerson("Tara Triage")), conversationType: "channel", conversationId: "19:general@thread.tacv2" }));
    expect(visibleText(connector.sent[0]?.body ?? {})).toContain("has joined this team");
    const ref = await rt.conversationRefs.find("wiltshire", ConversationRefRepository.channelKey("19:general@thread.tacv2"));
    expect(ref?.scope).toBe("channel");
  });

  it("rejects a malformed activity with 400 and a reason", async () => {
    const res = await deliver(rt, { type: "message", text: "hi" });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.jsonBody)).toMatch(/serviceUrl|conversation/);
  });
});

describe("bot with authentication on", () => {
  it("rejects an unsigned call with 401", async () => {
    const rt = await testRuntime({ BOT_ID: "00000000-0000-0000-0000-00000000b0b0", BOT_PASSWORD: "not-a-real-secret", BOARD_REPORT_KEY: "test-signing-key-0123456789abcdef0123" });
    const connector = await startConnector();
    try {
      // With authentication on only https service URLs are accepted; the signature check then refuses it.
      const res = await deliver(rt, messageActivity({ serviceUrl: "https://smba.trafficmanager.net/uk/", from: demoPerson("Sam Senco") }, "help"));
      expect(res.status).toBe(401);
      expect(connector.sent).toHaveLength(0);
    } finally {
      await connector.close();
    }
  });
});

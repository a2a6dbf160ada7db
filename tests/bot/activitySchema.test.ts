import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Runtime } from "../../app/composition";
import { describeIssues, incomingActivity, MAX_ID_LENGTH } from "../../bot/activitySchema";
import { VERBS } from "../../cards/verbs";
import { startConnector } from "../../devhost/captureConnector";
import { demoPerson, executeActivity, installActivity, messageActivity } from "../support/activities";
import { deliver, testRuntime } from "../support/runtime";

const senco = demoPerson("Sam Senco");
const TEAMS = "https://smba.trafficmanager.net/uk/";
const valid = (serviceUrl = TEAMS) => messageActivity({ serviceUrl, from: senco }, "help") as Record<string, unknown>;

/** A copy of the activity with one field set (undefined removes it), making parents as needed. */
function withField(activity: Record<string, unknown>, path: readonly string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(activity);
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== "object" || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1] ?? "";
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

function reasonFor(activity: unknown, localMode = true): string {
  const result = incomingActivity({ localMode }).safeParse(activity);
  return result.success ? "accepted" : describeIssues(result.error);
}

describe("incoming activity schema", () => {
  it("accepts what Teams sends, and keeps fields it does not know for the SDK", () => {
    const o = { serviceUrl: TEAMS, from: senco };
    for (const a of [messageActivity(o, "help"), installActivity(o), executeActivity(o, VERBS.helpShow)]) expect(reasonFor(a, false)).toBe("accepted");
    const extra = { ...valid(), attachments: [{ contentType: "text/html" }], channelData: { tenant: { id: "t" }, eventType: "teamRenamed" } };
    const parsed = incomingActivity({ localMode: false }).parse(extra);
    expect(parsed).toMatchObject({ attachments: [{ contentType: "text/html" }], channelData: { eventType: "teamRenamed" } });
  });

  it.each([
    ["a number as the locale", ["locale"], 5, "locale: Expected string"],
    ["a control character in an id", ["conversation", "id"], "a:\u0001x", "conversation.id: must not contain control characters"],
    ["a C1 control character in a name", ["from", "name"], "Sam\u0085", "from.name: must not contain control characters"],
    ["an unpaired surrogate in an id", ["from", "id"], "29:\ud800", "from.id: must be well-formed Unicode"],
    ["an unpaired surrogate in a team name", ["channelData", "team", "name"], "\udc00Team", "channelData.team.name: must be well-formed Unicode"],
    ["an id longer than a Table key allows", ["conversation", "id"], "a".repeat(MAX_ID_LENGTH + 1), `conversation.id: must be at most ${MAX_ID_LENGTH} characters`],
    ["an empty channel id", ["channelId"], "", "channelId: must not be empty"],
    ["a number as the timestamp", ["timestamp"], 1_700_000_000, "timestamp: Expected string"],
    ["a number as the tenant", ["channelData", "tenant", "id"], 42, "channelData.tenant.id: Expected string"],
    ["a member that is not an account", ["membersAdded"], [5], "membersAdded.0: Expected object"],
    ["too many members", ["membersAdded"], Array.from({ length: 1001 }, (_, i) => ({ id: `29:${i}` })), "membersAdded: must list at most 1000 members"],
    ["entities that are not a list", ["entities"], "x", "entities: Expected array"],
    ["a mention of nobody", ["entities"], [{ type: "mention", text: "<at>Bot</at>" }], "entities.0.mentioned: a mention must say who is mentioned"],
    ["text longer than Teams allows", ["text"], "x".repeat(28_001), "text: must be at most 28000 characters"],
    ["a text that is not text", ["text"], { html: "<b>" }, "text: Expected string"],
  ])("refuses %s, naming the field", (_label, path, value, reason) => {
    expect(reasonFor(withField(valid(), path, value))).toContain(reason);
  });

  it("refuses a message that mentions the bot but has no text (the SDK would crash removing the mention)", () => {
    const a = withField(valid(), ["entities"], [{ type: "mention", mentioned: { id: "28:send-early-help-bot" }, text: "<at>Bot</at>" }]);
    expect(reasonFor(withField(a, ["text"], undefined))).toContain("text: is required in a message that mentions the bot");
  });

  it.each([
    ["javascript:alert(1)", false, false],
    ["file:///etc/passwd", false, false],
    ["ftp://smba.trafficmanager.net/", false, false],
    ["not a url", false, false],
    ["https://user:pw@smba.trafficmanager.net/", false, false],
    ["http://example.com/", false, false],
    ["https://smba.trafficmanager.net/uk/", true, true],
    ["http://127.0.0.1:56150/", true, false],
    ["http://localhost:3978/", true, false],
    ["http://[::1]:3978/", true, false],
  ])("serviceUrl %s: accepted locally %s, in Azure %s", (serviceUrl, local, azure) => {
    expect(reasonFor(valid(serviceUrl), true) === "accepted").toBe(local);
    expect(reasonFor(valid(serviceUrl), false) === "accepted").toBe(azure);
    if (!local) expect(reasonFor(valid(serviceUrl), true)).toMatch(/^serviceUrl: /);
  });

  it("never quotes the value it refuses", () => {
    const secret = "SECRET-VALUE";
    for (const [path, value] of [
      [["conversation", "id"], `${secret}\u0000`],
      [["serviceUrl"], `javascript:${secret}`],
      [["from", "name"], `${secret}${"x".repeat(2000)}`],
      [["locale"], `${secret}\ud800`],
    ] as const)
      expect(reasonFor(withField(valid(), path, value))).not.toContain(secret);
  });

  it("lists the first few reasons and counts the rest", () => {
    const reason = reasonFor({ type: "message", membersAdded: Array.from({ length: 20 }, () => 1) });
    expect(reason).toMatch(/^channelId: Required; serviceUrl: Required; conversation: Required/);
    expect(reason).toMatch(/; and \d+ more$/);
  });
});

describe("any body at all, through the bridge and a real bot", () => {
  let rt: Runtime;
  let connector: Awaited<ReturnType<typeof startConnector>>;
  beforeAll(async () => {
    rt = await testRuntime();
    connector = await startConnector();
  });
  afterAll(async () => {
    await connector.close();
  });

  const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
  // Plausible values as well as broken ones, so many mutated activities still reach the bot.
  const nasty = fc.oneof(
    fc.string({ minLength: 1, maxLength: 30 }),
    fc.jsonValue({ maxDepth: 3 }),
    fc.string({ unit: anyCodeUnit, maxLength: 20 }),
    fc.constantFrom("javascript:alert(1)", "file:///etc/passwd", "invoke", "adaptiveCard/action", "message", "conversationUpdate", "x".repeat(600), "\u0000", "\ud800", ""),
    fc.constantFrom(null, [], {}, [{}], [{ type: "mention" }], [{ id: 5 }], [{ id: "29:x", name: 7 }], undefined),
  );
  const fields = [
    ["type"], ["id"], ["name"], ["locale"], ["timestamp"], ["localTimestamp"], ["channelId"], ["serviceUrl"], ["replyToId"],
    ["conversation"], ["conversation", "id"], ["conversation", "conversationType"], ["conversation", "tenantId"],
    ["from"], ["from", "id"], ["from", "name"], ["from", "aadObjectId"], ["recipient"], ["recipient", "id"], ["recipient", "name"],
    ["membersAdded"], ["membersRemoved"], ["entities"], ["text"], ["value"], ["value", "action"], ["channelData"],
    ["channelData", "tenant"], ["channelData", "tenant", "id"], ["channelData", "team"], ["channelData", "team", "id"],
    ["channelData", "team", "name"], ["channelData", "channel", "id"], ["channelData", "channel", "name"],
  ] as const;

  const neverFails = async (body: unknown) => {
    const res = await deliver(rt, body);
    expect(res.status).toBeLessThan(500);
  };

  it("never throws or answers 5xx for arbitrary JSON", async () => {
    await fc.assert(fc.asyncProperty(fc.jsonValue(), neverFails), { numRuns: 200 });
  });

  it("never throws or answers 5xx for any mutation of a valid activity", async () => {
    const o = { serviceUrl: connector.url, from: senco };
    const bases = [messageActivity(o, "help"), installActivity(o), executeActivity(o, VERBS.helpShow)] as Record<string, unknown>[];
    const mutation = fc.record({ path: fc.constantFrom(...fields), value: nasty });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...bases), fc.array(mutation, { minLength: 1, maxLength: 2 }), async (base, changes) => {
        await neverFails(changes.reduce((a, c) => withField(a, c.path, c.value), base));
      }),
      { numRuns: 200 },
    );
  });
});

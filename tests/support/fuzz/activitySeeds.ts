import fc from "fast-check";
import { DEMO_TENANT, demoPack, installActivity, messageActivity } from "../activities";
import { longString, oddString, pupilText, sometimes, wrongType } from "./arbitraries";
import { DELETE, mutate, type Path } from "./json";
import { ALL_VERBS, BOT_ID, options, PRESSERS, pressActivity, UNKNOWN_TENANT, WHERE } from "./world";

/*
 * The activities property's inputs (tests/bot/fuzz/activities.test.ts): valid message / invoke /
 * conversationUpdate activities, then up to four fields mutated (deleted, wrong type, odd or huge
 * strings, or a value chosen for that field).
 */

const COMMANDS = [
  "help", "?", "my details", "hello", "thanks", "my requests", "queue", "report", "ask", "board report", "actions for right support", "actions",
  "show EH-2026-0001", "claim EH-2026-0001", "use this channel for triage", "use this channel for the board", "link this channel to Right support at the right time",
  "How can I support a Year 3 pupil who finds reading hard?", "Very few words at age four; what can we do in class?", "", "   ",
];
const messageText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...COMMANDS) },
  { weight: 2, arbitrary: oddString },
  { weight: 1, arbitrary: longString },
  { weight: 1, arbitrary: pupilText },
);

const PATHS: Path[] = [
  ["type"], ["id"], ["channelId"], ["serviceUrl"], ["timestamp"], ["localTimestamp"], ["locale"], ["from"], ["from", "id"], ["from", "name"], ["from", "aadObjectId"],
  ["recipient"], ["recipient", "id"], ["recipient", "name"], ["conversation"], ["conversation", "id"], ["conversation", "conversationType"], ["conversation", "tenantId"],
  ["channelData"], ["channelData", "tenant"], ["channelData", "tenant", "id"], ["channelData", "team"], ["channelData", "team", "id"], ["channelData", "channel"],
  ["text"], ["name"], ["replyToId"], ["value"], ["value", "action"], ["value", "action", "type"], ["value", "action", "verb"], ["value", "action", "data"],
  ["membersAdded"], ["membersRemoved"], ["entities"], ["attachments"], ["textFormat"], ["channelData", "__proto__"],
];

const account = fc.record({ id: fc.oneof(fc.constant(BOT_ID), oddString, wrongType), name: fc.oneof(oddString, wrongType) }, { requiredKeys: [] });
const SPECIFIC: Record<string, fc.Arbitrary<unknown>> = {
  type: fc.constantFrom("message", "invoke", "conversationUpdate", "event", "typing", "messageReaction", "installationUpdate", "endOfConversation", "MESSAGE", " message", "messageUpdate"),
  name: fc.constantFrom("adaptiveCard/action", "ADAPTIVECARD/ACTION", "composeExtension/query", "task/fetch", "signin/verifyState", "config/fetch", "actionableMessage/executeAction", "healthCheck"),
  serviceUrl: fc.oneof(
    fc.constantFrom(
      "ftp://127.0.0.1/", "file:///etc/passwd", "javascript:alert(1)", "data:text/plain,hi", "ws://127.0.0.1/", "mailto:bot@example.org", "urn:x", "//127.0.0.1/",
      "127.0.0.1", "http://example.org/", "http://10.0.0.1/", "http://user:pw@127.0.0.1/", "https://user@smba.trafficmanager.net/", "https://", "https://[::1", "HTTP://[::1]:1/",
      "https://127.0.0.1:1/", // well formed but nobody listens: the send fails fast
    ),
    fc.webUrl().map((u) => u.replace(/^https?:/, "gopher:")),
  ),
  text: messageText,
  "value.action.type": fc.constantFrom("Action.Execute", "Action.Submit", "action.execute", "Action.OpenUrl", ""),
  "value.action.verb": fc.oneof(fc.constantFrom(...ALL_VERBS), fc.constantFrom("", "HELP.SHOW", "help.show ", "unknown.verb", "__proto__", "constructor", "toString")),
  "value.action.data": fc.oneof(fc.anything(), fc.object()),
  value: fc.oneof(fc.anything(), fc.record({ action: fc.record({ type: fc.constant("Action.Execute"), verb: fc.constantFrom(...ALL_VERBS), data: fc.anything() }), trigger: fc.constantFrom("manual", "automatic") })),
  "conversation.conversationType": fc.constantFrom("personal", "channel", "groupChat", "PERSONAL", "meeting"),
  channelId: fc.constantFrom("msteams", "emulator", "webchat", "directline", "slack", "MSTEAMS"),
  "from.aadObjectId": fc.oneof(fc.constantFrom(...PRESSERS.map((p) => p.aadObjectId)), fc.uuid()),
  "channelData.tenant.id": fc.oneof(fc.constantFrom(DEMO_TENANT, UNKNOWN_TENANT, ...demoPack.tenantIds), fc.uuid()),
  "conversation.tenantId": fc.oneof(fc.constantFrom(DEMO_TENANT, UNKNOWN_TENANT), fc.uuid()),
  membersAdded: fc.oneof(fc.array(account, { maxLength: 3 }), fc.constant(Array.from({ length: 1001 }, (_, i) => ({ id: `29:m${i}` })))),
  membersRemoved: fc.oneof(fc.array(account, { maxLength: 3 }), fc.constant([{ id: BOT_ID }])),
  entities: fc.oneof(
    fc.constant([{ type: "mention", mentioned: { id: BOT_ID, name: "SEND Early Help" }, text: "<at>SEND Early Help</at>" }]),
    fc.constant([{ type: "mention", text: "<at>nobody</at>" }]),
    fc.constant([{ type: "clientInfo", locale: "en-GB", country: "GB", platform: "Web" }]),
    fc.constant(Array.from({ length: 257 }, () => ({ type: "clientInfo" }))),
    fc.array(fc.oneof(fc.constant(null), fc.constant({}), fc.record({ type: fc.oneof(oddString, wrongType), mentioned: fc.oneof(account, wrongType), text: fc.oneof(oddString, wrongType) }, { requiredKeys: [] })), { maxLength: 3 }),
  ),
};

const mutation = fc.constantFrom(...PATHS).chain((path) =>
  fc
    .oneof(
      { weight: 2, arbitrary: fc.constant<unknown>(DELETE) },
      { weight: 3, arbitrary: wrongType },
      { weight: 2, arbitrary: oddString },
      { weight: 1, arbitrary: longString },
      { weight: 4, arbitrary: SPECIFIC[path.join(".")] ?? oddString },
    )
    .map((value) => ({ path, value })),
);

export const activitySeed = fc.record({
  kind: fc.constantFrom("message", "invoke", "conversationUpdate"),
  presser: fc.constantFrom(...PRESSERS),
  where: fc.constantFrom(...WHERE),
  text: messageText,
  verb: fc.constantFrom(...ALL_VERBS),
  data: fc.oneof(fc.object(), fc.anything()),
  mutations: fc.oneof({ weight: 1, arbitrary: fc.constant([]) }, { weight: 4, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 4 }) }),
  /** Rarely, a body that is not an activity at all. */
  notAnActivity: sometimes(fc.anything(), 40),
});
export type ActivitySeed = typeof activitySeed extends fc.Arbitrary<infer T> ? T : never;

export function buildActivity(seed: ActivitySeed, serviceUrl: string): unknown {
  if (seed.notAnActivity !== undefined) return seed.notAnActivity;
  const o = options(serviceUrl, seed.presser, seed.where);
  // A deep copy: the builders share objects (the bot's account) that a mutation must not reach.
  const activity = structuredClone(
    seed.kind === "message" ? messageActivity(o, seed.text) : seed.kind === "invoke" ? pressActivity(o, seed.verb, seed.data) : installActivity(o),
  ) as Record<string, unknown>;
  for (const m of seed.mutations) mutate(activity, m.path, m.value);
  return activity;
}

import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Runtime } from "../../app/composition";
import { splitList } from "../../bot/cardData";
import { VERBS, PRESS_ID, type Verb } from "../../cards/verbs";
import { startConnector } from "../../devhost/captureConnector";
import { AdviceRequestDraft, CLOSE_OUTCOMES, CloseOutcome, REFERENCE_PATTERN, REFERRAL_DESTINATIONS, ReferralDestination, TRIED_FOR, YEAR_GROUPS } from "../../domain/adviceRequest";
import { isCouncilStaff } from "../../domain/adviceRequests";
import { ActionStatus, NeedArea, Rag, type Person } from "../../domain/areaPack";
import { roleOf } from "../../domain/directory";
import { guardSchoolText } from "../../domain/requestTextGuards";
import { screenForPupilData } from "../../domain/textScreening";
import { ActionUpdateInput, canEditWorkstream, screenActionUpdate } from "../../domain/workstreams";
import { DEMO_TENANT, demoPack, demoPerson, executeActivity, installActivity, messageActivity, type ActivityOptions } from "../support/activities";
import { settle } from "../support/outbox";
import { cardText, deliver, testRuntime } from "../support/runtime";
import { validNhsNumber, validUln, validUpn } from "../domain/pupilData/generators";

/*
 * Property-based fuzzing of the whole bot: the HTTP bridge, the adapter, the Teams AI routes and
 * real tables in Azurite. Nothing is stubbed; the capture connector stands in for Teams.
 *
 * 1. Activities: valid message / invoke / conversationUpdate activities, mutated (wrong types,
 *    odd strings, missing fields, other serviceUrl schemes, huge text, arbitrary value payloads).
 * 2. Card actions: every verb, arbitrary and near-valid data, pressed by every kind of person;
 *    a press the route must refuse leaves the request, its history and the action as they were.
 *
 * The bridge turns a failed turn into a 200 (with a "something went wrong" card for card actions),
 * so a crash is invisible in the status: both properties also watch the runtime's error log and
 * the failure card's wording.
 */

const ACTIVITY_RUNS = 2500;
const CARD_ACTION_RUNS = 2500;

const BOT_ID = "28:send-early-help-bot";
const TRIAGE = "19:early-help-triage@thread.tacv2";
const WORKSTREAM_CHANNEL = "19:right-support@thread.tacv2";
const GROUP_CHAT = "19:group-chat@thread.v2";
const UNKNOWN_TENANT = "00000000-0000-4000-8000-00000000dead";
const ALL_VERBS = Object.values(VERBS) as Verb[];
/** Both "something went wrong" cards (the bridge's and onCardAction's) say this. */
const CRASH_WORDS = /something went wrong on our side/i;

type InvokeBody = { statusCode?: unknown; type?: unknown; value?: { type?: unknown } };

// ---------------------------------------------------------------------------------------------
// Who acts: the demo people, someone the area does not know, and a known id from another tenant.

interface Presser {
  label: string;
  aadObjectId: string;
  name: string;
  tenantId: string;
  /** Their registration as the bot will find it (none for the unknown person or tenant). */
  person: Person | undefined;
}

const registered = (name: string): Presser => {
  const p = demoPerson(name);
  return { label: name, aadObjectId: p.aadObjectId, name: p.name, tenantId: DEMO_TENANT, person: p };
};
const sam = registered("Sam Senco");
const sunita = registered("Sunita Shah");
const ada = registered("Ada Advisor");
const tara = registered("Tara Triage");
const leo = registered("Leo Lead");
const pat = registered("Pat Programme");
const PRESSERS: Presser[] = [
  sam,
  sunita,
  ada,
  tara,
  leo,
  pat,
  { label: "an unknown person", aadObjectId: "5e5d0000-0000-4000-8000-0000000009ff", name: "Una Known", tenantId: DEMO_TENANT, person: undefined },
  { label: "Sam's id from an unknown tenant", aadObjectId: sam.aadObjectId, name: "Sam Senco", tenantId: UNKNOWN_TENANT, person: undefined },
];

type Where = "personal" | "triage channel" | "workstream channel" | "group chat";
const WHERE: Where[] = ["personal", "triage channel", "workstream channel", "group chat"];

function options(serviceUrl: string, who: Presser, where: Where): ActivityOptions {
  const from = { aadObjectId: who.aadObjectId, name: who.name };
  if (where === "personal") return { serviceUrl, from, tenantId: who.tenantId };
  if (where === "group chat") return { serviceUrl, from, tenantId: who.tenantId, conversationType: "groupChat", conversationId: GROUP_CHAT };
  return { serviceUrl, from, tenantId: who.tenantId, conversationType: "channel", conversationId: where === "triage channel" ? TRIAGE : WORKSTREAM_CHANNEL };
}

/** An Action.Execute press carrying `data` exactly (not merged into an object), as JSON will carry it. */
function pressActivity(o: ActivityOptions, verb: string, data: unknown) {
  const a = executeActivity(o, verb);
  return { ...a, value: { ...a.value, action: { ...a.value.action, data } } };
}

/** What the bot receives: the JSON round trip drops undefined, turns NaN into null, and so on. */
function asDelivered(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : (JSON.parse(text) as unknown);
}

/** A value once in `every` draws, else undefined. */
const sometimes = <T>(arb: fc.Arbitrary<T>, every: number): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: every - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

const record = (v: unknown): Record<string, unknown> | undefined => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

// ---------------------------------------------------------------------------------------------
// Generators shared by both properties.

/** Control characters, unpaired surrogates, bidi overrides, zero-width and combining characters, emoji, other scripts. */
const ODD_STRINGS = [
  "", " ", "\t", "\r\n", "\u0000", "a\u0007b", "\u001b[31mred", "\u007f", "\u0085", "\u009f", "\uD800", "\uDC00", "x\uD83Dy", "\uDE00\uD83D", "\u202Eevil", "\u200B",
  "\uFEFF", "e\u0301\u0301\u0301", "👩‍👩‍👧‍👦", "𝒜𝓈𝓀", "\u2028\u2029", "İıßǅ", "日本語のテキスト", "مرحبا", "<at>SEND Early Help</at>", "<script>alert(1)</script>", "%00%0d%0a",
  "../../etc/passwd", "a/b\\c#d?e", "'; DROP TABLE x; --", "${process.exit()}", "__proto__", "constructor", "null", "undefined", "NaN", "[object Object]",
];
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const oddString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...ODD_STRINGS),
  fc.string({ unit: codeUnit, maxLength: 40 }), // any UTF-16 code units, lone surrogates included
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ maxLength: 20 }),
);
/** Strings at and just past each limit the activity schema and the card schemas set. */
const LENGTHS = [128, 129, 512, 513, 1024, 1025, 2001, 2049, 4001, 27_999, 28_001, 100_000];
const FILLS = ["a", "é", "😀", " ", "\u0000", "Reading support "];
// Indexes, not constantFrom: an integer shrinks by halving, so a failure shrinks to the shortest length that fails.
const longString: fc.Arbitrary<string> = fc
  .tuple(fc.nat(LENGTHS.length - 1), fc.nat(FILLS.length - 1))
  .map(([i, j]) => {
    const n = LENGTHS[i] ?? 0;
    const c = FILLS[j] ?? "a";
    return c.repeat(Math.ceil(n / c.length)).slice(0, n); // a cut emoji leaves an unpaired surrogate
  });
const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant({}),
  fc.constant([]),
  fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);
/** Pupil identifiers (valid check digits) as someone might type them. */
const pupilText: fc.Arbitrary<string> = fc.oneof(
  fc.constant("NHS number 943 476 5919"),
  validNhsNumber.map((n) => `Ask the OT about NHS number ${n} before the review.`),
  validUpn.map((u) => `His UPN is ${u}.`),
  validUln.map((u) => `ULN ${u}`),
);

// ---------------------------------------------------------------------------------------------
// Property 1: mutated activities.

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

const DELETE = Symbol("delete");
type Path = readonly string[];
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

/** Sets (or deletes) one field; skipped when a parent on the way is not an object. */
function mutate(root: Record<string, unknown>, path: Path, value: unknown): void {
  let node = root;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next === undefined) node = node[key] = {};
    else if (record(next)) node = next as Record<string, unknown>;
    else return;
  }
  const last = path[path.length - 1] ?? "";
  if (value === DELETE) delete node[last];
  else Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true }); // "__proto__" as an own key
}

const activitySeed = fc.record({
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
type ActivitySeed = typeof activitySeed extends fc.Arbitrary<infer T> ? T : never;

function buildActivity(seed: ActivitySeed, serviceUrl: string): unknown {
  if (seed.notAnActivity !== undefined) return seed.notAnActivity;
  const o = options(serviceUrl, seed.presser, seed.where);
  // A deep copy: the builders share objects (the bot's account) that a mutation must not reach.
  const activity = structuredClone(
    seed.kind === "message" ? messageActivity(o, seed.text) : seed.kind === "invoke" ? pressActivity(o, seed.verb, seed.data) : installActivity(o),
  ) as Record<string, unknown>;
  for (const m of seed.mutations) mutate(activity, m.path, m.value);
  return activity;
}

// ---------------------------------------------------------------------------------------------
// Property 2: card data. Near-valid data starts from what each verb's card really sends.

interface Pool {
  requests: Array<{ reference: string; schoolId: string }>;
  actions: Array<{ workstreamId: string; actionId: string }>;
}
/** Replaced at press time by the action's current version (as a number, or as the card's string), or the next one (a stale form). */
const CURRENT_VERSION = "$current-version";
const CURRENT_VERSION_TEXT = "$current-version-text";
const OTHER_VERSION = "$other-version";

const QUESTIONS = [
  "Reading is well below peers after a term of phonics catch-up.",
  "Very few words at age four; what can we do in class?",
  "He finds transitions between lessons very hard and leaves the room.",
];
const STAFF_TEXT = ["How long are the sessions, and how often?", "Try precision teaching of high-frequency words; review in six weeks.", "Referred for an assessment.", ""];

/** Each verb's card data; a verb added since this file was written is fuzzed with generic data. */
function templates(pool: Pool): Partial<Record<Verb, Record<string, fc.Arbitrary<unknown>>>> {
  const reference = fc.constantFrom(...pool.requests.map((r) => r.reference));
  const question = fc.constantFrom(...QUESTIONS);
  const context = fc.record({ question, yearGroup: fc.constantFrom(...YEAR_GROUPS) }, { requiredKeys: ["question"] });
  const form = {
    draftId: fc.oneof(fc.uuid(), fc.constant("fuzz-draft-1")),
    schoolId: fc.oneof({ weight: 3, arbitrary: fc.constantFrom("riverside-primary", "cathedral-view-primary") }, { weight: 1, arbitrary: fc.constantFrom(...demoPack.schools.map((s) => s.id)) }),
    yearGroup: fc.constantFrom(...YEAR_GROUPS),
    primaryNeed: fc.constantFrom(...NeedArea.options),
    otherNeeds: fc.oneof(fc.constant(""), fc.subarray([...NeedArea.options], { maxLength: 3 }).map((a) => a.join(","))),
    tried: fc.constantFrom("Phonics catch-up", "Visual timetable", ""),
    triedFor: fc.constantFrom(...TRIED_FOR),
    question,
    urgency: fc.constantFrom("routine", "soon", "urgent"),
    riskOfHarm: fc.constantFrom("no", "no", "no", "yes"),
  };
  const staffText = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...STAFF_TEXT) }, { weight: 1, arbitrary: pupilText });
  const action = fc.constantFrom(...pool.actions);
  const actionKey = { workstreamId: action.map((a) => a.workstreamId), actionId: action.map((a) => a.actionId) };
  return {
    [VERBS.helpShow]: {},
    [VERBS.profileShow]: {},
    [VERBS.askForm]: {},
    [VERBS.askSubmit]: form,
    [VERBS.adviceFeedback]: { feedbackId: fc.uuid(), helpful: fc.boolean(), articleIds: fc.array(fc.constantFrom("senco-networks", "send-early-help-advice-line"), { maxLength: 2 }), context },
    [VERBS.adviceRiskAnswer]: { answer: fc.constantFrom("yes", "no"), context },
    [VERBS.requestDraft]: { context },
    [VERBS.requestSubmit]: form,
    [VERBS.requestList]: {},
    [VERBS.requestView]: { reference },
    [VERBS.requestAddInfo]: { reference, information: fc.oneof(fc.constantFrom("Twenty minutes, four times a week.", "She now has a reading buddy."), pupilText), riskOfHarm: fc.constantFrom("no", "yes"), from: fc.constantFrom("answer", "request") },
    [VERBS.requestWithdraw]: { reference },
    [VERBS.triageClaim]: { reference },
    [VERBS.triageReassign]: { reference, advisor: fc.constantFrom(...demoPack.people.map((p) => p.aadObjectId)) },
    [VERBS.triageAskSchool]: { reference, text: staffText },
    [VERBS.triageAdvise]: { reference, text: staffText },
    [VERBS.triageRefer]: { reference, destination: fc.constantFrom(...REFERRAL_DESTINATIONS), text: staffText },
    [VERBS.triageClose]: { reference, outcome: fc.constantFrom(...CLOSE_OUTCOMES), text: staffText },
    [VERBS.triageReopen]: { reference },
    [VERBS.triageRefresh]: { reference },
    [VERBS.triageQueue]: {},
    [VERBS.triageReport]: { days: fc.constantFrom("7", "30", "90", "365") },
    [VERBS.actionView]: actionKey,
    [VERBS.actionEdit]: actionKey,
    [VERBS.actionUpdate]: {
      ...actionKey,
      version: fc.constantFrom(CURRENT_VERSION, CURRENT_VERSION_TEXT, OTHER_VERSION),
      status: fc.constantFrom(...ActionStatus.options),
      rag: fc.constantFrom(...Rag.options),
      ragReason: fc.constantFrom("", "Two advisors are off sick"),
      progressNote: fc.oneof(fc.constantFrom("", "Cover from the north team"), pupilText),
      evidenceLink: fc.constantFrom("", "https://example.org/evidence"),
      proposedDueDate: fc.constantFrom("", "2027-03-31"),
    },
    [VERBS.actionHistory]: actionKey,
    [VERBS.actionRefresh]: actionKey,
    [VERBS.boardReport]: {},
    [VERBS.deliveriesShow]: {},
    [VERBS.deliveriesRetry]: {},
  };
}

/** Who would press each verb's button in real use; half the presses come from them, half from anyone. */
function naturalPressers(verb: Verb): Presser[] {
  if (verb.startsWith("request.") || verb.startsWith("advice.")) return [sam, sunita];
  if (verb.startsWith("triage.")) return [ada, tara];
  if (verb.startsWith("action.") || verb === VERBS.boardReport) return [leo, pat];
  if (verb.startsWith("deliveries.")) return [tara, pat];
  return PRESSERS;
}

/** Wrong enum values, references that almost match, numbers as text: the near misses. */
const nearMiss = fc.constantFrom(
  "not-a-value", "GREEN", "Year 14", "no ", "Yes", "EH-2026-", "eh-2026-0001", " EH-2026-0001 ", "EH-2026-00001", "EH-26-0001", "-1", "1.5", "1e3", "0x10", "Infinity", "",
  "right-support-right-time ", "RIGHT-SUPPORT-RIGHT-TIME", "advice-line\u0000", "https://", "javascript:alert(1)", "31/03/2027", "2027-02-30",
  `EH-2026-${"1".repeat(505)}`, `EH-2026-${"9".repeat(2000)}`, // the reference pattern sets no length
);
const fieldChange: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: fc.constant<unknown>(DELETE) },
  { weight: 3, arbitrary: wrongType },
  { weight: 3, arbitrary: nearMiss },
  { weight: 2, arbitrary: oddString },
  { weight: 3, arbitrary: longString },
  { weight: 1, arbitrary: fc.array(longString, { minLength: 1, maxLength: 3 }) },
  { weight: 2, arbitrary: pupilText },
);
const GENERIC_KEYS = ["reference", "workstreamId", "actionId", "text", "version", "draftId", "context", PRESS_ID];

function nearValid(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(fields);
  const change = fc.record({ key: fc.constantFrom(...(keys.length ? keys : GENERIC_KEYS)), value: fieldChange });
  return fc
    .record({
      valid: fc.record(fields),
      changes: fc.oneof({ weight: 1, arbitrary: fc.constant([]) }, { weight: 2, arbitrary: fc.array(change, { minLength: 1, maxLength: 3 }) }),
      extra: sometimes(fc.dictionary(fc.string({ maxLength: 8 }), fc.anything({ maxDepth: 1 }), { maxKeys: 2 }), 5),
      pressId: sometimes(fc.oneof(fc.uuid(), fc.constant("fuzz-press-1"), longString), 3),
    })
    .map(({ valid, changes, extra, pressId }) => {
      const data: Record<string, unknown> = { ...extra, ...valid, ...(pressId !== undefined ? { [PRESS_ID]: pressId } : {}) };
      for (const c of changes) mutate(data, [c.key], c.value);
      return data;
    });
}

// The routes' card schemas, restated: data failing them must be refused with nothing changed.
const Ref = z.object({ reference: z.string().regex(REFERENCE_PATTERN) });
const WithText = Ref.extend({ text: z.string().trim().max(4000).default("") });
const TRIAGE_SCHEMAS: Partial<Record<Verb, z.ZodTypeAny>> = {
  [VERBS.triageClaim]: Ref,
  [VERBS.triageReopen]: Ref,
  [VERBS.triageReassign]: Ref.extend({ advisor: z.string().min(1) }),
  [VERBS.triageAskSchool]: WithText,
  [VERBS.triageAdvise]: WithText,
  [VERBS.triageRefer]: WithText.extend({ destination: ReferralDestination }),
  [VERBS.triageClose]: WithText.extend({ outcome: CloseOutcome }),
};
const SubmitData = AdviceRequestDraft.extend({
  draftId: z.string().min(1),
  riskOfHarm: z.enum(["no", "yes"]),
  otherNeeds: z.preprocess(splitList, z.array(AdviceRequestDraft.shape.otherNeeds.removeDefault().element).max(3)).default([]),
});
const AddInfoData = Ref.extend({ information: z.string().trim().min(1).max(2000) });
const AddInfoTyped = z.object({ riskOfHarm: z.enum(["yes", "no"]).optional().catch(undefined) });
const ActionKey = z.object({ workstreamId: z.string().min(1).max(80), actionId: z.string().min(1).max(80) });
const UpdateData = ActionKey.extend({ version: z.coerce.number().int().min(0) });

/**
 * Verbs that never change a request, its history or an action (they show, answer or record
 * feedback and audit; deliveries.retry only revives failed outbox rows).
 */
const READ_ONLY: ReadonlySet<Verb> = new Set([
  VERBS.helpShow, VERBS.profileShow, VERBS.askForm, VERBS.askSubmit, VERBS.adviceFeedback, VERBS.adviceRiskAnswer, VERBS.requestDraft, VERBS.requestList, VERBS.requestView,
  VERBS.triageRefresh, VERBS.triageQueue, VERBS.triageReport, VERBS.actionView, VERBS.actionEdit, VERBS.actionHistory, VERBS.actionRefresh, VERBS.boardReport,
  VERBS.deliveriesShow, VERBS.deliveriesRetry,
]);

type Verdict = { kind: "refuse"; reason: string } | { kind: "read-only" } | { kind: "may-change" };
const refuse = (reason: string): Verdict => ({ kind: "refuse", reason });
const throws = (f: () => void) => {
  try {
    f();
    return false;
  } catch {
    return true;
  }
};

/**
 * What the route must do with this press, judged only from who pressed and what the data says
 * (and the action's current version). "may-change" covers valid presses and refusals that depend
 * on the request's state (claiming a claimed request), which are not predicted here.
 */
function verdict(verb: Verb, who: Presser, data: unknown, target: { schoolId: string }, actionVersion: number | undefined): Verdict {
  if (READ_ONLY.has(verb)) return { kind: "read-only" };
  const person = who.person;
  if (!person) return refuse("the presser is not registered in the area");
  const triage = TRIAGE_SCHEMAS[verb];
  if (triage) {
    if (!isCouncilStaff(person)) return refuse("a triage verb from someone who is not council staff");
    const parsed = triage.safeParse(data);
    if (!parsed.success) return refuse("data fails the verb's schema");
    const d = parsed.data as { text?: string; advisor?: string };
    if (verb === VERBS.triageClaim && !roleOf(person.roles, "inclusion-advisor")) return refuse("only an inclusion advisor claims");
    if (verb === VERBS.triageReassign && !demoPack.people.some((p) => p.aadObjectId === d.advisor && roleOf(p.roles, "inclusion-advisor"))) return refuse("reassigned to someone who is not an advisor");
    if ((verb === VERBS.triageAskSchool || verb === VERBS.triageAdvise) && !d.text?.trim()) return refuse("no text");
    if (d.text !== undefined && screenForPupilData(d.text)) return refuse("staff text with a pupil identifier");
    return { kind: "may-change" };
  }
  const senco = roleOf(person.roles, "senco");
  if (verb === VERBS.requestSubmit) {
    const parsed = SubmitData.safeParse(data);
    if (!parsed.success) return refuse("data fails the verb's schema");
    if (parsed.data.riskOfHarm === "yes") return refuse("risk of harm answered yes");
    if (!senco?.schoolIds.includes(parsed.data.schoolId)) return refuse("not the SENCO of that setting");
    if (throws(() => guardSchoolText([parsed.data.question, parsed.data.tried], { riskOfHarmAnswered: "no" }))) return refuse("school text refused by screening");
    return { kind: "may-change" };
  }
  if (verb === VERBS.requestAddInfo || verb === VERBS.requestWithdraw) {
    if (!Ref.safeParse(data).success) return refuse("data fails the verb's schema");
    if (!senco?.schoolIds.includes(target.schoolId)) return refuse("not the SENCO of the request's setting");
    if (verb === VERBS.requestWithdraw) return { kind: "may-change" };
    const typed = AddInfoTyped.parse(data);
    if (typed.riskOfHarm === "yes") return refuse("risk of harm answered yes");
    const parsed = AddInfoData.safeParse(data);
    if (!parsed.success) return refuse("data fails the verb's schema");
    const answered = typed.riskOfHarm === "no" ? ({ riskOfHarmAnswered: "no" } as const) : {};
    if (throws(() => guardSchoolText([parsed.data.information], answered))) return refuse("school text refused by screening");
    return { kind: "may-change" };
  }
  if (verb === VERBS.actionUpdate) {
    const key = UpdateData.safeParse(data);
    if (!key.success) return refuse("data fails the verb's schema");
    if (actionVersion === undefined) return refuse("names no action of the pool (none, or one the snapshot does not cover)");
    const input = ActionUpdateInput.safeParse(data);
    if (!input.success) return refuse("data fails the verb's schema");
    if (!canEditWorkstream(person, key.data.workstreamId)) return refuse("not a lead of the workstream nor the programme office");
    if (throws(() => screenActionUpdate(input.data))) return refuse("update text with a pupil identifier");
    if (key.data.version !== actionVersion) return refuse("the form's version is not the action's");
    return { kind: "may-change" };
  }
  return { kind: "may-change" };
}

// ---------------------------------------------------------------------------------------------

describe("fuzzing the bot through HTTP (bot + Azurite)", () => {
  let connector: Awaited<ReturnType<typeof startConnector>>;
  let rtActivities: Runtime;
  let rtCards: Runtime;
  const logged = new Map<Runtime, string[]>();
  const pool: Pool = { requests: [], actions: [] };

  /** Errors the runtime logs (a turn that threw, a card action that failed), kept instead of printed. */
  function watchErrors(rt: Runtime): string[] {
    const errors: string[] = [];
    rt.log.error = (message, context) => void errors.push(`${message} ${safeJson(context)}`);
    logged.set(rt, errors);
    return errors;
  }

  beforeAll(async () => {
    connector = await startConnector();
    [rtActivities, rtCards] = await Promise.all([testRuntime(), testRuntime()]);
    watchErrors(rtActivities);
    watchErrors(rtCards);

    // Property 2's world: every known person has a chat, Tara has chosen the triage channel, and
    // Sam (three) and Sunita (one) have sent requests, through the bot.
    for (const who of PRESSERS) await deliver(rtCards, messageActivity(options(connector.url, who, "personal"), "hello"));
    await deliver(rtCards, messageActivity(options(connector.url, tara, "triage channel"), "use this channel for triage"));
    const submit = async (who: Presser, schoolId: string, n: number) => {
      const res = await deliver(
        rtCards,
        executeActivity(options(connector.url, who, "personal"), VERBS.requestSubmit, {
          draftId: `fuzz-setup-${n}`, schoolId, yearGroup: "Year 4", primaryNeed: "cognition-learning", otherNeeds: "", tried: "Phonics catch-up", triedFor: "a term",
          question: "Reading is well below peers after a term of phonics catch-up.", urgency: n === 0 ? "urgent" : "routine", riskOfHarm: "no",
        }),
      );
      const reference = /EH-\d{4}-\d{4,}/.exec(cardText((res.jsonBody as InvokeBody).value))?.[0];
      if (!reference) throw new Error(`Setup: request ${n} was not sent: ${safeJson(res)}`);
      pool.requests.push({ reference, schoolId });
    };
    for (let n = 0; n < 3; n++) await submit(sam, "riverside-primary", n);
    await submit(sunita, "cathedral-view-primary", 3);
    await settle(rtCards);
    for (const [workstreamId, actionId] of [["right-support-right-time", "advice-line"], ["right-support-right-time", "pins-programme"], ["preparation-for-adulthood", "pfa-delivery-plans"]] as const) {
      if (!(await rtCards.deps.actions.get("wiltshire", workstreamId, actionId))) throw new Error(`Setup: the plan has no action ${workstreamId}/${actionId}`);
      pool.actions.push({ workstreamId, actionId });
    }
    connector.sent.length = 0;
    logged.get(rtCards)?.splice(0);
  });
  afterAll(async () => {
    await connector?.close();
  });

  it(`answers ${ACTIVITY_RUNS} mutated activities without throwing, without a 5xx, and with a card for every accepted card action`, async () => {
    const rt = rtActivities;
    const errors = logged.get(rt) ?? [];
    const statuses = new Map<number, number>();
    let settled = 0;
    await fc.assert(
      fc.asyncProperty(activitySeed, async (seed) => {
        const activity = buildActivity(seed, connector.url);
        const delivered = record(asDelivered(activity));
        errors.length = 0;
        let res: Awaited<ReturnType<typeof deliver>>;
        try {
          res = await deliver(rt, activity);
        } catch (err) {
          throw new Error(`deliver threw ${String(err)} for ${brief(activity)}`);
        }
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const problems: string[] = [];
        if (res.status >= 500) problems.push(`a ${res.status}`);
        if (delivered?.type === "invoke" && delivered.name === "adaptiveCard/action" && res.status === 200 && (res.jsonBody as InvokeBody | undefined)?.value?.type !== "AdaptiveCard")
          problems.push("an accepted card action answered without an Adaptive Card");
        // A turn that reached Teams (the capture connector) must not have failed inside: the bridge
        // hides that behind a 200, and the person gets an apology instead of an answer.
        if (res.status < 400 && delivered?.serviceUrl === connector.url && errors.length) problems.push(`errors logged: ${errors.join("; ")}`);
        report(problems, `${brief(activity)} → ${res.status} ${brief(res.jsonBody)}`);
        if (res.status < 400 && ++settled % 25 === 0) {
          await settle(rt); // proactive sends (posted cards, waiting messages) go to the capture connector
          connector.sent.length = 0;
        }
      }),
      { numRuns: ACTIVITY_RUNS, reporter: briefReport },
    );
    console.info(`fuzz: activities answered by status ${safeJson(Object.fromEntries(statuses))}`);
    // Not all rejected by the schema: the generator must keep reaching the routes.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(ACTIVITY_RUNS / 4);
  }, 900_000);

  it(`answers ${CARD_ACTION_RUNS} presses of every verb with a card, and a refused press changes nothing`, async () => {
    const rt = rtCards;
    const errors = logged.get(rt) ?? [];
    const byVerb = templates(pool);
    const press = fc.constantFrom(...ALL_VERBS).chain((verb) =>
      fc.record({
        verb: fc.constant(verb),
        presser: fc.oneof(fc.constantFrom(...naturalPressers(verb)), fc.constantFrom(...PRESSERS)),
        where: fc.constantFrom<Where>("personal", "triage channel", "workstream channel"),
        data: fc.oneof({ weight: 1, arbitrary: fc.anything() }, { weight: 1, arbitrary: fc.object() }, { weight: 6, arbitrary: nearValid(byVerb[verb] ?? {}) }),
      }),
    );
    const checked = { refusals: new Map<string, number>(), readOnly: 0, changed: 0, unchangedValid: 0 };
    const pressed = new Map<Verb, number>();
    let dirty = false;

    const snapshot = async (reference: string, action: { workstreamId: string; actionId: string }, countRequests: boolean) => {
      const [request, events, stored, all] = await Promise.all([
        rt.deps.requests.store.get("wiltshire", reference),
        rt.deps.requests.store.listEvents("wiltshire", reference),
        rt.deps.actions.get("wiltshire", action.workstreamId, action.actionId),
        countRequests ? rt.deps.requests.store.listByStatus("wiltshire") : Promise.resolve([]),
      ]);
      return { request, events, action: stored, requestCount: all.length };
    };

    await fc.assert(
      fc.asyncProperty(press, async ({ verb, presser, where, data }) => {
        pressed.set(verb, (pressed.get(verb) ?? 0) + 1);
        if (dirty) {
          // Effects of the last change (SENCO messages, card redraws) are delivered first: they
          // write the request's post ids, which must not count as this press's change.
          await settle(rt);
          connector.sent.length = 0;
          dirty = false;
        }
        const d = record(asDelivered(data));
        // The request and action the press names, when they are the pool's; else the first ones,
        // which a press naming something else must leave alone all the same.
        const target = pool.requests.find((r) => r.reference === d?.reference) ?? pool.requests[0]!;
        const namedAction = pool.actions.find((a) => a.workstreamId === d?.workstreamId && a.actionId === d?.actionId);
        const actionTarget = namedAction ?? pool.actions[0]!;
        const before = await snapshot(target.reference, actionTarget, verb === VERBS.requestSubmit);
        const version = before.action?.action.version;
        const sent = substituteVersion(data, version);
        // The data the route sees (Teams AI reads a missing or null data as {}).
        const seen = asDelivered(sent) ?? {};
        const rule = verdict(verb, presser, seen, target, namedAction ? version : undefined);

        errors.length = 0;
        const sentBefore = connector.sent.length;
        const activity = pressActivity(options(connector.url, presser, where), verb, sent);
        let res: Awaited<ReturnType<typeof deliver>>;
        try {
          res = await deliver(rt, activity);
        } catch (err) {
          throw new Error(`deliver threw ${String(err)}: ${verb} by ${presser.label} with ${brief(sent)}`);
        }
        const card = (res.jsonBody as InvokeBody | undefined)?.value;
        const text = cardText(card);
        const problems: string[] = [];
        if (res.status !== 200) problems.push(`status ${res.status}`);
        if (card?.type !== "AdaptiveCard") problems.push("no Adaptive Card came back");
        else if (!text) problems.push("an empty card came back");
        if (CRASH_WORDS.test(text)) problems.push("the failure card came back (the press failed inside)");
        if (errors.length) problems.push(`errors logged: ${errors.join("; ")}`);
        // Answers go to the presser in the HTTP response; the shared card changes only via the outbox.
        if (connector.sent.length > sentBefore) problems.push(`sent to Teams directly: ${brief(connector.sent.slice(sentBefore))}`);

        const after = await snapshot(target.reference, actionTarget, verb === VERBS.requestSubmit);
        const same = isDeepStrictEqual(after, before);
        if (rule.kind === "refuse") {
          if (!same) problems.push(`refused (${rule.reason}) but the stored state changed: ${brief(changes(before, after))}`);
          checked.refusals.set(`${verb}: ${rule.reason}`, (checked.refusals.get(`${verb}: ${rule.reason}`) ?? 0) + 1);
        } else if (rule.kind === "read-only") {
          if (!same) problems.push(`a read-only verb changed the stored state: ${brief(changes(before, after))}`);
          checked.readOnly++;
        } else if (same) checked.unchangedValid++;
        else {
          checked.changed++;
          dirty = true;
        }
        report(problems, `${verb} pressed by ${presser.label} (${where}) with data ${brief(sent)} → ${res.status} ${brief(text)}`);
      }),
      { numRuns: CARD_ACTION_RUNS, reporter: briefReport },
    );

    const refusals = [...checked.refusals.values()].reduce((a, b) => a + b, 0);
    console.info(
      `fuzz: card actions: ${refusals} refusals checked unchanged, ${checked.readOnly} read-only presses unchanged, ${checked.changed} valid presses changed state, ` +
        `${checked.unchangedValid} others left it as it was; refusals by verb and reason ${safeJson(Object.fromEntries(checked.refusals))}`,
    );
    // Every verb was pressed, and the refusal check was not vacuous.
    for (const verb of ALL_VERBS) expect(pressed.get(verb) ?? 0, `${verb} pressed`).toBeGreaterThan(CARD_ACTION_RUNS / ALL_VERBS.length / 3);
    expect(refusals).toBeGreaterThan(CARD_ACTION_RUNS / 10);
    for (const verb of ALL_VERBS.filter((v) => !READ_ONLY.has(v)))
      expect([...checked.refusals.keys()].filter((k) => k.startsWith(`${verb}:`)).length, `${verb} refusals checked`).toBeGreaterThan(0);
    expect(checked.changed, "some valid presses by allowed people changed state").toBeGreaterThan(0);
  }, 900_000);
});

function substituteVersion(data: unknown, version = 0): unknown {
  const d = record(data);
  if (d?.version === CURRENT_VERSION) return { ...d, version };
  if (d?.version === CURRENT_VERSION_TEXT) return { ...d, version: String(version) };
  if (d?.version === OTHER_VERSION) return { ...d, version: version + 1 };
  return data;
}

/** Fails the run with every problem of this input, and what was sent and answered. */
function report(problems: string[], about: string): void {
  if (problems.length) throw new Error(`${problems.join("\n")}\nInput and answer: ${about}`);
}

/** Which parts of a snapshot differ. */
function changes(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, { before: unknown; after: unknown }> {
  const out: Record<string, { before: unknown; after: unknown }> = {};
  for (const k of Object.keys(before)) if (!isDeepStrictEqual(before[k], after[k])) out[k] = { before: before[k], after: after[k] };
  return out;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * fast-check's own report prints every string in full (some are 100,000 characters): this one
 * abbreviates, names pressers by label, and keeps the seed and path to replay the failure.
 */
function briefReport<T>(details: fc.RunDetails<T>): void {
  if (!details.failed) return;
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  throw new Error(
    `Property failed after ${details.numRuns} runs, shrunk ${details.numShrinks} times (replay with { seed: ${details.seed}, path: "${details.counterexamplePath ?? ""}" }).\n` +
      `Counterexample: ${brief(details.counterexample)}\n${cause}`,
  );
}

/** JSON with long strings abbreviated ("a" × 2001), so a failure message stays readable. */
function brief(value: unknown): string {
  try {
    const text =
      JSON.stringify(value, (_k, v: unknown) => {
        if (typeof v === "symbol") return v === DELETE ? "<deleted>" : String(v);
        if (typeof v === "object" && PRESSERS.includes(v as Presser)) return (v as Presser).label;
        if (typeof v !== "string" || v.length <= 80) return v;
        const first = v[0] ?? "";
        return v === first.repeat(v.length) ? `<${JSON.stringify(first)} × ${v.length}>` : `<${JSON.stringify(v.slice(0, 40))}… ${v.length} characters>`;
      }) ?? String(value);
    return text.length > 3000 ? `${text.slice(0, 3000)}…` : text;
  } catch {
    return String(value);
  }
}

import fc from "fast-check";
import { PRESS_ID, VERBS, type Verb } from "../../../cards/verbs";
import { CLOSE_OUTCOMES, REFERRAL_DESTINATIONS, TRIED_FOR, YEAR_GROUPS } from "../../../domain/adviceRequest";
import { ActionStatus, NeedArea, Rag } from "../../../domain/areaPack";
import { demoPack } from "../activities";
import { longString, oddString, pupilText, sometimes, wrongType } from "./arbitraries";
import { DELETE, mutate, record } from "./json";
import { ada, leo, pat, PRESSERS, sam, sunita, tara, type Presser } from "./world";

/*
 * The card-action property's inputs (tests/bot/fuzz/cardPresses.test.ts). Near-valid data starts
 * from what each verb's card really sends (naming the requests and actions the setup made), then
 * breaks a field or two.
 */

/** The requests and actions the setup made, which near-valid data names. */
export interface Pool {
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
export function templates(pool: Pool): Partial<Record<Verb, Record<string, fc.Arbitrary<unknown>>>> {
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
export function naturalPressers(verb: Verb): Presser[] {
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

export function nearValid(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
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

/** Puts the action's version as it is at press time where the data holds a version placeholder. */
export function substituteVersion(data: unknown, version = 0): unknown {
  const d = record(data);
  if (d?.version === CURRENT_VERSION) return { ...d, version };
  if (d?.version === CURRENT_VERSION_TEXT) return { ...d, version: String(version) };
  if (d?.version === OTHER_VERSION) return { ...d, version: version + 1 };
  return data;
}

import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Runtime } from "../../../app/composition";
import { VERBS, type Verb } from "../../../cards/verbs";
import { startConnector } from "../../../devhost/captureConnector";
import { executeActivity, messageActivity } from "../../support/activities";
import { settle } from "../../support/outbox";
import { cardText, deliver, testRuntime } from "../../support/runtime";
import { nearValid, naturalPressers, substituteVersion, templates, type Pool } from "../../support/fuzz/cardData";
import { asDelivered, record } from "../../support/fuzz/json";
import { brief, briefReport, changes, report, safeJson, watchErrors } from "../../support/fuzz/report";
import { READ_ONLY, verdict } from "../../support/fuzz/verdict";
import { ALL_VERBS, CRASH_WORDS, options, PRESSERS, pressActivity, sam, sunita, tara, type InvokeBody, type Presser, type Where } from "../../support/fuzz/world";

/*
 * Property-based fuzzing of the whole bot: the HTTP bridge, the adapter, the Teams AI routes and
 * real tables in Azurite. Nothing is stubbed; the capture connector stands in for Teams.
 *
 * Card actions: every verb, arbitrary and near-valid data, pressed by every kind of person; a
 * press the route must refuse (support/fuzz/verdict.ts) leaves the request, its history and the
 * action as they were.
 *
 * The bridge turns a failed turn into a 200 (with a "something went wrong" card for card actions),
 * so a crash is invisible in the status: the property also watches the runtime's error log and
 * the failure card's wording. The activities property is in activities.test.ts.
 */

const CARD_ACTION_RUNS = 2500;

describe("fuzzing the bot through HTTP (bot + Azurite)", () => {
  let connector: Awaited<ReturnType<typeof startConnector>>;
  let rtCards: Runtime;
  let errors: string[] = [];
  const pool: Pool = { requests: [], actions: [] };

  beforeAll(async () => {
    connector = await startConnector();
    rtCards = await testRuntime();
    errors = watchErrors(rtCards);

    // The property's world: every known person has a chat, Tara has chosen the triage channel, and
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
    errors.splice(0);
  });
  afterAll(async () => {
    await connector?.close();
  });

  it(`answers ${CARD_ACTION_RUNS} presses of every verb with a card, and a refused press changes nothing`, async () => {
    const rt = rtCards;
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

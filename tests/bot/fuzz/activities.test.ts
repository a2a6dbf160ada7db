import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Runtime } from "../../../app/composition";
import { startConnector } from "../../../devhost/captureConnector";
import { settle } from "../../support/outbox";
import { deliver, testRuntime } from "../../support/runtime";
import { activitySeed, buildActivity } from "../../support/fuzz/activitySeeds";
import { asDelivered, record } from "../../support/fuzz/json";
import { brief, briefReport, report, safeJson, watchErrors } from "../../support/fuzz/report";
import type { InvokeBody } from "../../support/fuzz/world";

/*
 * Property-based fuzzing of the whole bot: the HTTP bridge, the adapter, the Teams AI routes and
 * real tables in Azurite. Nothing is stubbed; the capture connector stands in for Teams.
 *
 * Activities: valid message / invoke / conversationUpdate activities, mutated (wrong types, odd
 * strings, missing fields, other serviceUrl schemes, huge text, arbitrary value payloads).
 *
 * The bridge turns a failed turn into a 200, so a crash is invisible in the status: the property
 * also watches the runtime's error log. The card-action property is in cardPresses.test.ts; the
 * two files have their own runtimes and table prefixes, so they can run side by side.
 */

const ACTIVITY_RUNS = 2500;

describe("fuzzing the bot through HTTP (bot + Azurite)", () => {
  let connector: Awaited<ReturnType<typeof startConnector>>;
  let rtActivities: Runtime;
  let errors: string[] = [];

  beforeAll(async () => {
    connector = await startConnector();
    rtActivities = await testRuntime();
    errors = watchErrors(rtActivities);
  });
  afterAll(async () => {
    await connector?.close();
  });

  it(`answers ${ACTIVITY_RUNS} mutated activities without throwing, without a 5xx, and with a card for every accepted card action`, async () => {
    const rt = rtActivities;
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
});

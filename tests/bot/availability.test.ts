import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Runtime } from "../../app/composition";
import { VERBS } from "../../cards/verbs";
import { startConnector } from "../../devhost/captureConnector";
import { roleOf } from "../../domain/directory";
import { demoPerson, executeActivity, messageActivity } from "../support/activities";
import { deliver, testRuntime, visibleText } from "../support/runtime";
import { settle } from "../support/outbox";

describe("advisors set their own availability; routing follows on the next request (bot + Azurite)", () => {
  let rt: Runtime;
  let connector: Awaited<ReturnType<typeof startConnector>>;
  const clock = new Date("2026-12-02T10:00:00Z");
  const sam = demoPerson("Sam Senco");
  const ada = demoPerson("Ada Advisor");
  const as = (who: { aadObjectId: string; name: string }) => ({ serviceUrl: connector.url, from: who });
  const say = async (who: { aadObjectId: string; name: string }, text: string) => {
    connector.sent.length = 0;
    await deliver(rt, messageActivity(as(who), text));
    return visibleText(connector.sent.at(-1)?.body ?? {});
  };
  let drafts = 0;
  const submit = async () => {
    const res = await deliver(rt, executeActivity(as(sam), VERBS.requestSubmit, {
      draftId: `availability-draft-${++drafts}`, schoolId: "riverside-primary", yearGroup: "Year 4", primaryNeed: "cognition-learning", otherNeeds: "",
      tried: "Phonics catch-up", triedFor: "a term", question: "Reading is well below peers after a term of phonics catch-up.", urgency: "routine", riskOfHarm: "no",
    }));
    await settle(rt);
    const reference = /EH-2026-\d{4}/.exec(JSON.stringify(res.jsonBody))?.[0] ?? "none";
    return (await rt.deps.requests.store.get("wiltshire", reference))?.request.suggestedAdvisorName;
  };

  beforeAll(async () => {
    rt = await testRuntime({}, () => clock);
    connector = await startConnector();
  });
  afterAll(async () => {
    await connector.close();
  });

  it("takes an advisor out of routing while away, and back on return, without a restart", async () => {
    expect(await submit()).toBe("Ada Advisor");
    const saved = await say(ada, "out of office until 12 January");
    expect(saved).toContain("Saved: you are out of office from 2 December 2026 to 12 January 2027");
    const stored = await rt.deps.directory.findPerson("wiltshire", ada.aadObjectId);
    expect(roleOf(stored?.roles ?? [], "inclusion-advisor")?.outOfOffice).toContainEqual({ from: "2026-12-02", to: "2027-01-12" });
    expect(await submit()).not.toBe("Ada Advisor");
    expect(await say(ada, "my details")).toContain("out of office 2 December 2026 to 12 January 2027");

    expect(await say(ada, "back in office")).toContain("welcome back");
    expect(await submit()).toBe("Ada Advisor");
    const audit = (await rt.deps.audit.recent("wiltshire", 200)).map((a) => a.action);
    expect(audit).toEqual(expect.arrayContaining(["availability-away", "availability-back"]));
  });

  it("keeps capacity in the directory, where routing reads it", async () => {
    expect(await say(ada, "capacity 1")).toContain("Saved: you can hold 1 open requests at once");
    expect(roleOf((await rt.deps.directory.findPerson("wiltshire", ada.aadObjectId))?.roles ?? [], "inclusion-advisor")?.capacity).toBe(1);
  });

  it("refuses SENCOs and explains bad input, changing nothing", async () => {
    expect(await say(sam, "capacity 12")).toContain("Only inclusion advisors");
    expect(await say(ada, "out of office until 2 December 2025")).toContain("That date has passed");
    expect(await say(ada, "capacity 999")).toContain("from 1 to 200");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { getRuntime, type Runtime } from "../../app/composition";
import { createLogger } from "../../app/log";
import { VERBS } from "../../cards/verbs";
import { startConnector } from "../../devhost/captureConnector";
import { startQueueTriggers } from "../../devhost/queueRunner";
import { registrations } from "../../functions/registrations";
import { demoPerson, executeActivity, messageActivity } from "../support/activities";
import { deliver, visibleText } from "../support/runtime";
import { uniquePrefix } from "../support/storage";

describe("notifications that Teams refuses are retried from the queue", () => {
  let rt: Runtime;
  let connector: Awaited<ReturnType<typeof startConnector>>;
  let stopQueues: () => Promise<void>;
  const sam = demoPerson("Sam Senco");
  const ada = demoPerson("Ada Advisor");

  beforeAll(async () => {
    // The queue trigger uses the process runtime, exactly as in the host.
    process.env.STORAGE_CONNECTION_STRING = inject("storageConnectionString");
    process.env.TABLE_PREFIX = uniquePrefix();
    process.env.LOG_LEVEL = "error";
    rt = await getRuntime();
    connector = await startConnector();
    stopQueues = startQueueTriggers(registrations, rt.deps.queues, createLogger("error"), { pollMs: 50, retryDelaySeconds: 0, maxDequeueCount: 5 });
  });
  afterAll(async () => {
    await stopQueues();
    await connector.close();
  });

  it("delivers the SENCO's update once Teams answers again, and the change itself is never undone", async () => {
    await deliver(rt, messageActivity({ serviceUrl: connector.url, from: sam }, "hello"));
    const res = await deliver(rt, executeActivity({ serviceUrl: connector.url, from: sam }, VERBS.requestSubmit, {
      draftId: "retry-1", schoolId: "riverside-primary", yearGroup: "Year 3", primaryNeed: "sensory-physical", otherNeeds: "", tried: "", triedFor: "not yet",
      question: "Struggles to hear in class, possibly glue ear; what can we do now?", urgency: "routine", riskOfHarm: "no",
    }));
    expect(res.status).toBe(200);
    const [request] = await rt.deps.requests.store.listForSchool("wiltshire", "riverside-primary", 1);
    connector.failNext(`a:${sam.aadObjectId}`, 6); // more refusals than the SDK's own quick retries absorb
    const queued: unknown[] = [];
    const send = rt.deps.queues.send.bind(rt.deps.queues);
    rt.deps.queues.send = async (name, message) => {
      queued.push(message);
      await send(name, message);
    };
    connector.sent.length = 0;
    await deliver(rt, messageActivity({ serviceUrl: connector.url, from: ada }, `claim ${request!.reference}`));
    expect((await rt.deps.requests.store.get("wiltshire", request!.reference))?.request.status).toBe("assigned");
    const end = Date.now() + 45_000;
    while (!connector.sent.some((s) => s.conversationId === `a:${sam.aadObjectId}`) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    const toSam = connector.sent.filter((s) => s.conversationId === `a:${sam.aadObjectId}`);
    expect(toSam).toHaveLength(1);
    expect(queued).toEqual([{ kind: "senco-update", areaId: "wiltshire", reference: request!.reference, sequence: 1 }]);
    expect(visibleText(toSam[0]?.body ?? {})).toContain("Ada Advisor is looking at this request");
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../app/log";
import { startQueueTriggers } from "../../devhost/queueRunner";
import type { FunctionRegistration } from "../../functions/registry";
import { QueueStore } from "../../storage/queues";
import { testStorage, uniquePrefix } from "../support/storage";

const fast = { pollMs: 50, retryDelaySeconds: 0, maxDequeueCount: 5 };

async function until(check: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("dev host queue triggers (Azurite queues)", () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
  });

  it("retries a failing message and deletes it once the handler succeeds", async () => {
    const queues = new QueueStore(testStorage());
    const name = uniquePrefix().toLowerCase();
    const seen: Array<{ payload: unknown; dequeueCount: unknown }> = [];
    const registration: FunctionRegistration = {
      kind: "queue",
      name: "flaky",
      queueName: name,
      handler: (payload, context) => {
        seen.push({ payload, dequeueCount: context.triggerMetadata?.dequeueCount });
        if (seen.length < 3) throw new Error("Teams is having a moment");
      },
    };
    stop = startQueueTriggers([registration], queues, createLogger("error"), fast);
    await queues.ensureQueues([name]);
    await queues.send(name, { hello: "world" });
    await until(() => seen.length >= 3);
    expect(seen.map((s) => s.dequeueCount)).toEqual([1, 2, 3]);
    expect(seen[0]?.payload).toEqual({ hello: "world" });
    await until(async () => (await queues.queue(name).getProperties()).approximateMessagesCount === 0);
  });

  it("moves a message to the poison queue after the last attempt", async () => {
    const queues = new QueueStore(testStorage());
    const name = uniquePrefix().toLowerCase();
    let attempts = 0;
    const registration: FunctionRegistration = { kind: "queue", name: "broken", queueName: name, handler: () => { attempts++; throw new Error("always fails"); } };
    stop = startQueueTriggers([registration], queues, createLogger("error"), fast);
    await queues.ensureQueues([name]);
    await queues.send(name, { n: 1 });
    await until(async () => (await queues.queue(`${name}-poison`).peekMessages()).peekedMessageItems.length === 1);
    expect(attempts).toBe(5);
    const [poisoned] = (await queues.queue(`${name}-poison`).peekMessages()).peekedMessageItems;
    expect(JSON.parse(Buffer.from(poisoned!.messageText, "base64").toString())).toEqual({ n: 1 });
  });
});

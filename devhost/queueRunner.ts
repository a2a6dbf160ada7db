import { randomUUID } from "node:crypto";
import { InvocationContext } from "@azure/functions";
import type { Logger } from "../app/log";
import type { FunctionRegistration } from "../functions/registry";
import type { QueueStore } from "../storage/queues";

export interface QueueRunnerOptions {
  /** How often an idle queue is polled. */
  pollMs: number;
  /** How long a failed message stays invisible before its retry (host.json visibilityTimeout). */
  retryDelaySeconds: number;
  /** After this many attempts a message moves to "<queue>-poison" (host.json maxDequeueCount). */
  maxDequeueCount: number;
}

export const HOST_QUEUE_DEFAULTS: QueueRunnerOptions = { pollMs: 1000, retryDelaySeconds: 30, maxDequeueCount: 5 };

/**
 * Runs queue triggers the way the Functions host does: a message is deleted when its handler
 * succeeds, made visible again after the retry delay when it throws, and moved to the poison
 * queue after the last attempt. The payload is decoded from base64 and parsed as JSON if it is.
 */
export function startQueueTriggers(registrations: FunctionRegistration[], queues: QueueStore, log: Logger, options: QueueRunnerOptions = HOST_QUEUE_DEFAULTS): () => Promise<void> {
  let stopped = false;
  const loops = registrations.flatMap((r) => (r.kind === "queue" ? [runQueue(r)] : []));

  async function runQueue(r: Extract<FunctionRegistration, { kind: "queue" }>): Promise<void> {
    const queue = queues.queue(r.queueName);
    await queues.ensureQueues([r.queueName]);
    while (!stopped) {
      let handled = 0;
      try {
        const received = await queue.receiveMessages({ numberOfMessages: 16, visibilityTimeout: Math.max(120, options.retryDelaySeconds) }); // the host keeps a running message hidden
        // The host runs a batch's messages side by side (batchSize 16), so one slow delivery does not hold up the rest.
        handled = received.receivedMessageItems.length;
        await Promise.all(received.receivedMessageItems.map((m) => handle(r, queue, m)));
      } catch (err) {
        log.error("Queue polling failed", { function: r.name, error: err });
      }
      if (!handled) await new Promise((resolve) => setTimeout(resolve, options.pollMs));
    }
  }

  async function handle(r: Extract<FunctionRegistration, { kind: "queue" }>, queue: ReturnType<QueueStore["queue"]>, m: { messageId: string; popReceipt: string; messageText: string; dequeueCount: number }): Promise<void> {
    const text = Buffer.from(m.messageText, "base64").toString("utf8");
    let payload: unknown = text;
    try {
      payload = JSON.parse(text);
    } catch {
      // a plain string message, passed on as it is
    }
    const fnLog = log.child({ function: r.name });
    const context = new InvocationContext({
      invocationId: randomUUID(),
      functionName: r.name,
      triggerMetadata: { dequeueCount: m.dequeueCount, id: m.messageId },
      // The function's own log lines go to the dev host's JSON log, at their level, not to stdout.
      logHandler: (level, ...args) => {
        const message = args.map((a) => (a instanceof Error ? a.name : typeof a === "string" ? a : JSON.stringify(a))).join(" ");
        if (level === "error" || level === "critical") fnLog.error(message);
        else if (level === "warning") fnLog.warn(message);
        else fnLog.debug(message);
      },
    });
    try {
      await r.handler(payload, context);
      await queue.deleteMessage(m.messageId, m.popReceipt);
    } catch (err) {
      try {
        if (m.dequeueCount >= options.maxDequeueCount) {
          log.error("Queue message failed for the last time; moved to the poison queue", { function: r.name, error: err, dequeueCount: m.dequeueCount });
          await queues.queue(`${r.queueName}-poison`).sendMessage(m.messageText);
          await queue.deleteMessage(m.messageId, m.popReceipt);
        } else {
          log.warn("Queue message failed; it will be retried", { function: r.name, error: err, dequeueCount: m.dequeueCount });
          await queue.updateMessage(m.messageId, m.popReceipt, undefined, options.retryDelaySeconds);
        }
      } catch (storageErr) {
        // Storage itself is down: the message reappears after its visibility timeout anyway.
        log.error("Could not settle a failed queue message", { function: r.name, error: storageErr });
      }
    }
  }

  return async () => {
    stopped = true;
    await Promise.allSettled(loops);
  };
}

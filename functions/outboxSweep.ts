import type { InvocationContext, Timer } from "@azure/functions";
import { getRuntime } from "../app/composition";
import { sweepOutbox } from "../bot/outbox/outboxWorker";

/** Every minute: re-queues outbox effects that are due with no message in flight (a lost enqueue, a dead worker). */
export async function outboxSweep(_timer: Timer, context: InvocationContext): Promise<void> {
  try {
    const rt = await getRuntime();
    const queued = await sweepOutbox(rt.deps);
    if (queued) context.log(`outboxSweep: re-queued ${queued} effect(s)`);
  } catch (err) {
    context.error("outboxSweep: failed", err);
    throw err;
  }
}

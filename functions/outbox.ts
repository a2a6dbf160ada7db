import type { InvocationContext } from "@azure/functions";
import { getRuntime } from "../app/composition";
import { processEffect } from "../bot/outbox/outboxWorker";
import { EffectMessage } from "../storage/effectQueue";

/**
 * Queue trigger: delivers one effect from the transactional outbox. Delivery failures are retried
 * by the worker itself (backoff, Retry-After, dead-letter); only a storage failure is rethrown,
 * for the host's own retry.
 */
export async function outbox(message: unknown, context: InvocationContext): Promise<void> {
  const parsed = EffectMessage.safeParse(message);
  if (!parsed.success) {
    // A malformed message can never succeed: log it and let it go rather than poison the queue.
    context.error("outbox: dropped a malformed message", parsed.error.issues.map((i) => i.path.join(".")).join(", "));
    return;
  }
  try {
    const rt = await getRuntime();
    const result = await processEffect(rt.deps, parsed.data);
    if (result !== "delivered" && result !== "skipped") context.log(`outbox: effect ${parsed.data.effectId} ${result}`);
  } catch (err) {
    context.error("outbox: failed; the host will retry", err);
    throw err;
  }
}

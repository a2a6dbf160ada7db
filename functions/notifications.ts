import type { InvocationContext } from "@azure/functions";
import { getRuntime } from "../app/composition";
import { deliverSencoUpdate, PendingNotification } from "../bot/routes/shared";
import { updateTriagePost } from "../bot/triagePosting";

/** Queue trigger: retries chat messages and card updates that Teams did not take the first time. */
export async function notifications(message: unknown, context: InvocationContext): Promise<void> {
  const parsed = PendingNotification.safeParse(message);
  if (!parsed.success) {
    // A malformed message can never succeed: log it and let it go rather than poison the queue.
    context.error("notifications: dropped a malformed message", parsed.error.message);
    return;
  }
  try {
    const rt = await getRuntime();
    const n = parsed.data;
    const area = rt.packs.find((p) => p.id === n.areaId);
    if (!area) return;
    if (n.kind === "senco-update") {
      const stored = await rt.deps.requests.store.get(n.areaId, n.reference);
      if (stored) await deliverSencoUpdate(rt.deps, stored.request, n.sequence);
    } else await updateTriagePost(rt.deps, area, n.reference);
  } catch (err) {
    context.error("notifications: failed; the host will retry", err);
    throw err;
  }
}

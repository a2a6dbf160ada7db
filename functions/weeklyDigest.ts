import type { InvocationContext, Timer } from "@azure/functions";
import { getRuntime } from "../app/composition";
import { rhythmDeps } from "../bot/useCaseDeps";
import { queueWeeklyDigests } from "../usecases/workstreamRhythm";

/** Hourly: on the first working-day morning of the week (London), a digest card in each linked workstream channel, once, via the outbox. */
export async function weeklyDigest(_timer: Timer, context: InvocationContext): Promise<void> {
  try {
    const rt = await getRuntime();
    let queued = 0;
    for (const area of rt.packs) queued += await queueWeeklyDigests(rhythmDeps(rt.deps), area);
    if (queued) context.log(`weeklyDigest: queued ${queued} digest(s)`);
  } catch (err) {
    context.error("weeklyDigest: failed", err);
    throw err;
  }
}

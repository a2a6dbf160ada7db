import type { InvocationContext, Timer } from "@azure/functions";
import { getRuntime } from "../app/composition";
import { rhythmDeps } from "../bot/useCaseDeps";
import { queueWeeklyDigests } from "../usecases/workstreamRhythm";

/** Mondays 08:00 UTC: a digest card in each linked workstream channel (once per week, via the outbox). */
export async function weeklyDigest(_timer: Timer, context: InvocationContext): Promise<void> {
  try {
    const rt = await getRuntime();
    let queued = 0;
    for (const area of rt.packs) queued += await queueWeeklyDigests(rhythmDeps(rt.deps), area);
    context.log(`weeklyDigest: queued ${queued} digest(s)`);
  } catch (err) {
    context.error("weeklyDigest: failed", err);
    throw err;
  }
}

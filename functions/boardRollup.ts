import type { InvocationContext, Timer } from "@azure/functions";
import { getRuntime } from "../app/composition";
import { rhythmDeps } from "../bot/useCaseDeps";
import { queueBoardRollup } from "../usecases/workstreamRhythm";

/** Hourly: on a working-day morning (London), the highlight report in the board channel, once, a week before each board date. */
export async function boardRollup(_timer: Timer, context: InvocationContext): Promise<void> {
  try {
    const rt = await getRuntime();
    let queued = 0;
    for (const area of rt.packs) if (await queueBoardRollup(rhythmDeps(rt.deps), area)) queued++;
    if (queued) context.log(`boardRollup: queued ${queued} report(s)`);
  } catch (err) {
    context.error("boardRollup: failed", err);
    throw err;
  }
}

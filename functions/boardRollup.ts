import type { InvocationContext, Timer } from "@azure/functions";
import { getRuntime } from "../app/composition";
import { postBoardRollups } from "../bot/workstreamRhythm";

/** Daily 07:30 UTC: the highlight report in the board channel, a week before each board date. */
export async function boardRollup(_timer: Timer, context: InvocationContext): Promise<void> {
  try {
    const posted = await postBoardRollups((await getRuntime()).deps);
    if (posted) context.log(`boardRollup: posted ${posted} report(s)`);
  } catch (err) {
    context.error("boardRollup: failed", err);
    throw err;
  }
}

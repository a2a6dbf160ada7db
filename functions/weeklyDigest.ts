import type { InvocationContext, Timer } from "@azure/functions";
import { getRuntime } from "../app/composition";
import { postWeeklyDigests } from "../bot/workstreamRhythm";

/** Mondays 08:00 UTC: a digest card in each linked workstream channel. */
export async function weeklyDigest(_timer: Timer, context: InvocationContext): Promise<void> {
  try {
    const posted = await postWeeklyDigests((await getRuntime()).deps);
    context.log(`weeklyDigest: posted ${posted} digest(s)`);
  } catch (err) {
    context.error("weeklyDigest: failed", err);
    throw err;
  }
}

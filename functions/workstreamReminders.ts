import type { InvocationContext, Timer } from "@azure/functions";
import { getRuntime } from "../app/composition";
import { rhythmDeps } from "../bot/useCaseDeps";
import { remindWorkstreamLeads } from "../usecases/workstreamRhythm";

/** Hourly: on working-day mornings (London), remind leads of overdue or quiet actions (each at most weekly). */
export async function workstreamReminders(_timer: Timer, context: InvocationContext): Promise<void> {
  try {
    const rt = await getRuntime();
    let queued = 0;
    for (const area of rt.packs) queued += await remindWorkstreamLeads(rhythmDeps(rt.deps), area);
    if (queued) context.log(`workstreamReminders: queued ${queued} reminder(s)`);
  } catch (err) {
    context.error("workstreamReminders: failed", err);
    throw err;
  }
}

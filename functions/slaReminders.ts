import type { InvocationContext, Timer } from "@azure/functions";
import { getRuntime } from "../app/composition";
import { raiseSlaAlerts } from "../usecases/triageBookkeeping";

/** Every 15 minutes: in working hours (London), remind the triage channel and advisors of first responses due soon or overdue. */
export async function slaReminders(_timer: Timer, context: InvocationContext): Promise<void> {
  try {
    const rt = await getRuntime();
    let raised = 0;
    for (const area of rt.packs) raised += await raiseSlaAlerts(rt.deps.requests, area);
    if (raised) context.log(`slaReminders: queued ${raised} reminder(s)`);
  } catch (err) {
    context.error("slaReminders: failed", err);
    throw err;
  }
}

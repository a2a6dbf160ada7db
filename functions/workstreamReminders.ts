import type { InvocationContext, Timer } from "@azure/functions";
import { getRuntime } from "../app/composition";
import { remindWorkstreamLeads } from "../bot/workstreamRhythm";

/** Weekdays 08:00 UTC: remind leads of overdue or quiet actions. */
export async function workstreamReminders(_timer: Timer, context: InvocationContext): Promise<void> {
  try {
    const sent = await remindWorkstreamLeads((await getRuntime()).deps);
    if (sent) context.log(`workstreamReminders: reminded ${sent} lead(s)`);
  } catch (err) {
    context.error("workstreamReminders: failed", err);
    throw err;
  }
}

import type { InvocationContext, Timer } from "@azure/functions";
import { getRuntime } from "../app/composition";
import { sendSlaReminders } from "../bot/slaReminders";

/** Every 15 minutes: remind the triage channel and advisors of first responses due soon or overdue. */
export async function slaReminders(_timer: Timer, context: InvocationContext): Promise<void> {
  try {
    const rt = await getRuntime();
    const sent = await sendSlaReminders(rt.deps);
    if (sent) context.log(`slaReminders: sent ${sent} reminder(s)`);
  } catch (err) {
    context.error("slaReminders: failed", err);
    throw err;
  }
}

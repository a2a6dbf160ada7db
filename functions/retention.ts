import type { InvocationContext, Timer } from "@azure/functions";
import { getRuntime } from "../app/composition";
import { applyRetention } from "../domain/retention";

/** Nightly 02:00 UTC: anonymise closed requests past each area's retention period. */
export async function retention(_timer: Timer, context: InvocationContext): Promise<void> {
  try {
    const rt = await getRuntime();
    for (const area of rt.packs) {
      const n = await applyRetention(rt.deps.requests.store, area, rt.now());
      if (n) context.log(`retention: anonymised ${n} request(s) in ${area.id}`);
      // Which messages were answered matters for minutes (Teams' redelivery), not for ever.
      const forgotten = await rt.deps.processed.forgetBefore(area.id, new Date(rt.now().getTime() - 7 * 24 * 3600 * 1000));
      if (forgotten) context.log(`retention: forgot ${forgotten} delivery record(s) in ${area.id}`);
    }
  } catch (err) {
    context.error("retention: failed", err);
    throw err;
  }
}

import type { Runtime } from "../../app/composition";
import { drainOutbox } from "../../bot/outbox/outboxWorker";
import { raiseSlaAlerts } from "../../usecases/triageBookkeeping";

/** Delivers every effect the outbox holds, in this process, as the queue worker would. */
export async function settle(rt: Runtime) {
  return drainOutbox(rt.deps);
}

/** The response-time timer's work for every area, then its effects delivered. */
export async function runSlaTimer(rt: Runtime): Promise<number> {
  let raised = 0;
  for (const area of rt.packs) raised += await raiseSlaAlerts(rt.deps.requests, area);
  await settle(rt);
  return raised;
}

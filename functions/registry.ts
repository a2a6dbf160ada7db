import type { HttpHandler, HttpMethod, StorageQueueHandler, TimerHandler } from "@azure/functions";
import { withInvocation } from "../app/invocation";
import type { Logger } from "../app/log";

/**
 * One list of triggers feeds both the Azure Functions host (functions/index.ts) and the local
 * dev host (devhost/), so what runs locally is exactly what runs in Azure.
 */
export type FunctionRegistration =
  | { kind: "http"; name: string; route: string; methods: HttpMethod[]; handler: HttpHandler }
  | { kind: "timer"; name: string; schedule: string; handler: TimerHandler }
  | { kind: "queue"; name: string; queueName: string; handler: StorageQueueHandler };

/**
 * The registrations with every handler run through the invocation wrapper (app/invocation.ts):
 * both hosts register these, so every log line is correlated the same way in Azure and locally.
 */
export function instrument(registrations: readonly FunctionRegistration[], log: Logger): FunctionRegistration[] {
  return registrations.map((r): FunctionRegistration => {
    switch (r.kind) {
      case "http":
        return { ...r, handler: withInvocation(r.handler, log) };
      case "timer":
        return { ...r, handler: withInvocation(r.handler, log) };
      case "queue":
        return { ...r, handler: withInvocation(r.handler, log) };
    }
  });
}

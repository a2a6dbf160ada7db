import type { HttpHandler, HttpMethod, StorageQueueHandler, TimerHandler } from "@azure/functions";

/**
 * One list of triggers feeds both the Azure Functions host (functions/index.ts) and the local
 * dev host (devhost/), so what runs locally is exactly what runs in Azure.
 */
export type FunctionRegistration =
  | { kind: "http"; name: string; route: string; methods: HttpMethod[]; handler: HttpHandler }
  | { kind: "timer"; name: string; schedule: string; handler: TimerHandler }
  | { kind: "queue"; name: string; queueName: string; handler: StorageQueueHandler };

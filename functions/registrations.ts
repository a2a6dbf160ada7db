import { boardReport } from "./boardReport";
import { boardRollup } from "./boardRollup";
import { health } from "./health";
import { messages } from "./messages";
import { outbox } from "./outbox";
import { outboxSweep } from "./outboxSweep";
import { retention } from "./retention";
import { slaReminders } from "./slaReminders";
import { weeklyDigest } from "./weeklyDigest";
import { workstreamReminders } from "./workstreamReminders";
import { QUEUES } from "../storage/queues";
import type { FunctionRegistration } from "./registry";

export const registrations: FunctionRegistration[] = [
  { kind: "http", name: "messages", route: "messages", methods: ["POST"], handler: messages },
  { kind: "http", name: "health", route: "health", methods: ["GET"], handler: health },
  { kind: "http", name: "boardReport", route: "board-report", methods: ["GET"], handler: boardReport },
  { kind: "timer", name: "slaReminders", schedule: "0 */15 * * * *", handler: slaReminders },
  // Hourly in UTC: the use cases act on working-day mornings in London (domain/workingHours.ts),
  // so the clock change and bank holidays need no schedule edits.
  { kind: "timer", name: "workstreamReminders", schedule: "0 5 * * * *", handler: workstreamReminders },
  { kind: "timer", name: "weeklyDigest", schedule: "0 10 * * * *", handler: weeklyDigest },
  { kind: "timer", name: "boardRollup", schedule: "0 15 * * * *", handler: boardRollup },
  { kind: "timer", name: "retention", schedule: "0 0 2 * * *", handler: retention },
  { kind: "timer", name: "outboxSweep", schedule: "0 * * * * *", handler: outboxSweep },
  { kind: "queue", name: "outbox", queueName: QUEUES.outbox, handler: outbox },
];

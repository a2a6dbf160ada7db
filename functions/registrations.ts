import { health } from "./health";
import { messages } from "./messages";
import { slaReminders } from "./slaReminders";
import type { FunctionRegistration } from "./registry";

export const registrations: FunctionRegistration[] = [
  { kind: "http", name: "messages", route: "messages", methods: ["POST"], handler: messages },
  { kind: "http", name: "health", route: "health", methods: ["GET"], handler: health },
  { kind: "timer", name: "slaReminders", schedule: "0 */15 * * * *", handler: slaReminders },
];

import { health } from "./health";
import { messages } from "./messages";
import type { FunctionRegistration } from "./registry";

export const registrations: FunctionRegistration[] = [
  { kind: "http", name: "messages", route: "messages", methods: ["POST"], handler: messages },
  { kind: "http", name: "health", route: "health", methods: ["GET"], handler: health },
];

import { app } from "@azure/functions";
import { loadStaticSetup } from "../app/composition";
import { queueNameFor } from "../storage/queues";
import { registrations } from "./registrations";

// Fail the worker at start-up, with the reason, if a setting or an area pack is broken.
const { config } = loadStaticSetup();

for (const r of registrations) {
  if (r.kind === "http") app.http(r.name, { route: r.route, methods: r.methods, authLevel: "anonymous", handler: r.handler });
  else if (r.kind === "timer") app.timer(r.name, { schedule: r.schedule, handler: r.handler });
  // Identity-based connection: AzureWebJobsStorage__accountName and friends (see infra/main.bicep).
  // Queue names carry the table prefix, as QueueStore sends them.
  else app.storageQueue(r.name, { queueName: queueNameFor(config.tablePrefix, r.queueName), connection: "AzureWebJobsStorage", handler: r.handler });
}

import { app } from "@azure/functions";
import { loadStaticSetup } from "../app/composition";
import { telemetryActive } from "../app/telemetry";
import { queueNameFor } from "../storage/queues";
import { instrument } from "./registry";
import { registrations } from "./registrations";

// Fail the worker at start-up, with the reason, if a setting or an area pack is broken. This also
// starts telemetry when APPLICATIONINSIGHTS_CONNECTION_STRING is set.
const { config, log } = loadStaticSetup();

// The worker sends its own log records, so the host is told not to relay the worker's logs to
// Application Insights a second time (see docs/telemetry.md for stdout).
if (telemetryActive()) app.setup({ capabilities: { WorkerOpenTelemetryEnabled: true, WorkerApplicationInsightsLoggingEnabled: true } });

// Every handler runs in its invocation's scope: each log line carries the invocation id, the
// function name and the host's trace context (app/invocation.ts).
for (const r of instrument(registrations, log)) {
  if (r.kind === "http") app.http(r.name, { route: r.route, methods: r.methods, authLevel: "anonymous", handler: r.handler });
  else if (r.kind === "timer") app.timer(r.name, { schedule: r.schedule, handler: r.handler });
  // Identity-based connection: AzureWebJobsStorage__accountName and friends (see infra/main.bicep).
  // Queue names carry the table prefix, as QueueStore sends them.
  else app.storageQueue(r.name, { queueName: queueNameFor(config.tablePrefix, r.queueName), connection: "AzureWebJobsStorage", handler: r.handler });
}

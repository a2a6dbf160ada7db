import { createRequire } from "node:module";
import { ManagedIdentityCredential } from "@azure/identity";
import type * as AzureMonitor from "@azure/monitor-opentelemetry";
import type * as OtelApi from "@opentelemetry/api";
import type * as OtelLogs from "@opentelemetry/api-logs";
import type { TelemetryConfig } from "./config";
import { parseTraceParent, setTraceContextRunner } from "./invocation";
import { setTelemetrySink, type LogLevel, type Logger } from "./log";
import { APP_VERSION } from "./version";

/**
 * Logs and traces to Application Insights through the Azure Monitor OpenTelemetry distro, when
 * APPLICATIONINSIGHTS_CONNECTION_STRING is set; see docs/telemetry.md for what is sent and why.
 *
 * Without it nothing of OpenTelemetry is loaded (cold start). With it the distro is required here,
 * lazily, rather than by import(): this app is CommonJS, and import() would load the distro's ESM
 * build, which brings a second copy of the Azure SDK core the app has already loaded (measured:
 * slower to load and about 7 MB more than requiring the CommonJS build).
 */
const load = createRequire(__filename);

let state: "off" | "on" | "failed" = "off";

/** Whether this process sends telemetry (the host is then told not to relay the worker's logs). */
export function telemetryActive(): boolean {
  return state === "on";
}

/**
 * Starts Azure Monitor OpenTelemetry once per process; a failure is logged and leaves the app
 * running with console logs only. Export is batched: nothing is sent while starting.
 */
export function startTelemetry(config: TelemetryConfig | undefined, log: Logger): boolean {
  if (!config || state !== "off") return state === "on";
  try {
    const { useAzureMonitor } = load("@azure/monitor-opentelemetry") as typeof AzureMonitor;
    useAzureMonitor(azureMonitorOptions(config));
    // The app loaded http/https before the instrumentation hooks existed; requiring them again
    // through the hooks lets the HTTP instrumentation patch them. (The Azure SDK's tracer is
    // global state in @azure/core-tracing, set by the distro whenever it is loaded.)
    load("node:http");
    load("node:https");
    bridgeToOpenTelemetry(load("@opentelemetry/api") as typeof OtelApi, load("@opentelemetry/api-logs") as typeof OtelLogs);
    state = "on";
    log.info("Telemetry to Application Insights is on", { authentication: config.authentication.kind });
    if (config.authentication.kind === "key")
      log.warn("Telemetry has no APPLICATIONINSIGHTS_AUTHENTICATION_STRING: if local authentication is off on the Application Insights resource, as the Bicep sets it, every export is refused");
  } catch (err) {
    state = "failed";
    log.error("Telemetry could not start; logs go to the console only", { error: err });
  }
  return state === "on";
}

function azureMonitorOptions(config: TelemetryConfig): AzureMonitor.AzureMonitorOpenTelemetryOptions {
  const auth = config.authentication;
  return {
    azureMonitorExporterOptions: {
      connectionString: config.connectionString,
      // Entra: a token for the managed identity named in the authentication string.
      ...(auth.kind === "entra" ? { credential: new ManagedIdentityCredential(auth.clientId ? { clientId: auth.clientId } : {}) } : {}),
    },
    // At most five sampled traces a second; logs are never sampled with their trace, so an
    // alert line (say "outbox-dead-letter") always arrives.
    tracesPerSecond: 5,
    enableTraceBasedSamplingForLogs: false,
    // The Flex Consumption log stream is Live Metrics.
    enableLiveMetrics: true,
    enableStandardMetrics: true,
    instrumentationOptions: {
      http: { enabled: true },
      azureSdk: { enabled: true },
      // Not used by this app; off so their hooks cost nothing.
      mongoDb: { enabled: false },
      mySql: { enabled: false },
      postgreSql: { enabled: false },
      redis: { enabled: false },
      redis4: { enabled: false },
      bunyan: { enabled: false },
      winston: { enabled: false },
      // Off: the Logger emits each line as a record itself; capturing console too would send it twice.
      console: { enabled: false },
    },
  };
}

/**
 * Connects the app's Logger and invocation wrapper to whatever OpenTelemetry providers are
 * registered (the distro's in Azure, stubs in tests): each log line becomes a log record with its
 * severity and redacted fields as attributes, and each invocation runs in the trace context the
 * host passed, so records and dependency spans join the host's request in Application Insights.
 */
export function bridgeToOpenTelemetry(api: typeof OtelApi, logsApi: typeof OtelLogs): void {
  const otelLogger = logsApi.logs.getLogger("send-early-help", APP_VERSION);
  const severity: Record<LogLevel, OtelLogs.SeverityNumber> = {
    debug: logsApi.SeverityNumber.DEBUG,
    info: logsApi.SeverityNumber.INFO,
    warn: logsApi.SeverityNumber.WARN,
    error: logsApi.SeverityNumber.ERROR,
  };
  setTelemetrySink(({ time, level, message, fields }) =>
    otelLogger.emit({ timestamp: time, severityNumber: severity[level], severityText: level.toUpperCase(), body: message, attributes: fields as OtelLogs.AnyValueMap }),
  );
  setTraceContextRunner((traceContext, work) => {
    const parent = parseTraceParent(traceContext?.traceParent);
    if (!parent) return work();
    const spanContext: OtelApi.SpanContext = {
      traceId: parent.traceId,
      spanId: parent.spanId,
      traceFlags: parent.sampled ? api.TraceFlags.SAMPLED : api.TraceFlags.NONE,
      isRemote: true,
      ...(traceContext?.traceState ? { traceState: api.createTraceState(traceContext.traceState) } : {}),
    };
    return api.context.with(api.trace.setSpanContext(api.ROOT_CONTEXT, spanContext), work);
  });
}

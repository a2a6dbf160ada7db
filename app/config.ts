import { z } from "zod";

/** Azurite's well-known development account: public, documented, not a secret. */
export const AZURITE_ACCOUNT = "devstoreaccount1";
export const AZURITE_KEY =
  "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

export function azuriteConnectionString(host: string, tablePort: number, queuePort: number): string {
  return [
    "DefaultEndpointsProtocol=http",
    `AccountName=${AZURITE_ACCOUNT}`,
    `AccountKey=${AZURITE_KEY}`,
    `TableEndpoint=http://${host}:${tablePort}/${AZURITE_ACCOUNT}`,
    `QueueEndpoint=http://${host}:${queuePort}/${AZURITE_ACCOUNT}`,
  ].join(";");
}

const csv = z
  .string()
  .optional()
  .transform((v) => (v ?? "").split(",").map((s) => s.trim()).filter(Boolean));

const port = z.coerce.number({ invalid_type_error: "must be a port number from 1 to 65535" }).int().min(1, "must be a port number from 1 to 65535").max(65535, "must be a port number from 1 to 65535");

const EnvSchema = z
  .object({
    BOT_ID: z.string().trim().default(""),
    BOT_PASSWORD: z.string().default(""),
    BOT_TENANT_ID: z.string().trim().default(""),
    BOT_TYPE: z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"]).default("MultiTenant"),
    ALLOWED_TENANT_IDS: csv,
    STORAGE_CONNECTION_STRING: z.string().trim().optional(),
    STORAGE_TABLE_URL: z.string().url().optional(),
    STORAGE_QUEUE_URL: z.string().url().optional(),
    STORAGE_MANAGED_IDENTITY_CLIENT_ID: z.string().trim().optional(),
    TABLE_PREFIX: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9]{0,19}$/, "letters and digits only, starting with a letter, at most 20")
      .default("Seh"),
    AREAS_DIR: z.string().min(1).default("areas"),
    PUBLIC_BASE_URL: z.string().url().optional(),
    BOARD_REPORT_KEY: z.string().min(32, "use at least 32 characters").optional(),
    PORT: port.default(7071),
    PLAYGROUND_PORT: port.default(56150),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
    CONTENT_SAFETY_ENDPOINT: z.string().url().optional(),
    CONTENT_SAFETY_KEY: z.string().trim().optional(),
    OUTBOX_RETRY_BASE_MS: z.coerce.number().int().min(100, "at least 100 ms").max(600_000).default(2000),
    OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(16),
    ALLOW_UNAUTHENTICATED_IN_AZURE: z.enum(["true", "false", ""]).default(""),
    // Set by the Azure platform (see runningInAzure); parsed so the checks below can see them.
    WEBSITE_INSTANCE_ID: z.string().optional(),
    WEBSITE_OWNER_NAME: z.string().optional(),
    WEBSITE_SITE_NAME: z.string().optional(),
    LEGION_SERVICE_HOST: z.string().optional(),
    // Application Insights: both set by the platform or the Bicep; telemetry is off without the first.
    APPLICATIONINSIGHTS_CONNECTION_STRING: z.string().trim().optional(),
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: z.string().trim().optional(),
    CONTENT_SAFETY_TIMEOUT_MS: z.coerce.number().int().min(100, "at least 100 ms").max(3000, "at most 3000 ms: card actions must answer within Teams' time limit").default(1500),
  })
  .superRefine((env, ctx) => {
    // Secure by default: in Azure an empty BOT_ID would let anyone who finds the URL act as any user.
    if (runningInAzure(env) && !env.BOT_ID && env.ALLOW_UNAUTHENTICATED_IN_AZURE !== "true")
      ctx.addIssue({ code: "custom", path: ["BOT_ID"], message: `required when running in Azure (${azureMarker(env)} is set): without it /api/messages would accept unauthenticated calls from anyone (set ALLOW_UNAUTHENTICATED_IN_AZURE=true only for a short-lived test deployment)` });
    if (runningInAzure(env) && !env.STORAGE_CONNECTION_STRING && !env.STORAGE_TABLE_URL)
      ctx.addIssue({ code: "custom", path: ["STORAGE_TABLE_URL"], message: `required when running in Azure (${azureMarker(env)} is set): the local default is Azurite on this machine` });
    if (env.BOT_ID && !env.BOT_PASSWORD && env.BOT_TYPE !== "UserAssignedMSI")
      ctx.addIssue({ code: "custom", path: ["BOT_PASSWORD"], message: "required when BOT_ID is set (or use BOT_TYPE=UserAssignedMSI)" });
    if (env.BOT_TYPE === "SingleTenant" && !env.BOT_TENANT_ID)
      ctx.addIssue({ code: "custom", path: ["BOT_TENANT_ID"], message: "required when BOT_TYPE=SingleTenant" });
    if ((env.BOT_ID || runningInAzure(env)) && !env.BOARD_REPORT_KEY)
      ctx.addIssue({ code: "custom", path: ["BOARD_REPORT_KEY"], message: "required when BOT_ID is set or running in Azure: it signs board report download links (the local default is public)" });
    if (env.CONTENT_SAFETY_ENDPOINT && !env.CONTENT_SAFETY_KEY)
      ctx.addIssue({ code: "custom", path: ["CONTENT_SAFETY_KEY"], message: "required when CONTENT_SAFETY_ENDPOINT is set (keep it in Key Vault)" });
    if (env.APPLICATIONINSIGHTS_CONNECTION_STRING) {
      const problem = connectionStringProblem(env.APPLICATIONINSIGHTS_CONNECTION_STRING);
      if (problem) ctx.addIssue({ code: "custom", path: ["APPLICATIONINSIGHTS_CONNECTION_STRING"], message: problem });
    }
    if (env.APPLICATIONINSIGHTS_AUTHENTICATION_STRING) {
      const problem = authenticationStringProblem(env.APPLICATIONINSIGHTS_AUTHENTICATION_STRING);
      if (problem) ctx.addIssue({ code: "custom", path: ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], message: problem });
    }
    if (env.STORAGE_TABLE_URL && env.STORAGE_CONNECTION_STRING)
      ctx.addIssue({ code: "custom", path: ["STORAGE_TABLE_URL"], message: "set either STORAGE_CONNECTION_STRING or STORAGE_TABLE_URL, not both" });
  });

/**
 * Variables the App Service / Functions platform sets on its instances (the Functions host itself
 * treats WEBSITE_INSTANCE_ID as "running in Azure"; Flex Consumption sets LEGION_SERVICE_HOST).
 * Not CONTAINER_NAME: ordinary containers set it too.
 */
const AZURE_MARKERS = ["WEBSITE_INSTANCE_ID", "WEBSITE_OWNER_NAME", "WEBSITE_SITE_NAME", "LEGION_SERVICE_HOST"] as const;

/** The platform variable that says this is Azure, if any. */
export function azureMarker(env: Record<string, unknown>): string | undefined {
  return AZURE_MARKERS.find((k) => typeof env[k] === "string" && env[k] !== "");
}

function runningInAzure(env: Record<string, unknown>): boolean {
  return azureMarker(env) !== undefined;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "Key=value;Key=value" as Application Insights writes them; keys compared case-insensitively. */
function settingPairs(text: string): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const part of text.split(";")) {
    const at = part.indexOf("=");
    if (at > 0) pairs.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  return pairs;
}

function connectionStringProblem(text: string): string | undefined {
  const pairs = settingPairs(text);
  if (!GUID.test(pairs.get("instrumentationkey") ?? "")) return "must be the resource's connection string, with InstrumentationKey=<guid>";
  const endpoint = pairs.get("ingestionendpoint");
  if (endpoint !== undefined && !/^https:\/\/[^\s;]+$/.test(endpoint)) return "IngestionEndpoint must be an https: URL";
  return undefined;
}

function authenticationStringProblem(text: string): string | undefined {
  const pairs = settingPairs(text);
  if ((pairs.get("authorization") ?? "").toUpperCase() !== "AAD") return "must be Authorization=AAD (with ClientId=<guid> for a user-assigned identity)";
  const clientId = pairs.get("clientid");
  if (clientId !== undefined && !GUID.test(clientId)) return "ClientId must be the managed identity's client id (a guid)";
  return undefined;
}

/**
 * Telemetry to Application Insights. Entra (managed identity) authentication when the
 * authentication string says AAD: the deployment turns local auth off, so the key alone is refused.
 */
export interface TelemetryConfig {
  connectionString: string;
  authentication: { kind: "entra"; clientId: string | undefined } | { kind: "key" };
}

function telemetryConfig(connectionString: string | undefined, authenticationString: string | undefined): TelemetryConfig | undefined {
  if (!connectionString) return undefined;
  if (!authenticationString) return { connectionString, authentication: { kind: "key" } };
  return { connectionString, authentication: { kind: "entra", clientId: settingPairs(authenticationString).get("clientid") } };
}

export type StorageConfig =
  | { kind: "connectionString"; connectionString: string }
  | { kind: "managedIdentity"; tableUrl: string; queueUrl: string | undefined; clientId: string | undefined };

export interface AppConfig {
  bot: {
    id: string;
    password: string;
    tenantId: string;
    type: "MultiTenant" | "SingleTenant" | "UserAssignedMSI";
    /** No bot id: local, unauthenticated mode for the playground. */
    authenticated: boolean;
    /** Running in Azure without authentication because ALLOW_UNAUTHENTICATED_IN_AZURE=true: logged loudly. */
    unauthenticatedInAzure: boolean;
  };
  allowedTenantIds: string[];
  storage: StorageConfig;
  tablePrefix: string;
  areasDir: string;
  port: number;
  playgroundPort: number;
  /** Where people's browsers reach this app, for download links. */
  publicBaseUrl: string;
  /** Signs board report download links; a fixed development key in local mode only. */
  boardReportKey: string;
  logLevel: "debug" | "info" | "warn" | "error";
  /** Optional second opinion on safeguarding from Azure AI Content Safety; off unless configured. */
  contentSafety: { endpoint: string; key: string; timeoutMs: number } | undefined;
  /** Outbox delivery: first retry delay (doubling, capped at ten minutes) and attempts before dead-lettering. */
  outbox: { retryBaseMs: number; maxAttempts: number };
  /** Application Insights through OpenTelemetry; undefined (the default) keeps OpenTelemetry unloaded. */
  telemetry: TelemetryConfig | undefined;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses the environment once into a typed config; a bad value is named with its reason. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Configuration is not valid:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const storage: StorageConfig = e.STORAGE_TABLE_URL
    ? {
        kind: "managedIdentity",
        tableUrl: e.STORAGE_TABLE_URL,
        queueUrl: e.STORAGE_QUEUE_URL,
        clientId: e.STORAGE_MANAGED_IDENTITY_CLIENT_ID,
      }
    : {
        kind: "connectionString",
        connectionString: e.STORAGE_CONNECTION_STRING || azuriteConnectionString("127.0.0.1", 10002, 10001),
      };
  return {
    bot: {
      id: e.BOT_ID,
      password: e.BOT_PASSWORD,
      tenantId: e.BOT_TENANT_ID,
      type: e.BOT_TYPE,
      authenticated: e.BOT_ID !== "",
      unauthenticatedInAzure: e.BOT_ID === "" && runningInAzure(env),
    },
    allowedTenantIds: e.ALLOWED_TENANT_IDS,
    storage,
    tablePrefix: e.TABLE_PREFIX,
    areasDir: e.AREAS_DIR,
    port: e.PORT,
    playgroundPort: e.PLAYGROUND_PORT,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://127.0.0.1:${e.PORT}`).replace(/\/$/, ""),
    boardReportKey: e.BOARD_REPORT_KEY ?? "local-development-key-not-for-use-in-azure",
    logLevel: e.LOG_LEVEL,
    outbox: { retryBaseMs: e.OUTBOX_RETRY_BASE_MS, maxAttempts: e.OUTBOX_MAX_ATTEMPTS },
    telemetry: telemetryConfig(e.APPLICATIONINSIGHTS_CONNECTION_STRING, e.APPLICATIONINSIGHTS_AUTHENTICATION_STRING),
    contentSafety:
      e.CONTENT_SAFETY_ENDPOINT && e.CONTENT_SAFETY_KEY
        ? { endpoint: e.CONTENT_SAFETY_ENDPOINT.replace(/\/$/, ""), key: e.CONTENT_SAFETY_KEY, timeoutMs: e.CONTENT_SAFETY_TIMEOUT_MS }
        : undefined,
  };
}

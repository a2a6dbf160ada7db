import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../app/config";

describe("config", () => {
  it("runs locally with no settings: Azurite, port 7071, auth off", () => {
    const c = loadConfig({});
    expect(c.bot.authenticated).toBe(false);
    expect(c.port).toBe(7071);
    expect(c.storage.kind).toBe("connectionString");
    if (c.storage.kind === "connectionString") expect(c.storage.connectionString).toContain("127.0.0.1:10002");
  });

  it("turns auth on with a bot id and secret", () => {
    const c = loadConfig({ BOT_ID: "abc", BOT_PASSWORD: "s", BOARD_REPORT_KEY: "k".repeat(32) });
    expect(c.bot.authenticated).toBe(true);
  });

  it("names each bad value with its reason", () => {
    expect(() => loadConfig({ PORT: "seventy" })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "seventy" })).toThrow(/PORT: must be a port number from 1 to 65535/);
    expect(() => loadConfig({ LOG_LEVEL: "loud" })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ BOT_ID: "abc", BOT_TYPE: "SingleTenant" })).toThrow(/BOT_PASSWORD[\s\S]*BOT_TENANT_ID/);
  });

  it("uses managed identity when a table URL is given", () => {
    const c = loadConfig({ STORAGE_TABLE_URL: "https://acct.table.core.windows.net", STORAGE_QUEUE_URL: "https://acct.queue.core.windows.net" });
    expect(c.storage).toMatchObject({ kind: "managedIdentity", tableUrl: "https://acct.table.core.windows.net" });
  });

  it("parses the allowed tenants list", () => {
    expect(loadConfig({ ALLOWED_TENANT_IDS: " a, b ,," }).allowedTenantIds).toEqual(["a", "b"]);
  });

  describe("secure by default in Azure", () => {
    const azure = { WEBSITE_INSTANCE_ID: "0123abcd", STORAGE_TABLE_URL: "https://acct.table.core.windows.net", BOARD_REPORT_KEY: "k".repeat(32) };

    it("refuses to start in Azure with no BOT_ID, saying why", () => {
      expect(() => loadConfig(azure)).toThrow(ConfigError);
      expect(() => loadConfig(azure)).toThrow(/BOT_ID: required when running in Azure \(WEBSITE_INSTANCE_ID is set\): without it \/api\/messages would accept unauthenticated calls/);
      for (const marker of ["WEBSITE_SITE_NAME", "WEBSITE_OWNER_NAME", "LEGION_SERVICE_HOST"])
        expect(() => loadConfig({ ...azure, WEBSITE_INSTANCE_ID: undefined, [marker]: "x" })).toThrow(/BOT_ID: required when running in Azure/);
    });

    it("starts in Azure with a bot identity", () => {
      const c = loadConfig({ ...azure, BOT_ID: "11111111-2222-3333-4444-555555555555", BOT_TYPE: "UserAssignedMSI", BOT_TENANT_ID: "t" });
      expect(c.bot).toMatchObject({ authenticated: true, unauthenticatedInAzure: false });
    });

    it("needs real storage and a board report key in Azure, not the local defaults", () => {
      expect(() => loadConfig({ ...azure, BOT_ID: "b", BOT_PASSWORD: "p", STORAGE_TABLE_URL: undefined })).toThrow(/STORAGE_TABLE_URL: required when running in Azure/);
      expect(() => loadConfig({ ...azure, BOT_ID: "b", BOT_PASSWORD: "p", BOARD_REPORT_KEY: undefined })).toThrow(/BOARD_REPORT_KEY: required/);
    });

    it("runs unauthenticated in Azure only with the explicit override, and flags it", () => {
      const c = loadConfig({ ...azure, ALLOW_UNAUTHENTICATED_IN_AZURE: "true" });
      expect(c.bot).toMatchObject({ authenticated: false, unauthenticatedInAzure: true });
      expect(() => loadConfig({ ...azure, ALLOW_UNAUTHENTICATED_IN_AZURE: "yes" })).toThrow(/ALLOW_UNAUTHENTICATED_IN_AZURE/);
    });

    it("keeps local mode for the playground off Azure, even in a container", () => {
      expect(loadConfig({}).bot).toMatchObject({ authenticated: false, unauthenticatedInAzure: false });
      expect(loadConfig({ CONTAINER_NAME: "dev" }).bot.authenticated).toBe(false);
    });
  });

  describe("telemetry to Application Insights", () => {
    const connection = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://uksouth-1.in.applicationinsights.azure.com/";
    const clientId = "11111111-2222-3333-4444-555555555555";

    it("is off unless the connection string is set (an empty one counts as unset)", () => {
      expect(loadConfig({}).telemetry).toBeUndefined();
      expect(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: "", APPLICATIONINSIGHTS_AUTHENTICATION_STRING: `Authorization=AAD;ClientId=${clientId}` }).telemetry).toBeUndefined();
    });

    it("uses Entra with the managed identity the authentication string names, in either order", () => {
      expect(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: connection, APPLICATIONINSIGHTS_AUTHENTICATION_STRING: `ClientId=${clientId};Authorization=AAD` }).telemetry).toEqual({
        connectionString: connection,
        authentication: { kind: "entra", clientId },
      });
      expect(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: connection, APPLICATIONINSIGHTS_AUTHENTICATION_STRING: "Authorization=AAD" }).telemetry?.authentication).toEqual({ kind: "entra", clientId: undefined });
      expect(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: connection }).telemetry?.authentication).toEqual({ kind: "key" });
    });

    it("names a bad connection or authentication string", () => {
      expect(() => loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: "https://uksouth-1.in.applicationinsights.azure.com/" })).toThrow(/APPLICATIONINSIGHTS_CONNECTION_STRING: must be the resource's connection string/);
      expect(() => loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://x/" })).toThrow(/IngestionEndpoint must be an https: URL/);
      expect(() => loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: connection, APPLICATIONINSIGHTS_AUTHENTICATION_STRING: "Authorization=Key" })).toThrow(/APPLICATIONINSIGHTS_AUTHENTICATION_STRING: must be Authorization=AAD/);
      expect(() => loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: connection, APPLICATIONINSIGHTS_AUTHENTICATION_STRING: "Authorization=AAD;ClientId=me" })).toThrow(/ClientId must be the managed identity's client id/);
    });
  });
});

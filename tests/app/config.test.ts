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
});

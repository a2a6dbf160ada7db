import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createLogger } from "../../app/log";
import { QUEUES, queueNameFor } from "../../storage/queues";
import {
  appSettings, bicepFilesUnder, bodyOf, declaration, declarationsOfKind, describeProblem, enclosing, isConditional, literal,
  loadBicep, parseBicep, property, references, resourceType, resourcesOfType, syntaxProblems, textOf, valueOf, where,
  type BicepFile, type Declaration, type Node,
} from "../support/bicepTree";

// The Bicep CLI cannot run here: these checks parse infra/ with tree-sitter-bicep and walk the trees.
// A council still runs `az bicep build` and `az deployment group what-if` (docs/infrastructure.md).
const ROOT = join(__dirname, "..", "..");
const INFRA = join(ROOT, "infra");

const API_VERSIONED = /^[A-Za-z]+(\.[A-Za-z]+)+(\/[A-Za-z]+)+@\d{4}-\d{2}-\d{2}(-preview)?$/;

function unversionedResources(f: BicepFile): string[] {
  return declarationsOfKind(f, "resource").filter((r) => !API_VERSIONED.test(resourceType(r))).map((r) => `${where(f, r.node)} ${resourceType(r)}`);
}

/** Each use of a @secure() parameter outside a Key Vault secret resource. */
function secureParameterLeaks(f: BicepFile): string[] {
  const secure = new Set(declarationsOfKind(f, "parameter").filter((p) => p.decorators.has("secure")).map((p) => p.name));
  return references(f.root)
    .filter((r) => secure.has(r.text))
    .flatMap((r) => {
      const owner = enclosing(f, r);
      const inSecret = owner?.kind === "resource" && resourceType(owner).startsWith("Microsoft.KeyVault/vaults/secrets@");
      return inSecret ? [] : [`${where(f, r)} ${r.text} is used in ${owner?.kind ?? "?"} ${owner?.name ?? "?"}`];
    });
}

let files: BicepFile[] = [];
let main: BicepFile;

const one = (f: BicepFile, type: string): Declaration => {
  const found = resourcesOfType(f, type);
  expect(found, `${f.file}: one ${type}`).toHaveLength(1);
  return found[0]!;
};
const anywhere = (type: string): { f: BicepFile; d: Declaration }[] => files.flatMap((f) => resourcesOfType(f, type).map((d) => ({ f, d })));
const text = (n: Node | undefined): string => n?.text ?? "";

/** The Function App, its settings and the identity's symbol; looked up by the tests that need them. */
function app(): { site: Declaration; settings: Map<string, Node>; identityName: string } {
  const site = one(main, "Microsoft.Web/sites");
  return { site, settings: appSettings(site), identityName: one(main, "Microsoft.ManagedIdentity/userAssignedIdentities").name };
}

beforeAll(async () => {
  files = await Promise.all(bicepFilesUnder(INFRA).map((file) => loadBicep(file, relative(ROOT, file))));
  main = files.find((f) => f.file === join("infra", "main.bicep"))!;
});

describe("Bicep syntax (tree-sitter-bicep)", () => {
  it("parses main.bicep and every module with no ERROR or MISSING node", () => {
    expect(files.map((f) => f.file).sort()).toEqual(expect.arrayContaining([join("infra", "main.bicep"), join("infra", "modules", "storage.bicep"), join("infra", "modules", "monitoring.bicep")]));
    expect(files.flatMap(syntaxProblems).map(describeProblem)).toEqual([]);
  });

  it("reports a broken file at its line and column", async () => {
    const broken = await parseBicep("broken.bicep", "param x string =\nresource a 'Microsoft.Foo/bars@2020-01-01' = {\n  name: 'a'\n  properties: {\n    b: [\n  }\n}\n");
    const problems = syntaxProblems(broken).map(describeProblem);
    expect(problems).toContain("broken.bicep:5:9: missing ]");
    expect(problems.some((p) => p.startsWith("broken.bicep:2:1: cannot parse"))).toBe(true);
  });

  it("gives every resource an explicit API version, and would catch one without", async () => {
    expect(files.flatMap(unversionedResources)).toEqual([]);
    const bare = await parseBicep("bare.bicep", "resource s 'Microsoft.Web/sites' = {\n  name: 'x'\n}\n");
    expect(unversionedResources(bare)).toEqual(["bare.bicep:1:1 Microsoft.Web/sites"]);
  });
});

describe("secrets", () => {
  it("uses each @secure() parameter only inside a Key Vault secret", () => {
    const secure = declarationsOfKind(main, "parameter").filter((p) => p.decorators.has("secure")).map((p) => p.name);
    expect(secure).toEqual(expect.arrayContaining(["boardReportKey", "contentSafetyKey"]));
    expect(files.flatMap(secureParameterLeaks)).toEqual([]);
  });

  it("would catch a secure parameter placed in an app setting", async () => {
    const leaky = await parseBicep("leaky.bicep", "@secure()\nparam k string\nresource s 'Microsoft.Web/sites@2024-04-01' = {\n  name: 'x'\n  properties: { siteConfig: { appSettings: [ { name: 'K', value: k } ] } }\n}\n");
    expect(secureParameterLeaks(leaky)).toEqual(["leaky.bicep:5:66 k is used in resource s"]);
  });

  it("puts no secure parameter, key listing or plain secret in any app setting", () => {
    const { settings } = app();
    expect(settings.size).toBeGreaterThan(15);
    const secure = new Set(declarationsOfKind(main, "parameter").filter((p) => p.decorators.has("secure")).map((p) => p.name));
    for (const [name, value] of settings) {
      expect(references(value).filter((r) => secure.has(r.text)), name).toEqual([]);
      expect(value.descendantsOfType("call_expression").filter((c) => /^list/i.test(c?.childForFieldName("function")?.text ?? "")), name).toEqual([]);
      if (/(KEY|SECRET|PASSWORD)$/.test(name)) expect(text(value), name).toMatch(/^'@Microsoft\.KeyVault\(SecretUri=\$\{[^}]+\}/);
    }
    expect(settings.has("BOT_PASSWORD")).toBe(false);
  });

  it("reads BOARD_REPORT_KEY and CONTENT_SAFETY_KEY through Key Vault references", () => {
    const { site, settings, identityName } = app();
    for (const name of ["BOARD_REPORT_KEY", "CONTENT_SAFETY_KEY"]) {
      const value = settings.get(name);
      expect(text(value), name).toMatch(/^'@Microsoft\.KeyVault\(SecretUri=\$\{/);
      const targets = references(value!).map((r) => declaration(main, "resource", r.text)).filter((d) => d !== undefined);
      expect(targets.map((d) => resourceType(d).split("@")[0]), name).toEqual(expect.arrayContaining([expect.stringMatching(/^Microsoft\.KeyVault\/vaults/)]));
    }
    const [always, ...optional] = [...resourcesOfType(main, "Microsoft.KeyVault/vaults/secrets")].sort((a, b) => Number(isConditional(a)) - Number(isConditional(b)));
    expect([isConditional(always!), references(bodyOf(always!)!).map((r) => r.text)]).toEqual([false, expect.arrayContaining(["boardReportKey"])]);
    expect(optional.map((s) => isConditional(s) && text(s.node).includes("if (!empty(contentSafetyEndpoint))"))).toEqual([true]);
    expect(text(property(bodyOf(site), "properties", "keyVaultReferenceIdentity"))).toBe(`${identityName}.id`);
  });

  it("keeps the vault RBAC-only, soft-deletable and purge-protected, and lets the identity read secrets", () => {
    const { identityName } = app();
    const vault = bodyOf(one(main, "Microsoft.KeyVault/vaults"));
    expect(text(property(vault, "properties", "enableRbacAuthorization"))).toBe("true");
    expect(text(property(vault, "properties", "enableSoftDelete"))).toBe("true");
    expect(text(property(vault, "properties", "enablePurgeProtection"))).toBe("true");
    expect(text(property(vault, "properties", "publicNetworkAccess"))).toBe("keyVaultPublicNetworkAccess");
    const grants = resourcesOfType(main, "Microsoft.Authorization/roleAssignments").map(bodyOf);
    const secretsUser = grants.find((g) => text(property(g, "scope")) === "vault");
    expect(textOf(main, property(secretsUser, "properties", "roleDefinitionId"))).toContain("4633458b-17de-408a-b874-0445c86b69e6");
    expect(text(property(secretsUser, "properties", "principalId"))).toBe(`${identityName}.properties.principalId`);
  });
});

describe("the bot's identity", () => {
  it("makes BOT_ID and the Azure Bot's msaAppId the same user-assigned identity, in one pass", () => {
    const { settings, identityName } = app();
    expect(declaration(main, "parameter", "botAppId")).toBeUndefined();
    const clientId = `${identityName}.properties.clientId`;
    expect(text(settings.get("BOT_ID"))).toBe(clientId);
    expect(literal(settings.get("BOT_TYPE"))).toBe("UserAssignedMSI");
    expect(text(settings.get("BOT_TENANT_ID"))).toBe("tenant().tenantId");
    const bot = one(main, "Microsoft.BotService/botServices");
    expect(isConditional(bot)).toBe(false);
    expect(text(property(bodyOf(bot), "properties", "msaAppId"))).toBe(clientId);
    expect(literal(property(bodyOf(bot), "properties", "msaAppType"))).toBe("UserAssignedMSI");
    expect(text(property(bodyOf(bot), "properties", "msaAppMSIResourceId"))).toBe(`${identityName}.id`);
    expect(text(property(bodyOf(bot), "properties", "msaAppTenantId"))).toBe("tenant().tenantId");
    const channel = one(main, "Microsoft.BotService/botServices/channels");
    expect(isConditional(channel)).toBe(false);
    expect(literal(property(bodyOf(channel), "name"))).toBe("MsTeamsChannel");
    for (const name of ["AzureWebJobsStorage__clientId", "STORAGE_MANAGED_IDENTITY_CLIENT_ID"]) expect(text(settings.get(name)), name).toBe(clientId);
  });
});

describe("hardening and monitoring", () => {
  it("turns basic-auth publishing off for SCM and FTP, and requires HTTPS and TLS 1.2", () => {
    const { site, settings } = app();
    const policies = resourcesOfType(main, "Microsoft.Web/sites/basicPublishingCredentialsPolicies").map(bodyOf);
    expect(policies.map((p) => literal(property(p, "name"))).sort()).toEqual(["ftp", "scm"]);
    for (const p of policies) expect(text(property(p, "properties", "allow"))).toBe("false");
    const body = bodyOf(site);
    expect(text(property(body, "properties", "httpsOnly"))).toBe("true");
    expect(literal(property(body, "properties", "siteConfig", "minTlsVersion"))).toBe("1.2");
    expect(literal(property(body, "properties", "siteConfig", "ftpsState"))).toBe("Disabled");
    expect(settings.has("WEBSITE_RUN_FROM_PACKAGE")).toBe(false); // Flex Consumption does not use it
  });

  it("keeps the HTTP group warm with alwaysReadyInstances and caps scale-out by parameter", () => {
    const { site } = app();
    const scale = property(bodyOf(site), "properties", "functionAppConfig", "scaleAndConcurrency");
    const http = property(scale, "alwaysReady")?.descendantsOfType("object").find((o) => literal(property(o ?? undefined, "name")) === "http");
    expect(text(property(http ?? undefined, "instanceCount"))).toBe("alwaysReadyInstances");
    expect(text(property(scale, "maximumInstanceCount"))).toBe("maximumInstanceCount");
    const param = declaration(main, "parameter", "alwaysReadyInstances")!;
    expect([text(valueOf(param)), param.decorators.get("minValue")]).toEqual(["1", ["0"]]);
  });

  it("accepts only Entra-authenticated telemetry, sent as the app identity", () => {
    const { settings, identityName } = app();
    const ai = anywhere("Microsoft.Insights/components");
    expect(ai).toHaveLength(1);
    expect(text(property(bodyOf(ai[0]!.d), "properties", "DisableLocalAuth"))).toBe("true");
    const logs = anywhere("Microsoft.OperationalInsights/workspaces")[0]!;
    expect(text(property(bodyOf(logs.d), "properties", "features", "disableLocalAuth"))).toBe("true");
    expect(text(settings.get("APPLICATIONINSIGHTS_AUTHENTICATION_STRING"))).toBe(`'ClientId=\${${identityName}.properties.clientId};Authorization=AAD'`);
    expect(settings.has("APPLICATIONINSIGHTS_CONNECTION_STRING")).toBe(true);
  });

  it("alerts on the app's dead-letter line and on the host moving a message to the outbox poison queue", () => {
    const { settings } = app();
    const rules = anywhere("Microsoft.Insights/scheduledQueryRules").map(({ f, d }) => textOf(f, property(bodyOf(d), "properties", "criteria")));
    expect(rules).toHaveLength(2);
    const line = vi.spyOn(console, "error").mockImplementation(() => undefined);
    createLogger("info").error("Outbox effect dead-lettered", { alert: "outbox-dead-letter", effectId: "e1" });
    const logged = String(line.mock.calls[0]?.[0]);
    line.mockRestore();
    const deadLetter = rules.find((q) => q.includes("outbox-dead-letter")) ?? "";
    expect(logged).toContain(/contains '([^']+)'/.exec(deadLetter)?.[1] ?? "no Message marker in the query");
    expect(deadLetter).toContain('tostring(Properties.alert) == "outbox-dead-letter"');
    expect(rules.some((q) => q.includes("Moving message to queue '{0}'"))).toBe(true);
    const prefix = literal(valueOf(declaration(main, "variable", "tablePrefix")!))!;
    expect(literal(valueOf(declaration(main, "variable", "outboxPoisonQueue")!))).toBe(`${queueNameFor(prefix, QUEUES.outbox)}-poison`);
    expect(text(property(bodyOf(declaration(main, "module", "monitoring")!), "params", "poisonQueueName"))).toBe("outboxPoisonQueue");
    expect(text(settings.get("TABLE_PREFIX"))).toBe("tablePrefix");
  });
});

describe("the children's data", () => {
  it("keeps storage identity-only, encrypted twice, soft-deletable for blobs and locked against deletion", () => {
    const { f, d } = anywhere("Microsoft.Storage/storageAccounts")[0]!;
    const props = property(bodyOf(d), "properties");
    expect(text(property(props, "allowSharedKeyAccess"))).toBe("false");
    expect(text(property(props, "allowBlobPublicAccess"))).toBe("false");
    expect(literal(property(props, "minimumTlsVersion"))).toBe("TLS1_2");
    expect(text(property(props, "encryption", "requireInfrastructureEncryption"))).toBe("doubleEncryption");
    const blobs = property(bodyOf(resourcesOfType(f, "Microsoft.Storage/storageAccounts/blobServices")[0]!), "properties");
    expect(text(property(blobs, "deleteRetentionPolicy", "enabled"))).toBe("true");
    expect(text(property(blobs, "containerDeleteRetentionPolicy", "enabled"))).toBe("true");
    const locks = files.flatMap((file) => resourcesOfType(file, "Microsoft.Authorization/locks").map((l) => text(property(bodyOf(l), "scope"))));
    expect(locks.sort()).toEqual(["identity", "storage", "vault"]);
  });
});

describe("outputs, parameters file and .funcignore", () => {
  it("outputs the names the Agents Toolkit writes into env files", () => {
    const { identityName } = app();
    const outputs = declarationsOfKind(main, "output").map((o) => o.name);
    expect(outputs).toEqual(expect.arrayContaining(["BOT_ID", "BOT_DOMAIN", "BOT_AZURE_FUNCTION_APP_RESOURCE_ID", "FUNCTION_APP_NAME", "KEY_VAULT_NAME"]));
    expect(text(valueOf(declaration(main, "output", "BOT_ID")!))).toBe(`${identityName}.properties.clientId`);
  });

  it("names in main.parameters.json only parameters main.bicep declares, and supplies every required one", () => {
    const json = JSON.parse(readFileSync(join(INFRA, "main.parameters.json"), "utf8")) as { parameters: Record<string, { value: unknown }> };
    const params = declarationsOfKind(main, "parameter");
    const declared = params.map((p) => p.name);
    expect(Object.keys(json.parameters).filter((n) => !declared.includes(n))).toEqual([]);
    const required = params.filter((p) => valueOf(p) === undefined).map((p) => p.name);
    expect(required.filter((n) => !(n in json.parameters))).toEqual([]);
    expect(json.parameters).toMatchObject({ name: { value: "${{APP_SHORT_NAME}}" }, allowedTenantIds: { value: "${{ALLOWED_TENANT_IDS}}" }, boardReportKey: { value: "${{SECRET_BOARD_REPORT_KEY}}" }, alertEmail: { value: "${{ALERT_EMAIL}}" } });
    for (const p of ["name", "location", "allowedTenantIds", "boardReportKey", "contentSafetyEndpoint", "contentSafetyKey", "alwaysReadyInstances", "maximumInstanceCount", "alertEmail", "keyVaultPublicNetworkAccess"]) expect(declared, p).toContain(p);
  });

  it("leaves local data, tests and sources out of the published package, and keeps what runs", () => {
    const patterns = readFileSync(join(ROOT, ".funcignore"), "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#") && !l.startsWith("!"));
    const names = new Set(patterns.map((p) => p.replace(/^\//, "").replace(/\/$/, "")));
    for (const n of [".azurite", "tests", ".devdata", "scripts", "*.ts", "bench-results", "env", ".git", ".ci", "docs", "local.settings.json", ".playground-home", "test-results", "infra", "appPackage"]) expect(names, n).toContain(n);
    for (const n of ["dist", "areas", "host.json", "package.json", "node_modules"]) expect([...names].filter((p) => p === n || n.startsWith(p)), n).toEqual([]);
  });
});

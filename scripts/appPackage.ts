import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import Ajv from "ajv-draft-04";
import type { ValidateFunction } from "ajv-draft-04";
import addFormats from "ajv-formats";
import { strToU8, zipSync } from "fflate";
import { PNG } from "pngjs";
import { z } from "zod";
import { loadEnv } from "./envFile";

/**
 * The Teams app package: appPackage/manifest.json with the Toolkit's ${{NAME}} placeholders filled
 * from env/.env.<env>, checked offline against Microsoft's schema for its manifestVersion and
 * Teams' own upload rules, zipped with the two icons. Used by scripts/packageApp.ts and the tests.
 */

export class PackageError extends Error {
  constructor(
    readonly problems: string[],
    heading: string,
  ) {
    super(`${heading}\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

// ---- placeholders ----

const PLACEHOLDER = /\$\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g;

/** Names may be empty only where empty means something: no suffix for the production app. */
export const MAY_BE_EMPTY: ReadonlySet<string> = new Set(["APP_NAME_SUFFIX"]);

export function placeholderNames(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ""))];
}

/** Replaces each ${{NAME}} in one pass (a value is never itself expanded); reports names with no usable value. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string | undefined>>): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const filled = text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    if (value === undefined || (value === "" && !MAY_BE_EMPTY.has(name))) {
      missing.add(name);
      return whole;
    }
    return value;
  });
  return { text: filled, missing: [...missing] };
}

/** Fills every string in a parsed manifest, so a value with a quote in it can never break the JSON. */
export function fillManifest(template: unknown, values: Readonly<Record<string, string | undefined>>): { manifest: unknown; missing: string[] } {
  const missing = new Set<string>();
  const walk = (node: unknown): unknown => {
    if (typeof node === "string") {
      const r = fillPlaceholders(node, values);
      r.missing.forEach((m) => missing.add(m));
      return r.text;
    }
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === "object") return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    return node;
  };
  const manifest = walk(template);
  return { manifest, missing: [...missing].sort() };
}

const GUID = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "must be a GUID such as 00000000-0000-0000-0000-000000000000");
const HTTPS_URL = z.string().url("must be a full URL").startsWith("https://", "must start with https://");

/** Values Teams would refuse or that would point the app somewhere wrong, caught before the schema's vaguer errors. */
export const VALUE_RULES: Readonly<Record<string, z.ZodType<string>>> = {
  TEAMS_APP_ID: GUID,
  BOT_ID: GUID,
  BOT_DOMAIN: z
    .string()
    .regex(
      /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i,
      "must be a bare host name such as func-send-dev.azurewebsites.net (no https://, path or port)",
    ),
  DEVELOPER_WEBSITE_URL: HTTPS_URL,
  PRIVACY_URL: HTTPS_URL,
  TERMS_URL: HTTPS_URL,
};

/** Where a missing value usually comes from, added to the message. */
const HINTS: Readonly<Record<string, string>> = {
  TEAMS_APP_ID: "provision's teamsApp/create writes it",
  BOT_ID: "provision writes it from infra/main.bicep's outputs",
  BOT_DOMAIN: "provision writes it from infra/main.bicep's outputs",
  PRIVACY_URL: "the council's published privacy notice",
};

export function checkValues(names: readonly string[], values: Readonly<Record<string, string | undefined>>): string[] {
  const problems: string[] = [];
  for (const name of names) {
    const rule = VALUE_RULES[name];
    const value = values[name];
    if (!rule || !value) continue;
    const r = rule.safeParse(value);
    if (!r.success) problems.push(`${name} ${r.error.issues[0]?.message ?? "is not valid"} (it is "${value}")`);
  }
  return problems;
}

// ---- the manifest ----

const SCHEMAS = join(dirname(require.resolve("@microsoft/app-manifest/package.json")), "build", "json-schemas", "teams");
const validators = new Map<string, ValidateFunction>();

/** The schema @microsoft/app-manifest ships for this manifestVersion, read from disk: never fetched. */
function validatorFor(version: string): ValidateFunction {
  const cached = validators.get(version);
  if (cached) return cached;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const schema = JSON.parse(readFileSync(join(SCHEMAS, `v${version}`, "MicrosoftTeams.schema.json"), "utf8")) as object;
  const validate = ajv.compile(schema);
  validators.set(version, validate);
  return validate;
}

export const schemaUrl = (version: string) => `https://developer.microsoft.com/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`;

/** Teams' upload limits that the JSON schema leaves looser (it allows 12 commands of 128/4000 characters). */
const COMMAND_LIMITS = { perList: 10, title: 32, description: 128 };

const Commands = z.object({
  bots: z
    .array(z.object({ commandLists: z.array(z.object({ scopes: z.array(z.string()), commands: z.array(z.object({ title: z.string(), description: z.string().optional() })) })).optional() }))
    .optional(),
  icons: z.object({ color: z.string(), outline: z.string() }),
});

/** Every reason Teams would refuse the filled manifest, each naming its field (description.short, ...). */
export function validateManifest(manifest: unknown): string[] {
  const head = z.object({ manifestVersion: z.string(), $schema: z.string().optional() }).safeParse(manifest);
  if (!head.success) return ["manifestVersion: missing"];
  const version = head.data.manifestVersion;
  if (!/^1\.\d{1,3}$/.test(version) || !existsSync(join(SCHEMAS, `v${version}`, "MicrosoftTeams.schema.json")))
    return [`manifestVersion: "${version}" has no released schema in @microsoft/app-manifest (devPreview is not accepted)`];
  const problems: string[] = [];
  if (head.data.$schema?.replace(/#$/, "") !== schemaUrl(version)) problems.push(`$schema: must be ${schemaUrl(version)} to match manifestVersion ${version}`);
  const validate = validatorFor(version);
  if (!validate(manifest)) {
    for (const e of validate.errors ?? []) {
      const field = e.instancePath.replace(/^\//, "").replace(/\//g, ".") || "(manifest)";
      const extra = "additionalProperty" in e.params ? ` (${String(e.params.additionalProperty)})` : "allowedValues" in e.params ? ` (${JSON.stringify(e.params.allowedValues)})` : "";
      problems.push(`${field}: ${e.message ?? "is not valid"}${extra}`);
    }
    return problems;
  }
  const parsed = Commands.parse(manifest);
  parsed.bots?.forEach((bot, b) =>
    bot.commandLists?.forEach((list, l) => {
      const at = `bots.${b}.commandLists.${l}`;
      if (list.commands.length > COMMAND_LIMITS.perList) problems.push(`${at}.commands: ${list.commands.length} commands; Teams shows at most ${COMMAND_LIMITS.perList} per scope`);
      list.commands.forEach((c, i) => {
        if (c.title.length > COMMAND_LIMITS.title) problems.push(`${at}.commands.${i}.title: "${c.title}" is longer than ${COMMAND_LIMITS.title} characters`);
        if ((c.description ?? "").length > COMMAND_LIMITS.description) problems.push(`${at}.commands.${i}.description: longer than ${COMMAND_LIMITS.description} characters`);
      });
    }),
  );
  for (const [which, file] of Object.entries(parsed.icons))
    if (!ICON_FILES.includes(file)) problems.push(`icons.${which}: "${file}" must be one of ${ICON_FILES.join(", ")} at the package's root`);
  return problems;
}

// ---- icons ----

export const ICON_FILES = ["color.png", "outline.png"];

function readPng(buffer: Buffer, name: string, problems: string[]): PNG | undefined {
  try {
    return PNG.sync.read(buffer);
  } catch (err) {
    problems.push(`${name}: not a readable PNG (${err instanceof Error ? err.message : String(err)})`);
    return undefined;
  }
}

/** Teams' icon rules: colour 192x192; outline 32x32, white (#FFFFFF) on a transparent background only. */
export function checkIcons(color: Buffer, outline: Buffer): string[] {
  const problems: string[] = [];
  const c = readPng(color, "color.png", problems);
  if (c && (c.width !== 192 || c.height !== 192)) problems.push(`color.png: must be 192x192 pixels, not ${c.width}x${c.height}`);
  const o = readPng(outline, "outline.png", problems);
  if (!o) return problems;
  if (o.width !== 32 || o.height !== 32) problems.push(`outline.png: must be 32x32 pixels, not ${o.width}x${o.height}`);
  let notWhite = 0;
  let first = "";
  let visible = 0;
  let clear = 0;
  for (let i = 0; i < o.data.length; i += 4) {
    const alpha = o.data[i + 3] ?? 0;
    if (alpha === 0) {
      clear++;
      continue;
    }
    visible++;
    if (o.data[i] !== 255 || o.data[i + 1] !== 255 || o.data[i + 2] !== 255) {
      if (!notWhite) first = ` (first at x ${(i / 4) % o.width}, y ${Math.floor(i / 4 / o.width)})`;
      notWhite++;
    }
  }
  if (notWhite) problems.push(`outline.png: ${notWhite} visible pixels are not white${first}; only white on transparent is allowed`);
  if (!visible) problems.push("outline.png: fully transparent: there is nothing to see");
  if (!clear) problems.push("outline.png: no transparent pixels: the background must be transparent");
  return problems;
}

// ---- the package ----

/** A fixed date, so the same inputs give the same zip bytes. */
const ZIP_DATE = new Date(2020, 0, 1);

/** manifest.json and the icons at the zip's root, where Teams looks for them. */
export function buildZip(manifestJson: string, color: Uint8Array, outline: Uint8Array): Uint8Array {
  return zipSync({ "manifest.json": strToU8(manifestJson), "color.png": color, "outline.png": outline }, { level: 9, mtime: ZIP_DATE });
}

export interface PackageOptions {
  root: string;
  env: string;
  processEnv: NodeJS.ProcessEnv;
}

export interface PackageResult {
  zipPath: string;
  manifestPath: string;
  fromEnvironment: string[];
}

/** Fills, validates and zips; throws PackageError listing every problem found at the step that failed. */
export function packageApp({ root, env, processEnv }: PackageOptions): PackageResult {
  const dir = join(root, "appPackage");
  const templateText = readFileSync(join(dir, "manifest.json"), "utf8");
  const names = placeholderNames(templateText);
  const loaded = loadEnv(root, env, processEnv, names);
  const { manifest, missing } = fillManifest(JSON.parse(templateText) as unknown, loaded.values);
  const where = loaded.files.join(" or ");
  const valueProblems = [
    ...missing.map((m) => `${m} is not set${MAY_BE_EMPTY.has(m) ? "" : " (or is empty)"}: set it in ${where}, or in the environment${HINTS[m] ? ` (${HINTS[m]})` : ""}`),
    ...checkValues(names, loaded.values),
  ];
  if (valueProblems.length) throw new PackageError(valueProblems, `Cannot fill appPackage/manifest.json for "${env}":`);

  const color = readFileSync(join(dir, "color.png"));
  const outline = readFileSync(join(dir, "outline.png"));
  const problems = [...validateManifest(manifest), ...checkIcons(color, outline)];
  if (problems.length) throw new PackageError(problems, `The app package for "${env}" would be refused:`);

  const out = join(dir, "build");
  mkdirSync(out, { recursive: true });
  const manifestJson = `${JSON.stringify(manifest, null, 2)}\n`;
  const manifestPath = join(out, `manifest.${env}.json`);
  const zipPath = join(out, `appPackage.${env}.zip`);
  writeFileSync(manifestPath, manifestJson);
  writeFileSync(zipPath, buildZip(manifestJson, color, outline));
  const fromEnvironment = names.filter((n) => loaded.sources[n] === "the environment");
  return { zipPath: relative(root, zipPath), manifestPath: relative(root, manifestPath), fromEnvironment };
}

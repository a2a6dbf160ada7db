import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { strFromU8, unzipSync } from "fflate";
import { PNG } from "pngjs";
import { afterAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { PackageError, checkIcons, fillManifest, fillPlaceholders, packageApp, placeholderNames, schemaUrl, validateManifest } from "../../scripts/appPackage";
import { EnvFileError, parseEnvFile } from "../../scripts/envFile";

const ROOT = process.cwd();
const APP = join(ROOT, "appPackage");
const templateText = readFileSync(join(APP, "manifest.json"), "utf8");
const template = JSON.parse(templateText) as Record<string, unknown>;

/** What a council's env/.env.dev holds once provision has run. */
const SAMPLE: Record<string, string> = {
  TEAMS_APP_ID: "0f8e2c4a-1b3d-4e5f-8a9b-0c1d2e3f4a5b",
  BOT_ID: "7c6b5a49-3827-4165-9f8e-7d6c5b4a3928",
  BOT_DOMAIN: "func-sendeh-dev.azurewebsites.net",
  APP_NAME_SUFFIX: "-dev",
  DEVELOPER_WEBSITE_URL: "https://www.example-council.gov.uk/send-early-help",
  PRIVACY_URL: "https://www.example-council.gov.uk/send-early-help/privacy",
  TERMS_URL: "https://www.example-council.gov.uk/send-early-help/terms",
};

function filled(values: Record<string, string> = SAMPLE): Record<string, unknown> {
  const { manifest, missing } = fillManifest(template, values);
  expect(missing).toEqual([]);
  return manifest as Record<string, unknown>;
}

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of appPackage/ and an env folder in a temp directory, so packaging never writes into the repository. */
function tempProject(envFiles: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "send-app-package-"));
  temps.push(root);
  mkdirSync(join(root, "appPackage"));
  mkdirSync(join(root, "env"));
  for (const f of ["manifest.json", "color.png", "outline.png"]) copyFileSync(join(APP, f), join(root, "appPackage", f));
  for (const [name, text] of Object.entries(envFiles)) writeFileSync(join(root, "env", name), text);
  return root;
}

const envText = (values: Record<string, string>) =>
  `# test env\n${Object.entries(values)
    .map(([k, v]) => `${k}=${v}`)
    .join("\n")}\n`;

function packagingError(root: string, env = "test", processEnv: NodeJS.ProcessEnv = {}): PackageError {
  try {
    packageApp({ root, env, processEnv });
  } catch (err) {
    if (err instanceof PackageError) return err;
    throw err;
  }
  throw new Error("packaging succeeded but should have failed");
}

describe("the committed manifest", () => {
  it("uses a released schema version, with the matching $schema URL", () => {
    expect(template.manifestVersion).toMatch(/^1\.\d+$/);
    expect(template.$schema).toBe(schemaUrl(String(template.manifestVersion)));
  });

  it("validates against its schema once the sample values are filled in", () => {
    expect(validateManifest(filled())).toEqual([]);
  });

  it("uses exactly the placeholders the env files describe", () => {
    expect(placeholderNames(templateText).sort()).toEqual(["APP_NAME_SUFFIX", "BOT_DOMAIN", "BOT_ID", "DEVELOPER_WEBSITE_URL", "PRIVACY_URL", "TEAMS_APP_ID", "TERMS_URL"]);
    for (const env of ["dev", "local"]) {
      const values = parseEnvFile(readFileSync(join(ROOT, "env", `.env.${env}`), "utf8"), env);
      for (const name of placeholderNames(templateText)) expect(Object.keys(values), `${name} in env/.env.${env}`).toContain(name);
      // Secrets belong in the git-ignored .user file only.
      expect(Object.keys(values).filter((k) => k.startsWith("SECRET_"))).toEqual([]);
    }
    expect(readFileSync(join(ROOT, ".gitignore"), "utf8").split(/\r?\n/)).toEqual(expect.arrayContaining(["env/.env.*.user", "appPackage/build/"]));
  });

  it("stays within Teams' limits: 80-character short description, 30-character name, 10 commands a scope", () => {
    const m = filled({ ...SAMPLE, APP_NAME_SUFFIX: "" });
    const at80 = { ...m, description: { ...(m.description as object), short: "x".repeat(80) } };
    expect(validateManifest(at80)).toEqual([]);
    const at81 = { ...m, description: { ...(m.description as object), short: "x".repeat(81) } };
    const problems = validateManifest(at81);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^description\.short: .*80 characters/);

    expect(validateManifest(filled({ ...SAMPLE, APP_NAME_SUFFIX: " (a very long suffix)" }))).toEqual([expect.stringMatching(/^name\.short: .*30/)]);

    type Lists = { bots: Array<{ commandLists: Array<{ commands: Array<{ title: string; description: string }> }> }> };
    const crowded = structuredClone(m) as typeof m & Lists;
    const personal = crowded.bots[0]?.commandLists[0]?.commands ?? [];
    expect(personal).toHaveLength(10);
    personal.push({ title: "extra", description: "one too many" });
    expect(validateManifest(crowded)).toEqual([expect.stringMatching(/^bots\.0\.commandLists\.0\.commands: 11 commands/)]);
    const longTitle = structuredClone(m) as typeof m & Lists;
    const first = longTitle.bots[0]?.commandLists[0]?.commands[0];
    if (first) first.title = "t".repeat(33);
    expect(validateManifest(longTitle)).toEqual([expect.stringMatching(/commands\.0\.title: .*32 characters/)]);
  });

  it("refuses a manifestVersion it has no released schema for, and a $schema that does not match", () => {
    expect(validateManifest({ ...filled(), manifestVersion: "devPreview" })).toEqual([expect.stringMatching(/^manifestVersion: "devPreview"/)]);
    const problems = validateManifest({ ...filled(), $schema: schemaUrl("1.17") });
    expect(problems).toEqual([`$schema: must be ${schemaUrl(String(template.manifestVersion))} to match manifestVersion ${String(template.manifestVersion)}`]);
  });
});

describe("icons", () => {
  const color = readFileSync(join(APP, "color.png"));
  const outline = readFileSync(join(APP, "outline.png"));

  it("are 192x192 colour and 32x32 white on transparent", () => {
    const c = PNG.sync.read(color);
    const o = PNG.sync.read(outline);
    expect([c.width, c.height, o.width, o.height]).toEqual([192, 192, 32, 32]);
    for (let i = 0; i < o.data.length; i += 4) if (o.data[i + 3]) expect([o.data[i], o.data[i + 1], o.data[i + 2]]).toEqual([255, 255, 255]);
    expect(checkIcons(color, outline)).toEqual([]);
  });

  it("refuses an outline with a single grey pixel, or icons the wrong size", () => {
    const o = PNG.sync.read(outline);
    const i = o.data.findIndex((_v, k) => k % 4 === 3 && o.data[k] === 255) - 3;
    o.data[i] = 128;
    expect(checkIcons(color, PNG.sync.write(o))).toEqual([expect.stringMatching(/^outline\.png: 1 visible pixels are not white/)]);
    expect(checkIcons(outline, color)).toEqual(expect.arrayContaining([expect.stringMatching(/^color\.png: must be 192x192/), expect.stringMatching(/^outline\.png: must be 32x32/)]));
  });
});

describe("packaging", () => {
  it("zips exactly manifest.json, color.png and outline.png at the root, placeholders filled", () => {
    const { BOT_DOMAIN: _domain, ...fileValues } = SAMPLE;
    const root = tempProject({ ".env.test": envText(fileValues), ".env.test.user": "SECRET_BOARD_REPORT_KEY=not-in-the-manifest\n" });
    const result = packageApp({ root, env: "test", processEnv: { BOT_DOMAIN: SAMPLE.BOT_DOMAIN, BOT_ID: undefined } });
    expect(result.zipPath).toBe(join("appPackage", "build", "appPackage.test.zip"));
    expect(result.fromEnvironment).toEqual(["BOT_DOMAIN"]);

    const entries = unzipSync(readFileSync(join(root, result.zipPath)));
    expect(Object.keys(entries).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    const manifestText = strFromU8(entries["manifest.json"] ?? new Uint8Array());
    expect(manifestText).not.toContain("${{");
    expect(manifestText).not.toContain("not-in-the-manifest");
    const manifest = JSON.parse(manifestText) as { id: string; bots: Array<{ botId: string }>; validDomains: string[]; name: { short: string } };
    expect(manifest).toMatchObject({ id: SAMPLE.TEAMS_APP_ID, validDomains: [SAMPLE.BOT_DOMAIN], name: { short: "SEND Early Help-dev" } });
    expect(manifest.bots[0]?.botId).toBe(SAMPLE.BOT_ID);
    expect(Buffer.from(entries["color.png"] ?? [])).toEqual(readFileSync(join(APP, "color.png")));
    expect(Buffer.from(entries["outline.png"] ?? [])).toEqual(readFileSync(join(APP, "outline.png")));
    expect(readFileSync(join(root, result.manifestPath), "utf8")).toBe(manifestText);
  });

  it("lists every placeholder left unfilled, and writes nothing", () => {
    const root = tempProject({ ".env.test": envText({ BOT_DOMAIN: SAMPLE.BOT_DOMAIN ?? "", TEAMS_APP_ID: "", APP_NAME_SUFFIX: "" }) });
    const err = packagingError(root);
    const named = err.problems.map((p) => p.split(" ")[0]);
    expect(named.sort()).toEqual(["BOT_ID", "DEVELOPER_WEBSITE_URL", "PRIVACY_URL", "TEAMS_APP_ID", "TERMS_URL"]);
    expect(err.message).toContain("env/.env.test");
    expect(existsSync(join(root, "appPackage", "build"))).toBe(false);
  });

  it("refuses a BOT_ID that is not a GUID and a BOT_DOMAIN that is a URL", () => {
    const root = tempProject({ ".env.test": envText({ ...SAMPLE, BOT_ID: "my-bot", BOT_DOMAIN: "https://func-sendeh-dev.azurewebsites.net/api" }) });
    const err = packagingError(root);
    expect(err.problems).toEqual([expect.stringMatching(/^BOT_ID must be a GUID.*"my-bot"/), expect.stringMatching(/^BOT_DOMAIN must be a bare host name/)]);
  });

  it("says which env file is missing", () => {
    expect(() => packageApp({ root: tempProject({}), env: "prod", processEnv: {} })).toThrow(/No env\/\.env\.prod/);
    expect(() => packageApp({ root: tempProject({}), env: "../etc", processEnv: {} })).toThrow(EnvFileError);
  });
});

describe("env files", () => {
  it("reads NAME=value lines, comments and quotes as the Toolkit writes them", () => {
    const text = ['\uFEFF# a comment', "", "A=1", "B = two words # trailing comment", 'C="quoted # not a comment"', "D='single \\n literal'", 'E="line\\nbreak"', "export F=x#y", "A=last wins"].join("\r\n");
    expect(parseEnvFile(text, "t")).toEqual({ A: "last wins", B: "two words", C: "quoted # not a comment", D: "single \\n literal", E: "line\nbreak", F: "x#y" });
  });

  it("refuses what it cannot read, naming the line", () => {
    expect(() => parseEnvFile("A=1\nnot a setting\n", "env/.env.dev")).toThrow(/env\/\.env\.dev line 2: expected NAME=value/);
    expect(() => parseEnvFile('A="open\n', "f")).toThrow(/line 1: the value's closing " is missing/);
    expect(() => parseEnvFile("1A=x\n", "f")).toThrow(/line 1: a name is letters/);
  });
});

describe("filling placeholders (property-based)", () => {
  const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/);
  const awkward = fc.string({ unit: fc.constantFrom("$", "{", "}", "a", "_", " ", '"', "\\", "é", "\n") });
  // Text around placeholders: anything, including $, {{ and }}, except a placeholder opening.
  const segment = fc.oneof(fc.string(), awkward).filter((s) => !s.includes("${{"));
  // A value with no $ that does not start with {, so a value and its neighbours cannot form "${{".
  const value = fc.oneof(fc.string({ minLength: 1 }), awkward.filter((s) => s.length > 0)).filter((s) => !s.includes("$") && !s.startsWith("{"));
  const template = fc
    .array(fc.tuple(name, segment), { maxLength: 8 })
    .chain((parts) => fc.tuple(fc.constant(parts), segment, fc.array(value, { minLength: parts.length, maxLength: parts.length })));

  it("replaces every supplied placeholder and leaves all other text exactly as it was", () => {
    fc.assert(
      fc.property(template, ([parts, tail, vals]) => {
        const values: Record<string, string> = {};
        parts.forEach(([n], i) => (values[n] ??= vals[i] ?? "v"));
        const text = parts.map(([n, s]) => `${s}\${{${n}}}`).join("") + tail;
        const out = fillPlaceholders(text, values);
        expect(out.missing).toEqual([]);
        expect(out.text).toBe(parts.map(([n, s]) => s + values[n]).join("") + tail);
        expect(out.text).not.toContain("${{");
      }),
    );
  });

  it("reports exactly the names not supplied, leaving their placeholders in place", () => {
    fc.assert(
      fc.property(template, fc.func(fc.boolean()), ([parts, tail, vals], supplied) => {
        const values: Record<string, string> = {};
        parts.forEach(([n], i) => {
          if (supplied(n)) values[n] ??= vals[i] ?? "v";
        });
        const text = parts.map(([n, s]) => `${s}\${{${n}}}`).join("") + tail;
        const out = fillPlaceholders(text, values);
        const absent = [...new Set(parts.map(([n]) => n).filter((n) => values[n] === undefined))];
        expect(out.missing.sort()).toEqual(absent.sort());
        expect(out.text).toBe(parts.map(([n, s]) => s + (values[n] ?? `\${{${n}}}`)).join("") + tail);
      }),
    );
  });
});

describe("m365agents.yml", () => {
  it("runs the Toolkit actions on this project's files", () => {
    const doc = parseYaml(readFileSync(join(ROOT, "m365agents.yml"), "utf8")) as Record<string, Array<{ uses: string; with?: Record<string, string> }>> & { version: string };
    expect(doc.version).toMatch(/^v1\.\d+$/);
    const uses = (stage: string) => (doc[stage] ?? []).map((a) => a.uses);
    expect(uses("provision")).toEqual(["teamsApp/create", "arm/deploy", "teamsApp/validateManifest", "teamsApp/zipAppPackage", "teamsApp/validateAppPackage", "teamsApp/update"]);
    expect(uses("deploy")).toEqual(["cli/runNpmCommand", "cli/runNpmCommand", "cli/runNpmCommand", "script"]);
    // Flex Consumption has no Kudu zip deploy endpoint: publish with Core Tools, which reads .funcignore.
    expect(doc.deploy?.at(-1)?.with?.run).toBe("func azure functionapp publish ${{FUNCTION_APP_NAME}} --javascript");
    expect(uses("publish")).toContain("teamsApp/publishAppPackage");
    const paths = Object.values(doc)
      .flatMap((stage) => (Array.isArray(stage) ? stage : []))
      .flatMap((a) => Object.entries(a.with ?? {}).filter(([k]) => k === "manifestPath"))
      .map(([, p]) => p);
    for (const p of paths) expect(existsSync(join(ROOT, p)), p).toBe(true);
  });
});

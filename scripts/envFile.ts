import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { z } from "zod";

/**
 * The Agents Toolkit's env files (env/.env.<env> and git-ignored env/.env.<env>.user): NAME=value
 * lines, # comments, optional quotes. A small parser rather than a dependency: the Toolkit writes
 * only this subset, and anything else is refused with its line number rather than half-read.
 */

export const ENV_NAME = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,31}$/i, "an environment name is letters, digits, - or _ (for example dev or local)");

const Entry = z.object({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "a name is letters, digits and _, not starting with a digit"),
  value: z.string().max(8192, "longer than 8192 characters"),
});

export class EnvFileError extends Error {}

/** Parses one env file's text; `file` names it in errors. Later lines win, as in dotenv. */
export function parseEnvFile(text: string, file: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const where = `${file} line ${index + 1}`;
    const match = /^(?:export\s+)?([^=\s]+)\s*=(.*)$/.exec(line);
    if (!match) throw new EnvFileError(`${where}: expected NAME=value`);
    const entry = Entry.safeParse({ name: match[1], value: valueOf(match[2] ?? "", where) });
    if (!entry.success) throw new EnvFileError(`${where}: ${entry.error.issues.map((i) => i.message).join("; ")}`);
    out[entry.data.name] = entry.data.value;
  });
  return out;
}

function valueOf(rest: string, where: string): string {
  const text = rest.trim();
  const quote = text[0];
  if (quote === '"' || quote === "'") {
    const end = closingQuote(text, quote);
    if (end < 0) throw new EnvFileError(`${where}: the value's closing ${quote} is missing`);
    const after = text.slice(end + 1).trim();
    if (after && !after.startsWith("#")) throw new EnvFileError(`${where}: unexpected text after the quoted value`);
    const inner = text.slice(1, end);
    // Double quotes allow \n, \" and \\ escapes; single quotes are literal, as in dotenv.
    return quote === '"' ? inner.replace(/\\(["\\n])/g, (_m, c: string) => (c === "n" ? "\n" : c)) : inner;
  }
  // Unquoted: a # after whitespace starts a comment.
  return text.replace(/(^|\s)#.*$/, "").trim();
}

function closingQuote(text: string, quote: string): number {
  for (let i = 1; i < text.length; i++) {
    if (quote === '"' && text[i] === "\\") i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}

export interface LoadedEnv {
  values: Record<string, string>;
  /** Where each value came from, for messages: a file relative to the root, or "the environment". */
  sources: Record<string, string>;
  files: string[];
}

/**
 * env/.env.<env>, then env/.env.<env>.user if present, then the process environment on top (the
 * Toolkit's order: a value set in a CI pipeline overrides the file). Only names the caller asks
 * for are taken from the process environment, so unrelated variables never leak in.
 */
export function loadEnv(root: string, env: string, processEnv: NodeJS.ProcessEnv, names: readonly string[]): LoadedEnv {
  const checked = ENV_NAME.safeParse(env);
  if (!checked.success) throw new EnvFileError(`Environment "${env}": ${checked.error.issues[0]?.message ?? "not a valid name"}`);
  const name = checked.data;
  const main = join(root, "env", `.env.${name}`);
  if (!existsSync(main)) throw new EnvFileError(`No ${relative(root, main)}: create it (see docs/teams-app.md) or pick another --env.`);
  const values: Record<string, string> = {};
  const sources: Record<string, string> = {};
  const files: string[] = [];
  for (const file of [main, `${main}.user`]) {
    if (!existsSync(file)) continue;
    const shown = relative(root, file);
    files.push(shown);
    for (const [k, v] of Object.entries(parseEnvFile(readFileSync(file, "utf8"), shown))) {
      values[k] = v;
      sources[k] = shown;
    }
  }
  for (const key of names) {
    const v = processEnv[key];
    if (v !== undefined) {
      values[key] = v;
      sources[key] = "the environment";
    }
  }
  return { values, sources, files };
}

import { z } from "zod";
import { PackageError, packageApp } from "./appPackage";
import { ENV_NAME, EnvFileError } from "./envFile";

/**
 * `npm run package -- --env dev` (default env: local): builds appPackage/build/appPackage.<env>.zip
 * for a Teams admin to upload. See docs/teams-app.md.
 */

class UsageError extends Error {}

const Args = z.object({ env: ENV_NAME.default("local") });

function parseArgs(argv: readonly string[]): z.infer<typeof Args> {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const inline = /^--env=(.*)$/.exec(arg);
    if (inline) raw.env = inline[1] ?? "";
    else if (arg === "--env" && argv[i + 1] !== undefined) raw.env = argv[++i] ?? "";
    else throw new UsageError(`Unknown argument "${arg}". Usage: npm run package -- [--env <name>]`);
  }
  const parsed = Args.safeParse(raw);
  if (!parsed.success) throw new UsageError(`--env: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  return parsed.data;
}

function main(): void {
  const { env } = parseArgs(process.argv.slice(2));
  // npm runs scripts from the package root, so the working directory is the repository.
  const result = packageApp({ root: process.cwd(), env, processEnv: process.env });
  for (const name of result.fromEnvironment) console.info(`${name}: taken from the environment (it overrides the env file).`);
  console.info(`Checked offline against the Teams schema and upload rules, and wrote:\n  ${result.zipPath}\n  ${result.manifestPath}`);
}

try {
  main();
} catch (err) {
  // Expected failures get their message alone; anything else keeps its stack for a bug report.
  const expected = err instanceof PackageError || err instanceof EnvFileError || err instanceof UsageError || !(err instanceof Error);
  console.error(expected ? String(err instanceof Error ? err.message : err) : err);
  process.exit(1);
}

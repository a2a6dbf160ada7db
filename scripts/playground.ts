import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadConfig } from "../app/config";
import { startPlayground, withCurrentUser } from "../devhost/playground";
import { freePort } from "../devhost/ports";

/**
 * `npm run playground -- "Ada Advisor"`: a second playground, as another demo person, against the
 * bot that `npm start` is running, so two people can work the same request side by side.
 */
const repoRoot = resolve(__dirname, "..", "..");

async function main(): Promise<void> {
  const name = process.argv[2];
  const config = loadConfig();
  const yml = readFileSync(join(repoRoot, ".m365agentsplayground.yml"), "utf8");
  const dir = mkdtempSync(join(tmpdir(), "playground-"));
  writeFileSync(join(dir, ".m365agentsplayground.yml"), name ? withCurrentUser(yml, name) : yml);
  const playground = await startPlayground({ port: await freePort(), endpoint: `http://127.0.0.1:${config.port}/api/messages`, configDir: dir, repoRoot });
  console.info(`Playground as ${name ?? "Sam Senco"}: ${playground.url}  (Ctrl-C to stop)`);
  const stop = () => void playground.stop().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

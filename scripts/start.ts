import { join, resolve } from "node:path";
import { getRuntime, loadStaticSetup } from "../app/composition";
import { startAzurite, type RunningAzurite } from "../devhost/azurite";
import { startDevHost, type DevHost } from "../devhost/devHost";
import { startPlayground, type RunningPlayground } from "../devhost/playground";
import { portInUse } from "../devhost/ports";
import { registrations } from "../functions/registrations";

/**
 * `npm start`: Azurite (data under .azurite/), the demo pack seeded, the dev host on :7071 and
 * the Agents Playground pointed at it. Ctrl-C stops all three.
 */
const repoRoot = resolve(__dirname, "..", "..");

async function main(): Promise<void> {
  const ownStorage = !process.env.STORAGE_CONNECTION_STRING && !process.env.STORAGE_TABLE_URL;
  let azurite: RunningAzurite | undefined;
  let host: DevHost | undefined;
  let playground: RunningPlayground | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.info("\nStopping SEND Early Help…");
    await playground?.stop();
    await host?.close();
    await azurite?.stop();
    process.exit(code);
  };
  process.once("SIGINT", () => void stop(0));
  process.once("SIGTERM", () => void stop(0));

  try {
    if (ownStorage) {
      if (await portInUse(10002)) throw new Error("Port 10002 is in use: is another Azurite running? Stop it, or set STORAGE_CONNECTION_STRING to use it.");
      azurite = await startAzurite({ location: join(repoRoot, ".azurite"), blobPort: 10000, queuePort: 10001, tablePort: 10002, repoRoot });
      console.info("Azurite (Table and Queue storage) is running; data is kept in .azurite/");
    }
    const setup = loadStaticSetup();
    const rt = await getRuntime();
    host = await startDevHost(registrations, { port: setup.config.port, log: setup.log, queues: rt.deps.queues });
    playground = await startPlayground({
      port: setup.config.playgroundPort,
      endpoint: `${host.url}/api/messages`,
      configDir: repoRoot,
      repoRoot,
    });
    console.info(
      [
        "",
        "SEND Early Help is running.",
        `  Open the Teams playground:  ${playground.url}`,
        `  Bot endpoint:               ${host.url}/api/messages`,
        `  Health:                     ${host.url}/api/health`,
        "  You are Sam Senco (a SENCO). Open 'Personal Chat' and type help.",
        "Press Ctrl-C to stop.",
      ].join("\n"),
    );
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    await stop(1);
  }
}

void main();

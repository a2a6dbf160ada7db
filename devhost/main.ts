import { getRuntime, loadStaticSetup } from "../app/composition";
import { registrations } from "../functions/registrations";
import { startDevHost } from "./devHost";

/** `npm run dev-host`: the Functions app's handlers on http://127.0.0.1:PORT/api, no Core Tools needed. */
async function main(): Promise<void> {
  const setup = loadStaticSetup();
  const rt = await getRuntime();
  const host = await startDevHost(registrations, { port: setup.config.port, log: setup.log, queues: rt.deps.queues });
  const stop = () => {
    void host.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

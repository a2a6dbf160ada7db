import type { TestProject } from "vitest/node" with { "resolution-mode": "import" };
import { startAzurite, type RunningAzurite } from "../../devhost/azurite";
import { freePort } from "../../devhost/ports";

declare module "vitest" {
  export interface ProvidedContext {
    storageConnectionString: string;
  }
}

let azurite: RunningAzurite | undefined;

/** One real Azurite (in memory, free ports) for the whole run; each test file uses its own table prefix. */
export async function setup(project: TestProject): Promise<void> {
  azurite = await startAzurite({
    blobPort: await freePort(),
    queuePort: await freePort(),
    tablePort: await freePort(),
    repoRoot: process.cwd(),
  });
  project.provide("storageConnectionString", azurite.connectionString);
}

export async function teardown(): Promise<void> {
  await azurite?.stop();
}

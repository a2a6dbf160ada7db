import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { azuriteConnectionString } from "../app/config";

export interface RunningAzurite {
  connectionString: string;
  tablePort: number;
  queuePort: number;
  stop(): Promise<void>;
}

/**
 * Starts the real Azure Storage emulator (Table and Queue; Blob on its own port because the
 * single `azurite` binary always starts it). Resolves once both services listen.
 */
export async function startAzurite(options: { location?: string; blobPort: number; queuePort: number; tablePort: number; repoRoot: string }): Promise<RunningAzurite> {
  const args = [
    "--silent",
    "--skipApiVersionCheck",
    "--disableTelemetry",
    "--loose",
    "--blobPort", String(options.blobPort),
    "--queuePort", String(options.queuePort),
    "--tablePort", String(options.tablePort),
  ];
  if (options.location) {
    mkdirSync(options.location, { recursive: true });
    args.push("--location", options.location);
  } else args.push("--inMemoryPersistence");
  const bin = join(options.repoRoot, "node_modules", "azurite", "dist", "src", "azurite.js");
  const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  await waitForListening(child, ["Table service is successfully listening", "Queue service is successfully listening"]);
  return {
    connectionString: azuriteConnectionString("127.0.0.1", options.tablePort, options.queuePort),
    tablePort: options.tablePort,
    queuePort: options.queuePort,
    stop: () => stopChild(child),
  };
}

function waitForListening(child: ChildProcess, markers: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`Azurite did not start within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (markers.every((m) => output.includes(m))) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited with code ${code}:\n${output}`));
    });
  });
}

export function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stopChild } from "./azurite";

export interface RunningPlayground {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts Microsoft 365 Agents Playground (the local Teams client emulator) against the bot
 * endpoint. Its mock users and team come from .m365agentsplayground.yml in `configDir`.
 */
export async function startPlayground(options: { port: number; endpoint: string; configDir: string; repoRoot: string; onOutput?: (line: string) => void }): Promise<RunningPlayground> {
  // The playground opens a browser on start; headless machines have no xdg-open, so give it a no-op.
  const shim = mkdtempSync(join(tmpdir(), "playground-shim-"));
  writeFileSync(join(shim, "xdg-open"), "#!/bin/sh\nexit 0\n");
  chmodSync(join(shim, "xdg-open"), 0o755);
  const cli = join(options.repoRoot, "node_modules", "@microsoft", "m365agentsplayground", "cli.js");
  const child = spawn(process.execPath, [cli, "-p", String(options.port), "-e", options.endpoint, "-c", "msteams", "--dt"], {
    cwd: options.configDir,
    env: { ...process.env, PATH: `${shim}:${process.env.PATH ?? ""}`, BROWSER: "none", TEAMSAPPTESTER_BROWSER: "none" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const port = await waitForPort(child, options.onOutput);
  return { url: `http://127.0.0.1:${port}`, port, stop: () => stopChild(child) };
}

/** The playground falls back to a random port when the asked one is busy, so read the one it took. */
function waitForPort(child: ChildProcess, onOutput?: (line: string) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`The playground did not start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      text.split("\n").filter(Boolean).forEach((l) => onOutput?.(l));
      const match = /Listening on (\d+)/i.exec(output) ?? /https?:\/\/(?:localhost|127\.0\.0\.1):(\d+)/i.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The playground exited with code ${code}:\n${output}`));
    });
  });
}

/** Swaps the currentUser block with the users entry named `name` (the file keeps exactly five others). */
export function withCurrentUser(yml: string, name: string): string {
  const lines = yml.split("\n");
  const start = lines.findIndex((l) => l.startsWith("currentUser:"));
  const usersAt = lines.findIndex((l) => l.startsWith("users:"));
  const endUsers = lines.findIndex((l, i) => i > usersAt && /^\S/.test(l));
  const current = lines.slice(start + 1, usersAt).map((l) => l.replace(/^ {2}/, ""));
  const entries: string[][] = [];
  for (const l of lines.slice(usersAt + 1, endUsers)) {
    if (l.startsWith("  - ")) entries.push([l.slice(4)]);
    else entries[entries.length - 1]?.push(l.slice(4));
  }
  const chosen = entries.find((e) => e.some((l) => l === `name: ${name}`));
  if (!chosen) throw new Error(`No mock user named ${name}`);
  const others = [...entries.filter((e) => e !== chosen), current];
  return [
    ...lines.slice(0, start),
    "currentUser:",
    ...chosen.map((l) => `  ${l}`),
    "users:",
    ...others.flatMap((e) => e.map((l, i) => (i === 0 ? `  - ${l}` : `    ${l}`))),
    ...lines.slice(endUsers),
  ].join("\n");
}


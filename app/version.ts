import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

/** The package version, read once; dist/app/version.js sits two folders below package.json. */
function readVersion(): string {
  for (const candidate of [join(__dirname, "..", "..", "package.json"), join(__dirname, "..", "package.json")]) {
    try {
      return z.object({ version: z.string() }).parse(JSON.parse(readFileSync(candidate, "utf8"))).version;
    } catch {
      // try the next location (ts sources run from the repo root in tests)
    }
  }
  return "unknown";
}

export const APP_VERSION = readVersion();

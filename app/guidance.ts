import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { AreaPack } from "../domain/areaPack";
import { describeIssues } from "../domain/areaPack";
import { GuidanceCorpus } from "../domain/guidance";
import { GuidanceIndex } from "../domain/guidanceSearch";
import { AreaPackError } from "./areaPacks";

export const GUIDANCE_FILE = "guidance.json";

/** Each area's guidance search index, built on first use. */
export interface GuidanceIndexes {
  get(areaId: string): GuidanceIndex | undefined;
}

/**
 * Reads and checks each area's guidance.json at start-up (a broken file stops start-up, naming it),
 * and builds its search index the first time someone asks a question there, so a cold start that
 * answers "help" does not pay for it. The index is derived from files shipped with the app,
 * identical on every instance, so holding it in memory is safe.
 */
export function loadGuidanceIndexes(areasDir: string, packs: readonly AreaPack[]): GuidanceIndexes {
  const corpora = new Map<string, GuidanceCorpus["articles"]>();
  const built = new Map<string, GuidanceIndex>();
  for (const pack of packs) {
    const file = join(resolve(areasDir), pack.id, GUIDANCE_FILE);
    if (!existsSync(file)) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, "utf8"));
    } catch (err) {
      throw new AreaPackError(`Guidance file ${file} is not valid JSON: ${(err as Error).message}`);
    }
    const parsed = GuidanceCorpus.safeParse(raw);
    if (!parsed.success) throw new AreaPackError(`Guidance file ${file} is not valid:\n${describeIssues(parsed.error)}`);
    if (parsed.data.areaId !== pack.id) throw new AreaPackError(`Guidance file ${file} says areaId "${parsed.data.areaId}" but sits in area "${pack.id}"`);
    corpora.set(pack.id, parsed.data.articles);
  }
  return {
    get(areaId) {
      let index = built.get(areaId);
      const articles = corpora.get(areaId);
      if (!index && articles) built.set(areaId, (index = new GuidanceIndex(articles)));
      return index;
    },
  };
}

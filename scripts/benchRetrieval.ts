import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { z } from "zod";
import { NeedArea, Phase } from "../domain/areaPack";
import { GuidanceCorpus } from "../domain/guidance";
import { GuidanceIndex } from "../domain/guidanceSearch";
import { percentile } from "./benchStats";

/**
 * Retrieval quality and speed on the Wiltshire labelled question set. Run after changing the
 * corpus or the ranking: `npm run build && node dist/scripts/benchRetrieval.js`.
 */

export const CORPUS_PATH = join("areas", "wiltshire", "guidance.json");
export const QUESTIONS_PATH = join("scripts", "fixtures", "adviceQuestions.wiltshire.json");

export const AdviceQuestion = z.object({
  id: z.string().min(1),
  text: z.string().min(1),
  needAreas: z.array(NeedArea).optional(),
  phase: Phase.optional(),
  /** The article ids a good answer would show, decided from the question before any tuning. */
  relevant: z.array(z.string().min(1)).min(1),
});
export type AdviceQuestion = z.infer<typeof AdviceQuestion>;

export async function loadGuidanceCorpus(root = process.cwd()): Promise<GuidanceCorpus> {
  return GuidanceCorpus.parse(JSON.parse(await readFile(join(root, CORPUS_PATH), "utf8")));
}

export async function loadAdviceQuestions(root = process.cwd()): Promise<AdviceQuestion[]> {
  return z.array(AdviceQuestion).parse(JSON.parse(await readFile(join(root, QUESTIONS_PATH), "utf8")));
}

export interface RetrievalScores {
  questions: number;
  /** Share of questions whose first hit is relevant. */
  hitAt1: number;
  /** Share of questions with a relevant article among the first three hits. */
  hitAt3: number;
  /** Mean reciprocal rank of the first relevant hit within the first 10 (0 when none). */
  mrr: number;
  missedAt3: Array<{ id: string; text: string; got: string[] }>;
}

export function scoreRetrieval(index: GuidanceIndex, questions: readonly AdviceQuestion[]): RetrievalScores {
  let hit1 = 0;
  let hit3 = 0;
  let reciprocal = 0;
  const missedAt3: RetrievalScores["missedAt3"] = [];
  for (const q of questions) {
    const ids = index.search({ text: q.text, needAreas: q.needAreas, phase: q.phase }, 10).map((h) => h.article.id);
    const rank = ids.findIndex((id) => q.relevant.includes(id));
    if (rank === 0) hit1++;
    if (rank >= 0 && rank < 3) hit3++;
    else missedAt3.push({ id: q.id, text: q.text, got: ids.slice(0, 3) });
    if (rank >= 0) reciprocal += 1 / (rank + 1);
  }
  const n = questions.length || 1;
  return { questions: questions.length, hitAt1: hit1 / n, hitAt3: hit3 / n, mrr: reciprocal / n, missedAt3 };
}


const REPETITIONS = 20;

export async function runRetrievalBench(): Promise<string[]> {
  const [corpus, questions] = await Promise.all([loadGuidanceCorpus(), loadAdviceQuestions()]);
  const built = performance.now();
  const index = new GuidanceIndex(corpus.articles);
  const buildMs = performance.now() - built;

  const scores = scoreRetrieval(index, questions);

  const timings: number[] = [];
  for (let r = 0; r < REPETITIONS; r++) {
    for (const q of questions) {
      const start = performance.now();
      index.search({ text: q.text, needAreas: q.needAreas, phase: q.phase }, 10);
      timings.push(performance.now() - start);
    }
  }

  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `Guidance retrieval: ${corpus.areaId}, ${corpus.articles.length} articles, ${scores.questions} questions`,
    `hit@1 ${pct(scores.hitAt1)}  hit@3 ${pct(scores.hitAt3)}  MRR@10 ${scores.mrr.toFixed(3)}`,
    `latency over ${REPETITIONS} repetitions: median ${percentile(timings, 50).toFixed(3)} ms, p95 ${percentile(timings, 95).toFixed(3)} ms (index built in ${buildMs.toFixed(1)} ms)`,
    `missed at 3: ${scores.missedAt3.length}`,
    ...scores.missedAt3.map((m) => `  ${m.id} "${m.text}" -> ${m.got.length ? m.got.join(", ") : "(nothing)"}`),
  ];
  return lines;
}

// Run directly (node dist/scripts/benchRetrieval.js); importing it, as the tests do, runs nothing.
if (typeof require !== "undefined" && typeof module !== "undefined" && require.main === module) {
  runRetrievalBench().then(
    (lines) => console.info(lines.join("\n")),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}

import adviceQuestions from "./fixtures/adviceQuestions.wiltshire.json";
import { findPupilIdentifiers } from "../domain/pupilDataGuard";
import { PUPIL_DATA_EXAMPLES, scorePupilDataGuard, type DetectorScore } from "./fixtures/pupilDataExamples";
import { percentile } from "./benchStats";
import { loadIdentifierSet, scoreIdentifierSet } from "./fixtures/identifierSets";

const REPEATS = 20;

function describeScore(name: string, score: DetectorScore): string {
  return (
    `${name}: ${score.examples} examples, recall ${score.recall.toFixed(3)}, precision ${score.precision.toFixed(3)} ` +
    `(TP ${score.truePositives}, FP ${score.falsePositives}, FN ${score.falseNegatives})`
  );
}

/** Times one call per text, over every text REPEATS times, and reports median and p95 in microseconds. */
export function timePerCall(name: string, texts: string[], detect: (text: string) => unknown, repeats = REPEATS): string {
  const samples: number[] = [];
  for (let round = 0; round < repeats; round++) {
    for (const text of texts) {
      const started = performance.now();
      detect(text);
      samples.push(performance.now() - started);
    }
  }
  const micro = (ms: number): string => `${(ms * 1000).toFixed(1)} µs`;
  return `${name}: ${samples.length} calls, median ${micro(percentile(samples, 50))}, p95 ${micro(percentile(samples, 95))}`;
}

/** Labelled SENCO questions that mention places, books and schools but no child: any finding is a false alarm. */
function adviceQuestionFalseAlarms(): string {
  const questions = adviceQuestions as { id: string; text: string }[];
  const flagged = questions.filter((q) => findPupilIdentifiers(q.text).length > 0).map((q) => q.id);
  return `Pupil data guard on ${questions.length} SEND advice questions (no identifiers): ${flagged.length} false alarms${flagged.length ? ` (${flagged.join(", ")})` : ""}`;
}

/**
 * The pupil data guard's score on its labelled set (all, and the disguised examples alone),
 * false alarms on real advice questions, then time per call over its examples and on long text.
 */
/** The blind batches: scored, never tuned on. */
function blindIdentifierLines(): string[] {
  return (["identifiers-blind-1", "identifiers-blind-2"] as const).flatMap((name) => {
    const items = loadIdentifierSet(name);
    if (!items) return [`Pupil data guard, BLIND ${name}: not present`];
    const [first = "", ...rest] = scoreIdentifierSet(items);
    return [`Pupil data guard, BLIND ${name}: ${first}`, ...rest];
  });
}

export async function runPupilDataBench(): Promise<string[]> {
  const texts = PUPIL_DATA_EXAMPLES.map((e) => e.text);
  const disguised = PUPIL_DATA_EXAMPLES.filter((e) => e.disguised);
  const long = [texts.join(" ").slice(0, 5_000), "Sam ".repeat(5_000), "9 4 3 ".repeat(3_000), "a at b dot ".repeat(2_000)];
  const lines = [
    describeScore("Pupil data guard (per example and kind)", scorePupilDataGuard()),
    describeScore("Pupil data guard, disguised identifiers only", scorePupilDataGuard(disguised)),
    adviceQuestionFalseAlarms(),
    ...blindIdentifierLines(),
    timePerCall("findPupilIdentifiers (per example; budget 1 ms)", texts, findPupilIdentifiers),
    timePerCall("findPupilIdentifiers (5,000 to 20,000 characters)", long, findPupilIdentifiers, 3),
  ];
  return Promise.resolve(lines);
}

if (require.main === module) {
  runPupilDataBench().then(
    (lines) => lines.forEach((line) => console.info(line)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}

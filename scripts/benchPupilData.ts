import { findPupilIdentifiers } from "../domain/pupilDataGuard";
import { PUPIL_DATA_EXAMPLES, scorePupilDataGuard, type DetectorScore } from "./fixtures/pupilDataExamples";
import { percentile } from "./benchStats";

const REPEATS = 20;

function describeScore(name: string, score: DetectorScore): string {
  return (
    `${name}: ${score.examples} examples, recall ${score.recall.toFixed(3)}, precision ${score.precision.toFixed(3)} ` +
    `(TP ${score.truePositives}, FP ${score.falsePositives}, FN ${score.falseNegatives})`
  );
}


/** Times one call per text, over every text REPEATS times, and reports median and p95 in microseconds. */
export function timePerCall(name: string, texts: string[], detect: (text: string) => unknown): string {
  const samples: number[] = [];
  for (let round = 0; round < REPEATS; round++) {
    for (const text of texts) {
      const started = performance.now();
      detect(text);
      samples.push(performance.now() - started);
    }
  }
  const micro = (ms: number): string => `${(ms * 1000).toFixed(1)} µs`;
  return `${name}: ${samples.length} calls, median ${micro(percentile(samples, 50))}, p95 ${micro(percentile(samples, 95))}`;
}

/** The pupil data guard's score on its labelled set, then time per call over its examples. */
export async function runPupilDataBench(): Promise<string[]> {
  const texts = PUPIL_DATA_EXAMPLES.map((e) => e.text);
  const lines = [
    describeScore("Pupil data guard (per example and kind)", scorePupilDataGuard()),
    timePerCall("findPupilIdentifiers", texts, findPupilIdentifiers),
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

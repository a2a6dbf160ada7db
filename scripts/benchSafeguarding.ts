import { assessSafeguarding } from "../domain/safeguarding";
import { screenSchoolText } from "../domain/textScreening";
import { timePerCall } from "./benchPupilData";
import { legacyExamplesAsItems } from "./fixtures/safeguardingExamples";
import { describeSafeguardingScore, loadSafeguardingSet, scoreSafeguardingSet, type SafeguardingSetName } from "./fixtures/safeguardingSets";

/**
 * The safeguarding screen on every labelled set: the development sets (tuned against) and each
 * blind batch (never tuned against; only these aggregate figures are ever printed for them).
 * Then the time to screen one message, both guards together, as the bot does.
 */
export function runSafeguardingBench(): string[] {
  const lines: string[] = [];
  const texts: string[] = [];
  const sets: Array<[string, ReturnType<typeof legacyExamplesAsItems> | undefined]> = [
    ["development (dev-1)", loadSafeguardingSet("dev")],
    ["development (dev-2)", loadSafeguardingSet("dev-2")],
    ["development (dev-3)", loadSafeguardingSet("dev-3")],
    ["development (dev-4)", loadSafeguardingSet("dev-4")],
    ["development (dev-5)", loadSafeguardingSet("dev-5")],
    ["development (hand-written examples)", legacyExamplesAsItems()],
    ...(["blind-1", "blind-2", "blind-3", "blind-4", "blind-5", "blind-6", "blind-7", "blind-8", "blind-9", "blind-10", "blind-11"] as SafeguardingSetName[]).map((name): [string, ReturnType<typeof legacyExamplesAsItems> | undefined] => [`BLIND ${name}`, loadSafeguardingSet(name)]),
  ];
  for (const [name, items] of sets) {
    if (!items) {
      lines.push(`Safeguarding ${name}: not present`);
      continue;
    }
    lines.push(...describeSafeguardingScore(name, scoreSafeguardingSet(items)));
    texts.push(...items.map((i) => i.text));
  }
  lines.push(timePerCall("assessSafeguarding (per message)", texts, (t) => assessSafeguarding(t)));
  lines.push(timePerCall("screenSchoolText (both guards, per message)", texts, (t) => screenSchoolText([t])));
  return lines;
}

if (require.main === module) runSafeguardingBench().forEach((line) => console.info(line));

import { loadDevelopmentSets } from "./fixtures/safeguardingExamples";
import { describeSafeguardingScore, scoreSafeguardingSet } from "./fixtures/safeguardingSets";

/**
 * `node dist/scripts/tuneSafeguarding.js`: the development sets' scores with every miss and false
 * alarm listed, to tune the indicator files against. It never opens a blind batch: those are
 * scored only by `npm run bench`, and only in aggregate.
 */
for (const [name, items] of loadDevelopmentSets()) {
  const score = scoreSafeguardingSet(items);
  describeSafeguardingScore(name, score).forEach((l) => console.info(l));
  if (process.argv.includes("--details")) {
    for (const m of score.misses) console.info(`  MISS ${m.id} [${m.category ?? ""}] ${m.text}`);
    for (const f of score.falseAlarms) console.info(`  ${f.level === "concern" ? "REDIRECT" : "ASKED"} ${f.id} {${f.indicators.join(",")}} ${f.text}`);
  }
}

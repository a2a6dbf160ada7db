// The indicator files, one per statutory category, in the order the card names them.
import physicalAbuse from "./indicators/physical-abuse.json";
import emotionalAbuse from "./indicators/emotional-abuse.json";
import sexualAbuse from "./indicators/sexual-abuse.json";
import neglect from "./indicators/neglect.json";
import domesticAbuse from "./indicators/domestic-abuse.json";
import parentalCapacity from "./indicators/parental-capacity.json";
import selfHarmSuicide from "./indicators/self-harm-suicide.json";
import childOnChild from "./indicators/child-on-child.json";
import onlineAbuse from "./indicators/online-abuse.json";
import criminalExploitation from "./indicators/criminal-exploitation.json";
import sexualExploitation from "./indicators/sexual-exploitation.json";
import fgm from "./indicators/fgm.json";
import forcedMarriageHonour from "./indicators/forced-marriage-honour.json";
import radicalisation from "./indicators/radicalisation.json";
import missingChildren from "./indicators/missing-children.json";
import fabricatedIllness from "./indicators/fabricated-illness.json";
import traffickingSlavery from "./indicators/trafficking-slavery.json";
import privateFostering from "./indicators/private-fostering.json";
import positionOfTrust from "./indicators/position-of-trust.json";
import disclosure from "./indicators/disclosure.json";
import lexiconFile from "./lexicon.json";
import learnedModelFile from "./learnedModel.json";
import { z } from "zod";
import { buildScreen, assessWith, type SafeguardingAssessment, type SafeguardingScreen } from "./assess";
import { CategorySchema, LexiconSchema, type CategoryFile } from "./indicatorFiles";

const FILES: unknown[] = [
  physicalAbuse,
  emotionalAbuse,
  sexualAbuse,
  neglect,
  domesticAbuse,
  parentalCapacity,
  selfHarmSuicide,
  childOnChild,
  onlineAbuse,
  criminalExploitation,
  sexualExploitation,
  fgm,
  forcedMarriageHonour,
  radicalisation,
  missingChildren,
  fabricatedIllness,
  traffickingSlavery,
  privateFostering,
  positionOfTrust,
  disclosure,
];

export type { SafeguardingAssessment, SafeguardingLevel, SafeguardingScreen } from "./assess";
export { buildScreen, UNNAMED_RISK_PROMPT } from "./assess";

/** Validates and compiles indicator files; an error names the file and the reason. */
const LearnedModelSchema = z.object({ bias: z.number(), threshold: z.number().min(0).max(1), weights: z.record(z.number()) });

export function screenFromFiles(lexicon: unknown, files: readonly unknown[], learned?: unknown): SafeguardingScreen {
  const parsedLexicon = LexiconSchema.parse(lexicon);
  const categories: CategoryFile[] = files.map((file, i) => {
    const parsed = CategorySchema.safeParse(file);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`safeguarding indicator file ${i + 1}: ${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`);
    }
    return parsed.data;
  });
  return buildScreen(parsedLexicon, categories, learned === undefined ? undefined : LearnedModelSchema.parse(learned));
}

let shipped: SafeguardingScreen | undefined;

/** The screen built from the shipped indicator files, compiled on first use. */
export function shippedScreen(): SafeguardingScreen {
  shipped ??= screenFromFiles(lexiconFile, FILES, learnedModelFile);
  return shipped;
}

/** Screens one message with the shipped indicators. */
export function assessSafeguarding(text: string, screen: SafeguardingScreen = shippedScreen()): SafeguardingAssessment {
  return assessWith(screen, text);
}

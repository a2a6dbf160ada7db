import type { NeedArea, Phase } from "./areaPack";
import { phaseOfYearGroup, type TriedFor, type YearGroup } from "./adviceRequest";
import type { GuidanceArticle } from "./guidance";
import { inferNeedAreas, inferPhase, type GuidanceIndex } from "./guidanceSearch";

/** At most this many articles go on an advice card: enough choice, short enough to read. */
export const ADVICE_ITEMS = 3;

export interface AdviceAnswer {
  articles: GuidanceArticle[];
  phase: Phase | undefined;
  needAreas: NeedArea[];
  yearGroup: YearGroup | undefined;
}

/** "Year 4", "Y4", "yr 10", "reception", "nursery" in what a SENCO typed. */
export function yearGroupIn(text: string): YearGroup | undefined {
  const year = /\b(?:year|yr|y)\s?(1[0-3]|[1-9])\b/i.exec(text);
  if (year?.[1]) return `Year ${Number(year[1])}` as YearGroup;
  if (/\breception\b/i.test(text)) return "Reception";
  if (/\b(nursery|pre-?school)\b/i.test(text)) return "Nursery";
  return undefined;
}

/** "for a term", "for two terms", "half a term", "for a year" in what a SENCO typed. */
export function triedForIn(text: string): TriedFor | undefined {
  const t = text.toLowerCase();
  if (/\b(a|one|1)\s+(school\s+)?year\b|\b(over|more than) a year\b/.test(t)) return "a year or more";
  if (/\b(two|2)\s+terms\b/.test(t)) return "two terms";
  if (/\bhalf(\s+a)?[\s-]+term\b/.test(t)) return "half a term";
  if (/\b(a|one|1)\s+term\b|\bthis term\b|\ball term\b/.test(t)) return "a term";
  if (/\b(a few|\d|two|three|four|five|six)\s+weeks?\b/.test(t)) return "under half a term";
  return undefined;
}

/** Free text: phase and need are inferred, so they only boost ranking. */
export function adviseOnFreeText(index: GuidanceIndex, text: string): AdviceAnswer {
  const yearGroup = yearGroupIn(text);
  const phase = yearGroup ? phaseOfYearGroup(yearGroup) : inferPhase(text);
  const needAreas = inferNeedAreas(text);
  const hits = index.search({ text }, ADVICE_ITEMS);
  return { articles: hits.map((h) => h.article), phase, needAreas, yearGroup };
}

/** The form: year group and needs were chosen, so they filter. */
export function adviseOnForm(index: GuidanceIndex, form: { question: string; tried: string; yearGroup: YearGroup; primaryNeed: NeedArea; otherNeeds: NeedArea[] }): AdviceAnswer {
  const phase = phaseOfYearGroup(form.yearGroup);
  const needAreas = [form.primaryNeed, ...form.otherNeeds.filter((n) => n !== form.primaryNeed)];
  const hits = index.search({ text: `${form.question} ${form.tried}`, needAreas, phase }, ADVICE_ITEMS);
  return { articles: hits.map((h) => h.article), phase, needAreas, yearGroup: form.yearGroup };
}

import MiniSearch from "minisearch";
import { PHASES, type NeedArea, type Phase } from "./areaPack";
import type { GuidanceArticle } from "./guidance";

/**
 * Retrieval over the local area's guidance articles, so a SENCO's typed question (typos,
 * abbreviations, US spellings and all) finds the right ordinarily available strategies at once.
 * Framework-free: MiniSearch for BM25 with prefix and fuzzy matching, plus our own text analysis
 * (synonyms, UK spelling, Porter stemming) applied identically to articles and queries.
 */

export interface AdviceQuery {
  text: string;
  /** From a structured form: a hard filter. Left out, need areas inferred from the text only boost. */
  needAreas?: NeedArea[];
  /** From a structured form: a hard filter. Left out, a phase inferred from the text only boosts. */
  phase?: Phase;
}

export interface GuidanceHit {
  article: GuidanceArticle;
  /** Relevance, comparable within one query only. */
  score: number;
  /** Share of the question (words weighted by rarity) this article matches, 0 to 1. */
  coverage: number;
}

export interface GuidanceIndexOptions {
  /**
   * Below this share of the question (words weighted by rarity, numbers ignored) covered by the
   * best answer, the query is treated as off topic: "lunch menu this week" shares only "week".
   * Kept low because a wrongly empty answer to a real question costs more than a weak article.
   */
  minCoverage?: number;
  /** Hits scoring under this fraction of the best are dropped as noise. */
  relativeCutoff?: number;
}

const DEFAULT_MIN_COVERAGE = 0.2;
// A term in more than about half the articles ("school", "support") says nothing about topic.
const MIN_TOPIC_IDF = 1;
const DEFAULT_RELATIVE_CUTOFF = 0.1;

// Field weights: a word in the title says most about what an article is for, the keywords are
// the words people type, and strategies are long, so a match there says least.
const FIELD_BOOST = { title: 3, keywords: 2.5, summary: 1.5, strategies: 1 } as const;
const FIELDS = Object.keys(FIELD_BOOST);

// Inferred context only nudges the ranking: a question's wording about age is often loose.
const PHASE_MATCH = 1.25;
const PHASE_MISMATCH = 0.7;
const AREA_MATCH = 1.2;
const AREA_MISMATCH = 0.8;
// Year group and key stage tokens say more about phase than topic.
const YEAR_TOKEN_BOOST = 0.3;

// ---------------------------------------------------------------------------------------------
// Text analysis

const STOP_WORDS = new Set(
  (
    "a about above after again against all am an and any are as at be because been before being below between both but by " +
    "could did do does doing down during each few for from further had has have having he her here hers herself him himself " +
    "his how i if in into is it its itself just me more most my myself no nor not of off on once only or other our ours " +
    "ourselves out over own same she should so some such than that the their theirs them themselves then there these they " +
    "this those through to too under until up very was we were what when where which while who whom why will with would " +
    "you your yours yourself yourselves " +
    // contractions once apostrophes are stripped
    "wont cant dont doesnt didnt isnt arent wasnt werent havent hasnt hadnt couldnt shouldnt wouldnt im ive id ill hes shes " +
    "theyre theyve weve were youre " +
    // chat filler and words every question shares, which only add noise
    "hi hello thanks thank please anyone help advice advise ideas idea tips tip strategies strategy suggestions suggest " +
    "really also get got getting know think like want wants currently still always constantly keeps keep " +
    "child childs children pupil pupils student students kid kids boy boys girl girls lad lads lass teen teens teenager teenagers son daughter year years yr y age aged old " +
    "someone something anything can may might must shall maybe perhaps actually basically mean means today yesterday " +
    "tomorrow now lot lots bit quite much many thing things way ways happen happens happening never ever good great"
  ).split(" "),
);

/** US spellings (and a few US words) mapped to the UK ones the articles use. A Map, so "constructor" is just a word. */
const UK_SPELLING = new Map<string, string>(Object.entries({
  behavior: "behaviour",
  behaviors: "behaviours",
  behavioral: "behavioural",
  color: "colour",
  colors: "colours",
  colored: "coloured",
  center: "centre",
  centers: "centres",
  favorite: "favourite",
  program: "programme",
  programs: "programmes",
  pediatrician: "paediatrician",
  pediatric: "paediatric",
  counseling: "counselling",
  counselor: "counsellor",
  modeling: "modelling",
  labeled: "labelled",
  traveling: "travelling",
  practise: "practice",
  practising: "practice",
  math: "maths",
  mom: "mum",
  moms: "mums",
  neighbor: "neighbour",
  honor: "honour",
  humor: "humour",
  defense: "defence",
  judgment: "judgement",
  diaper: "nappy",
  diapers: "nappies",
  kindergarten: "reception",
  recess: "playtime",
  restroom: "toilet",
  drier: "dryer",
  driers: "dryers",
  bathroom: "toilet",
}));

/**
 * Abbreviations and everyday words mapped to the terms the articles use. Each entry lists every
 * term to index or search for, so keep the original where it also appears in articles.
 */
const SYNONYMS = new Map<string, string>(Object.entries({
  asd: "asd autism",
  asc: "asc autism",
  autistic: "autistic autism",
  aspergers: "autism",
  asperger: "autism",
  adhd: "adhd attention hyperactive",
  hyper: "hyperactive",
  fidgety: "fidget",
  dyslexic: "dyslexia",
  dyscalculic: "dyscalculia",
  dyspraxic: "dyspraxia",
  dcd: "dcd dyspraxia",
  ebsa: "ebsa school avoidance",
  semh: "semh social emotional mental health",
  slcn: "slcn speech language communication",
  dld: "dld language disorder",
  salt: "salt speech language therapy",
  slt: "speech language therapy",
  camhs: "camhs mental health",
  mhst: "mental health support team",
  ehcp: "ehcp ehc plan",
  ehcps: "ehcp ehc plan",
  ehcna: "ehcna ehc needs assessment",
  ep: "educational psychologist",
  eps: "educational psychologist",
  ot: "occupational therapy",
  physio: "physio physiotherapy",
  deaf: "deaf hearing",
  qtod: "teacher deaf hearing",
  qtvi: "teacher vision visual",
  blind: "blind vision",
  sight: "sight vision",
  eyesight: "eyesight vision",
  sighted: "sighted vision",
  numeracy: "numeracy maths",
  arithmetic: "maths",
  potty: "potty toilet",
  nappy: "nappies toilet",
  nappies: "nappies toilet",
  mum: "parent",
  mums: "parent",
  dad: "parent",
  dads: "parent",
  mother: "parent",
  father: "parent",
  sendco: "senco",
  pda: "pda demand avoidance",
  iep: "iep support plan",
  apdr: "apdr graduated approach",
  pdr: "pdr graduated approach",
  dsl: "dsl designated safeguarding lead",
  mld: "mld learning difficulties",
  gdd: "gdd global developmental delay",
  tas: "teaching assistants",
  tummy: "tummy stomach",
  naughty: "behaviour",
  tantrum: "tantrum meltdown",
  tantrums: "tantrums meltdown",
  worried: "worried anxiety",
  worry: "worry anxiety",
  worries: "worries anxiety",
  nervous: "nervous anxiety",
  anxious: "anxious anxiety",
  opinion: "opinion views",
  opinions: "opinions views",
}));

/** Multi-word phrases mapped to the canonical terms people mean by them (lower case, no apostrophes). */
const PHRASES: Array<[RegExp, string]> = [
  [/\b(?:wont|will not|refus\w*(?: to)?|doesnt want to|not|isnt|cant get \w+ (?:in)?to) (?:come|coming|go|going|attend\w*)(?: in| into| to| in to)? school\b/g, "school avoidance"],
  [/\bschool refus\w*|\brefus\w* (?:to come in|to go in|school)|\bout of the car\b|\bnot attending\b|\b(?:poor|low|falling) attendance\b|\bpersistent(?:ly)? absen\w*/g, "school avoidance"],
  [/\bcan(?:no|n)?t sit still\b/g, "hyperactive"],
  [/\bglue ear\b/g, "hearing"],
  [/\b(?:not|isnt|no|hardly any|barely any|only a few|few) (?:talking|speaking|words|speech)\b|\blate talk\w*/g, "speech language delay"],
  [/\bmelt(?:ing)? ?downs?\b/g, "meltdown"],
  [/\bkick(?:s|ing)? off\b|\blash(?:es|ing)? out\b/g, "outburst"],
  [/\brun(?:s|ning)? off\b|\bbolt(?:s|ing)\b/g, "absconding"],
  [/\bnon[- ]?verbal\b/g, "nonverbal"],
  [/\bpre[- ]?school\b/g, "preschool"],
  [/\bsixth form\b|\b6th form\b/g, "sixthform"],
  [/\bpost[- ]?(16|19)\b/g, "post$1"],
  [/\bed(?:ucational)? psych\w*/g, "educational psychologist"],
  [/\bself[- ]?harm\w*/g, "selfharm"],
  [/\bperm(?:anent)?(?:ly)? ex\w*/g, "permanent exclusion"],
  [/\bexplo(?:sive|sions?|des?|ding)\b/g, "meltdown outburst"],
  [/\bfine (?:at school|in school|here|in class)\b/g, "masking"],
  [/\bcover(?:s|ing)? (?:his |her |their )?ears\b/g, "noise sensory"],
  [/\b(?:child|children|kids?|young people|young person) in care\b|\bcla\b/g, "looked after"],
  [/\bdisclos\w*|\bat risk of harm\b|\bsuicid\w*|\babus\w*/g, "safeguarding"],
];

/** Abbreviations that are ordinary words in lower case ("hi", "add"), so read in capitals only. */
const CAPITAL_PHRASES: Array<[RegExp, string]> = [
  [/\bHI\b/, "hearing impairment"],
  [/\bVI\b/, "visual impairment"],
  [/\bADD\b/, "adhd"],
  [/\bLA\b/, "local authority"],
  [/\bTA\b/, "teaching assistant"],
];

// Year groups and key stages become one token ("year6", "ks2") so "Y6" and "Year 6" agree.
const YEAR_GROUP = /\b(?:year|yr|y)\s?(\d{1,2})\b/g;
const KEY_STAGE = /\b(?:key stage|ks)\s?([1-5])\b/g;

/** Lower-cases, strips apostrophes, joins year groups, and lists the canonical terms of phrases found. */
function expandPhrases(text: string): { lower: string; extras: string[] } {
  const extras: string[] = [];
  for (const [pattern, replacement] of CAPITAL_PHRASES) if (pattern.test(text)) extras.push(replacement);
  let lower = text.toLowerCase().replace(/['’‘`]/g, "");
  lower = lower.replace(YEAR_GROUP, " year$1 ").replace(KEY_STAGE, " ks$1 ");
  for (const [pattern, replacement] of PHRASES) {
    for (const match of lower.matchAll(pattern)) extras.push(match[0].replace(pattern, replacement));
  }
  return { lower, extras };
}

function toUkSpelling(word: string): string {
  const mapped = UK_SPELLING.get(word);
  if (mapped) return mapped;
  // organize, organization -> organise, organisation; analyze -> analyse. Short words (size, prize) are left alone.
  return word
    .replace(/^([a-z]{3,})iz(e|es|ed|ing|ation|ations|er|ers)$/, "$1is$2")
    .replace(/^([a-z]{2,})yz(e|es|ed|ing)$/, "$1ys$2");
}

const splitWords = (text: string): string[] => text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);

// Words repeat across articles and questions, so their analysis is cached (bounded, as queries are open-ended).
const wordCache = new Map<string, string[]>();
const WORD_CACHE_LIMIT = 50_000;

/** The stemmed terms one typed word stands for: itself and any synonyms, or none for a stop word. */
function termsOfWord(token: string): string[] {
  const cached = wordCache.get(token);
  if (cached) return cached;
  let terms: string[] = [];
  if (!STOP_WORDS.has(token) && !/^\d$/.test(token)) {
    // Lone digits ("6 weeks", "age 3") carry no topic, so they fall through as [].
    const word = toUkSpelling(token);
    const parts = (SYNONYMS.get(word) ?? word).split(" ").filter((part) => !STOP_WORDS.has(part));
    terms = [...new Set(parts.map(stem))];
  }
  if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
  wordCache.set(token, terms);
  return terms;
}

/**
 * A text as groups of terms, one group per word typed (with its synonyms) and one per phrase
 * recognised. Ranking counts groups, not terms, so a word with three synonyms does not outweigh
 * three different words.
 */
function analyseGroups(text: string): string[][] {
  const { lower, extras } = expandPhrases(text);
  const groups = splitWords(lower).map(termsOfWord);
  for (const phrase of extras) groups.push([...new Set(splitWords(phrase).flatMap(termsOfWord))]);
  return groups.filter((g) => g.length > 0);
}

/** The terms of a piece of text as indexed and searched: stop words out, spellings and synonyms mapped, stemmed. */
export function analyse(text: string): string[] {
  return analyseGroups(text).flat();
}

// ---------------------------------------------------------------------------------------------
// Porter stemmer (M. F. Porter, 1980), so "reading", "reads" and "reader" meet at "read".

function isConsonant(w: string, i: number): boolean {
  const c = w[i];
  if (c === "a" || c === "e" || c === "i" || c === "o" || c === "u") return false;
  if (c === "y") return i === 0 || !isConsonant(w, i - 1);
  return true;
}

/** The number of vowel-consonant sequences: [C](VC)^m[V]. */
function measure(s: string): number {
  let m = 0;
  let i = 0;
  while (i < s.length && isConsonant(s, i)) i++;
  while (i < s.length) {
    while (i < s.length && !isConsonant(s, i)) i++;
    if (i >= s.length) break;
    while (i < s.length && isConsonant(s, i)) i++;
    m++;
  }
  return m;
}

function hasVowel(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isConsonant(s, i)) return true;
  return false;
}

function endsDoubleConsonant(s: string): boolean {
  const n = s.length;
  return n >= 2 && s[n - 1] === s[n - 2] && isConsonant(s, n - 1);
}

/** Consonant-vowel-consonant ending, the last not w, x or y ("hop", not "bow"). */
function endsCvc(s: string): boolean {
  const n = s.length;
  if (n < 3) return false;
  const last = s[n - 1] ?? "";
  return isConsonant(s, n - 3) && !isConsonant(s, n - 2) && isConsonant(s, n - 1) && !"wxy".includes(last);
}

const STEP2: Array<[string, string]> = [
  ["ational", "ate"], ["tional", "tion"], ["enci", "ence"], ["anci", "ance"], ["izer", "ize"], ["bli", "ble"],
  ["alli", "al"], ["entli", "ent"], ["eli", "e"], ["ousli", "ous"], ["ization", "ize"], ["ation", "ate"],
  ["ator", "ate"], ["alism", "al"], ["iveness", "ive"], ["fulness", "ful"], ["ousness", "ous"], ["aliti", "al"],
  ["iviti", "ive"], ["biliti", "ble"], ["logi", "log"],
];
const STEP3: Array<[string, string]> = [
  ["icate", "ic"], ["ative", ""], ["alize", "al"], ["iciti", "ic"], ["ical", "ic"], ["ful", ""], ["ness", ""],
];
const STEP4 = [
  "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate", "iti",
  "ous", "ive", "ize",
];
const byLengthDesc = <T extends string | [string, string]>(list: T[]): T[] =>
  [...list].sort((a, b) => (typeof b === "string" ? b : b[0]).length - (typeof a === "string" ? a : a[0]).length);
const STEP2_SORTED = byLengthDesc(STEP2);
const STEP3_SORTED = byLengthDesc(STEP3);
const STEP4_SORTED = byLengthDesc(STEP4);

/** Replaces the longest matching suffix when the remaining stem's measure exceeds minMeasure. */
function replaceSuffix(w: string, rules: Array<[string, string]>, minMeasure: number): string {
  for (const [suffix, replacement] of rules) {
    if (!w.endsWith(suffix)) continue;
    const base = w.slice(0, -suffix.length);
    return measure(base) > minMeasure ? base + replacement : w;
  }
  return w;
}

export function stem(word: string): string {
  if (word.length <= 2 || /\d/.test(word)) return word;
  let w = word;

  // Step 1a: plurals.
  if (w.endsWith("sses") || w.endsWith("ies")) w = w.slice(0, -2);
  else if (!w.endsWith("ss") && w.endsWith("s")) w = w.slice(0, -1);

  // Step 1b: -eed, -ed, -ing.
  if (w.endsWith("eed")) {
    if (measure(w.slice(0, -3)) > 0) w = w.slice(0, -1);
  } else {
    let base: string | undefined;
    if (w.endsWith("ed") && hasVowel(w.slice(0, -2))) base = w.slice(0, -2);
    else if (w.endsWith("ing") && hasVowel(w.slice(0, -3))) base = w.slice(0, -3);
    if (base !== undefined) {
      w = base;
      if (w.endsWith("at") || w.endsWith("bl") || w.endsWith("iz")) w += "e";
      else if (endsDoubleConsonant(w) && !/[lsz]$/.test(w)) w = w.slice(0, -1);
      else if (measure(w) === 1 && endsCvc(w)) w += "e";
    }
  }

  // Step 1c: y -> i after a vowel-bearing stem.
  if (w.endsWith("y") && hasVowel(w.slice(0, -1))) w = `${w.slice(0, -1)}i`;

  // Steps 2 and 3: double and single derivational suffixes.
  w = replaceSuffix(w, STEP2_SORTED, 0);
  w = replaceSuffix(w, STEP3_SORTED, 0);

  // Step 4: remove a final suffix from a long enough stem.
  for (const suffix of STEP4_SORTED) {
    if (!w.endsWith(suffix)) continue;
    const base = w.slice(0, -suffix.length);
    const ok = suffix === "ion" ? /[st]$/.test(base) : true;
    if (ok && measure(base) > 1) w = base;
    break;
  }

  // Step 5: tidy a final -e and -ll.
  if (w.endsWith("e")) {
    const base = w.slice(0, -1);
    const m = measure(base);
    if (m > 1 || (m === 1 && !endsCvc(base))) w = base;
  }
  if (w.endsWith("ll") && measure(w) > 1) w = w.slice(0, -1);
  return w;
}

// ---------------------------------------------------------------------------------------------
// Context inference: light, explainable rules used to boost, never to filter.

const PHASE_WORDS: Array<[RegExp, Phase]> = [
  [/\b(?:nursery|pre-?school|playgroup|childminder|toddler|eyfs|early years|reception|foundation stage|fs[12])\b/, "early-years"],
  [/\b(?:college|sixth form|6th form|post-?1[69]|further education|a[- ]?levels?|apprenticeships?|supported internships?|ks5)\b/, "post-16"],
  [/\b(?:secondary|high school|gcses?|ks[34])\b/, "secondary"],
  [/\b(?:primary|infants?|juniors?|ks[12])\b/, "primary"],
];

function phaseOfYear(year: number): Phase | undefined {
  if (year >= 1 && year <= 6) return "primary";
  if (year >= 7 && year <= 11) return "secondary";
  if (year >= 12 && year <= 14) return "post-16";
  return undefined;
}

function phaseOfAge(age: number): Phase | undefined {
  if (age <= 4) return "early-years";
  if (age <= 10) return "primary";
  if (age <= 15) return "secondary";
  if (age <= 25) return "post-16";
  return undefined;
}

/**
 * The phase a question is about, from (in order) a year group, an age, then words such as
 * "nursery", "Reception", "college" or "secondary". Undefined when nothing says.
 */
export function inferPhase(text: string): Phase | undefined {
  const t = text.toLowerCase();
  const year = /\b(?:year|yr|y)\s?-?(\d{1,2})\b/.exec(t);
  if (year?.[1]) {
    const phase = phaseOfYear(Number(year[1]));
    if (phase) return phase;
  }
  const age = /\b(?:aged?|age of)\s*(\d{1,2})\b/.exec(t) ?? /\b(\d{1,2})\s*(?:-?\s*(?:years?|yrs?)[- ]old|yo|y\/o)\b/.exec(t);
  if (age?.[1]) {
    const phase = phaseOfAge(Number(age[1]));
    if (phase) return phase;
  }
  for (const [pattern, phase] of PHASE_WORDS) if (pattern.test(t)) return phase;
  return undefined;
}

const NEED_AREA_WORDS: Array<[NeedArea, RegExp]> = [
  [
    "communication-interaction",
    /\b(?:speech|speach|speak\w*|talking|language|vocab\w*|words|salt|slt|slcn|dld|autis\w*|asd|asc|aspergers?|social communication|non-?verbal|eye contact|echolalia|stammer\w*|stutter\w*|mutism|mute|communicat\w*|instructions|lining up|responding to (?:his |her |their )?name|pda|demand avoid\w*|eal)\b/,
  ],
  [
    "cognition-learning",
    /\b(?:read\w*|phonics|dyslexi\w*|dyslexsia|spell\w*|literacy|maths?|numeracy|dyscalcul\w*|number\w*|times tables|memory|processing|learning difficult\w*|mld|gdd|developmental delay|below age|behind|progress|writing|comprehension|attention|attension|concentrat\w*|focus|adhd|forget\w*|finish\w* work)\b/,
  ],
  [
    "semh",
    /\b(?:anxi\w*|worri\w*|worry|panic\w*|low mood|depress\w*|sad|withdrawn|tearful|self[- ]?harm\w*|suicid\w*|behaviou?r\w*|meltdowns?|melting down|outbursts?|angry|anger|aggressi\w*|violent|hitting|biting|kicking|tantrums?|dysregulat\w*|exclu\w*|suspen\w*|attachment|trauma\w*|adopted|looked after|in care|ebsa|school avoidance|school refus\w*|attendance|semh|mental health|wellbeing|adhd|hyperactiv\w*|impulsiv\w*|sit still|defian\w*|disruptive|rude|swear\w*|walk\w* out|selective mutism)\b/,
  ],
  [
    "sensory-physical",
    /\b(?:hearing|deaf\w*|glue ear|cochlear|visual\w*|vision|sight|eyesight|blind|squint\w*|glasses|large print|braille|handwriting|fine motor|gross motor|motor|pencil grip|dyspraxi\w*|dcd|coordination|clumsy|wheelchair|mobility|physical\w*|cerebral palsy|epilep\w*|seizures?|diabet\w*|medical|sensory|noise|ear defenders|toilet\w*|nappy|nappies|continence|wetting|soiling|self[- ]care|chewing|hand (?:dryers?|driers?)|shoelaces|buttons|falls? over)\b/,
  ],
];

/** The areas of need a question mentions, by keyword; used as a boost, not a filter. */
export function inferNeedAreas(text: string): NeedArea[] {
  const t = text.toLowerCase().replace(/['’‘`]/g, "");
  return NEED_AREA_WORDS.filter(([, pattern]) => pattern.test(t)).map(([area]) => area);
}

// ---------------------------------------------------------------------------------------------
// The index

interface IndexedArticle {
  id: string;
  title: string;
  keywords: string;
  summary: string;
  strategies: string;
}

const isYearToken = (term: string): boolean => /^(?:year|ks|post)\d+$/.test(term);
/** Numbers and year groups: searchable, but incidental to what a question is about (40% attendance, age 7). */
const isIncidental = (term: string): boolean => isYearToken(term) || /^\d+$/.test(term);
const hasDigit = (term: string): boolean => /\d/.test(term);

/**
 * One typo in a middling word, two in a long one; none in short words, numbers or year tokens.
 * Two edits from 8 letters let "password" reach "passport", so long means 9 or more.
 */
function maxTypos(term: string): number {
  return hasDigit(term) || term.length < 5 ? 0 : term.length < 9 ? 1 : 2;
}

/** Swapped neighbouring letters ("anxeity", "langauge"), which edit distance counts as two typos. */
function transpositions(term: string): string[] {
  const variants: string[] = [];
  for (let i = 0; i + 1 < term.length; i++) {
    if (term[i] === term[i + 1]) continue;
    variants.push(term.slice(0, i) + (term[i + 1] ?? "") + (term[i] ?? "") + term.slice(i + 2));
  }
  return variants;
}

/** Edit distance, stopping early once it exceeds max (terms are short, so this stays cheap). */
function withinEdits(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return false;
    previous = current;
  }
  return (previous[b.length] ?? Infinity) <= max;
}

/** Whether MiniSearch could have reached the indexed term from the query term by prefix or typo. */
function derivesFrom(queryTerm: string, indexed: string): boolean {
  return (queryTerm.length >= 4 && indexed.startsWith(queryTerm)) || withinEdits(queryTerm, indexed, maxTypos(queryTerm));
}

/** A term found only through a synonym or phrase counts for less than one the person typed. */
const EXPANSION_BOOST = 0.6;

export class GuidanceIndex {
  private readonly engine: MiniSearch<IndexedArticle>;
  private readonly articles = new Map<string, GuidanceArticle>();
  /** How many articles use each term, for weighting how much of a question an answer covers. */
  private readonly documentFrequency = new Map<string, number>();
  private readonly minCoverage: number;
  private readonly relativeCutoff: number;

  constructor(articles: readonly GuidanceArticle[], options: GuidanceIndexOptions = {}) {
    this.minCoverage = options.minCoverage ?? DEFAULT_MIN_COVERAGE;
    this.relativeCutoff = options.relativeCutoff ?? DEFAULT_RELATIVE_CUTOFF;
    this.engine = new MiniSearch<IndexedArticle>({
      fields: FIELDS,
      // All analysis happens in analyse(), the same for articles and queries.
      tokenize: (text) => analyse(text),
      processTerm: (term) => term,
      searchOptions: {
        boost: FIELD_BOOST,
        tokenize: (text) => text.split(" ").filter(Boolean),
        processTerm: (term) => term,
        // Prefix matching finishes half-typed words; not on short stems, where it matches too much.
        prefix: (term) => term.length >= 4 && !hasDigit(term),
        fuzzy: (term) => maxTypos(term) || false,
        weights: { fuzzy: 0.4, prefix: 0.35 },
      },
    });
    const documents = articles.map((a) => ({
      id: a.id,
      title: a.title,
      keywords: a.keywords.join(" ; "),
      summary: a.summary,
      strategies: a.strategies.join(" "),
    }));
    for (const article of articles) this.articles.set(article.id, article);
    for (const doc of documents) {
      for (const term of new Set(analyse(`${doc.title} ${doc.keywords} ${doc.summary} ${doc.strategies}`)))
        this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
    }
    this.engine.addAll(documents);
  }

  /** Adds the known words a word we do not know would be with two letters swapped back. */
  private withTranspositions(group: string[]): string[] {
    const [first] = group;
    if (group.length !== 1 || first === undefined || first.length < 4 || this.documentFrequency.has(first)) return group;
    return [first, ...transpositions(first).filter((t) => this.documentFrequency.has(t))];
  }

  /** Strategy articles for the chosen needs and phase, the most specific first (score and coverage 0). */
  private browse(areas: ReadonlySet<NeedArea>, phase: Phase | undefined, limit: number): GuidanceHit[] {
    return [...this.articles.values()]
      .filter((a) => a.kind === "strategy" && a.needAreas.some((n) => areas.has(n)) && (!phase || a.phases.includes(phase)))
      .sort((a, b) => a.needAreas.length + a.phases.length - (b.needAreas.length + b.phases.length))
      .slice(0, limit)
      .map((article) => ({ article, score: 0, coverage: 0 }));
  }

  /** Inverse document frequency; a word no article uses weighs most, as an unanswered part of the question. */
  private idf(term: string): number {
    return Math.log(1 + this.articles.size / ((this.documentFrequency.get(term) ?? 0) + 0.5));
  }

  /**
   * The best articles for a question, best first. Returns [] when the best answer is off topic
   * (no telling word of the question in its title or keywords, only stray words in its text) or
   * covers too little of the question, so the caller can say it has no guidance rather than
   * show weak matches. With need areas given explicitly (a form) that gate is waived, and if no
   * word matches at all the most specific strategy articles for those needs and phase come back.
   */
  search(query: AdviceQuery, limit = 5): GuidanceHit[] {
    if (limit <= 0) return [];
    const filterAreas = query.needAreas?.length ? new Set<NeedArea>(query.needAreas) : undefined;
    const filterPhase = query.phase;
    const groups = analyseGroups(query.text).map((g) => this.withTranspositions(g));
    if (groups.length === 0) return filterAreas ? this.browse(filterAreas, filterPhase, limit) : [];

    // Each term's boost: full for a word as typed, less for synonyms, little for year groups.
    const termBoost = new Map<string, number>();
    for (const group of groups) {
      group.forEach((term, i) => {
        const boost = isYearToken(term) ? YEAR_TOKEN_BOOST : i === 0 ? 1 : EXPANSION_BOOST;
        termBoost.set(term, Math.max(boost, termBoost.get(term) ?? 0));
      });
    }

    // Explicit filters exclude; within them, and for inferred context, articles specific to the
    // phase and needs asked about are preferred to cross-cutting ones.
    const boostPhase = filterPhase ?? inferPhase(query.text);
    const boostAreas = filterAreas ? [...filterAreas] : inferNeedAreas(query.text);
    const contextBoost = (article: GuidanceArticle): number => {
      let factor = 1;
      if (boostPhase) {
        // An article for this phase alone fits better than one for every phase.
        const specificity = (PHASES.length + 1 - article.phases.length) / PHASES.length;
        factor *= article.phases.includes(boostPhase) ? 1 + (PHASE_MATCH - 1) * specificity : PHASE_MISMATCH;
      }
      if (boostAreas.length) {
        // Scaled by how much of the article is about the needs asked about, so a hearing article
        // beats a cross-cutting transition article for "cochlear implant starting nursery".
        const shared = article.needAreas.filter((a) => boostAreas.includes(a)).length;
        factor *= shared ? 1 + (AREA_MATCH - 1) * (shared / article.needAreas.length) : AREA_MISMATCH;
      }
      return factor;
    };

    const results = this.engine.search([...termBoost.keys()].join(" "), {
      boostTerm: (term) => termBoost.get(term) ?? 1,
      filter: (result) => {
        const article = this.articles.get(String(result.id));
        if (!article) return false;
        if (filterPhase && !article.phases.includes(filterPhase)) return false;
        if (filterAreas && !article.needAreas.some((a) => filterAreas.has(a))) return false;
        return true;
      },
    });

    // MiniSearch multiplies by the number of query terms matched; count the groups (the words the
    // person typed) instead, and weigh the groups matched by rarity for a coverage measure.
    const groupWeights = groups.map((g) => (g.every(isIncidental) ? 0 : Math.max(...g.map((t) => this.idf(t)))));
    const totalWeight = groupWeights.reduce((a, b) => a + b, 0) || 1;
    const ranked: Array<GuidanceHit & { onTopic: boolean }> = [];
    for (const result of results) {
      const article = this.articles.get(String(result.id));
      if (!article) continue;
      const matched = new Set(result.queryTerms);
      const derived = Object.keys(result.match).filter((t) => !termBoost.has(t));
      let groupsMatched = 0;
      let weightMatched = 0;
      let onTopic = false;
      groups.forEach((g, i) => {
        if (!g.some((t) => matched.has(t))) return;
        groupsMatched++;
        // Exact matches are in result.match under the query term itself; a group reached only by a
        // typo or prefix match ("concert" ~ "concrete") is half an answer.
        const exactFields = g.flatMap((t) => ownMatch(result.match, t));
        const fields = exactFields.length
          ? exactFields
          : derived.filter((d) => g.some((t) => derivesFrom(t, d))).flatMap((d) => ownMatch(result.match, d));
        weightMatched += (groupWeights[i] ?? 0) * (exactFields.length ? 1 : 0.5);
        // On topic: a telling word of the question is among the words the article is about.
        if ((groupWeights[i] ?? 0) >= MIN_TOPIC_IDF && fields.some((f) => f === "title" || f === "keywords")) onTopic = true;
      });
      const raw = result.score / Math.max(1, result.queryTerms.length);
      ranked.push({
        article,
        score: raw * groupsMatched * contextBoost(article),
        coverage: weightMatched / totalWeight,
        onTopic,
      });
    }
    ranked.sort((a, b) => b.score - a.score);

    // With need areas chosen on a form, the question is on topic by definition: vague wording
    // ("what now?") or a long list of what was tried should still bring the core strategies.
    const top = ranked[0];
    if (filterAreas) {
      if (!top) return this.browse(filterAreas, filterPhase, limit);
    } else if (!top || !top.onTopic || top.coverage < this.minCoverage) return [];
    if (!top) return [];
    return ranked
      .filter((h) => h.score >= top.score * this.relativeCutoff)
      .slice(0, limit)
      .map(({ article, score, coverage }) => ({ article, score, coverage }));
  }
}

/** A term's matched fields; own keys only, so a query word like "constructor" is not read off Object.prototype. */
function ownMatch(match: Record<string, string[]>, term: string): string[] {
  return Object.prototype.hasOwnProperty.call(match, term) ? (match[term] ?? []) : [];
}

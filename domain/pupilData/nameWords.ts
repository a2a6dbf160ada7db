import nameData from "../data/firstNames.json";

/**
 * The word lists the name detector reads. Given names come from the reviewed data file
 * domain/data/firstNames.json (see its "source" and "howToExtend"); the words below are the
 * detector's own rules: what is never a name, what turns a name into a place or a thing, and
 * which words introduce a name.
 */

const SIMPLE = /^[\x20-\x7e]*$/;

/** Lower case, accents removed, curly apostrophes straightened: "Zoë" and "zoe", "Michał" and "michal" match. */
export function foldName(word: string): string {
  const lower = word.toLowerCase().replace(/’/g, "'");
  if (SIMPLE.test(lower)) return lower;
  return lower
    .replace(/ł/g, "l")
    .replace(/ø/g, "o")
    .replace(/ß/g, "ss")
    .replace(/đ/g, "d")
    .replace(/ı/g, "i")
    .normalize("NFD")
    .replace(/\p{M}/gu, "");
}

function wordSet(words: string): Set<string> {
  return new Set(words.trim().split(/\s+/).map(foldName));
}

/**
 * Names that are also flowers, gems or virtues ("Precious", "Blessing", "Poppy"). Capitalised in
 * mid-sentence they are almost always a child's name ("advice for Precious"); at the start of a
 * sentence they need a cue like any other word.
 */
export const MID_SENTENCE_NAMES = new Set(nameData.midSentenceNames.map(foldName));

/**
 * Names that are also everyday words, months, RAG ratings, trees or places (and popular primary
 * class names). They count as names only after an explicit cue such as "called" or "Name:".
 */
export const AMBIGUOUS_NAMES = new Set(nameData.cueOnlyNames.map(foldName));

/**
 * Given names of children in England from many communities. A capitalised word from this list is
 * taken as a name wherever it appears (unless a title or place word beside it says otherwise).
 */
export const FIRST_NAMES = new Set(
  Object.values(nameData.firstNames)
    .flat()
    .map(foldName)
    .filter((name) => !MID_SENTENCE_NAMES.has(name) && !AMBIGUOUS_NAMES.has(name)),
);

/** A name in any of the lists. */
export function isListedName(key: string): boolean {
  return FIRST_NAMES.has(key) || MID_SENTENCE_NAMES.has(key) || AMBIGUOUS_NAMES.has(key);
}

/**
 * "Ella-Rose", "Tommy-Lee", "Rose-May": every part a listed name, and not only names that are
 * also everyday words ("May-June" is exam season, "Amber-Green" a rating).
 */
export function isCompoundName(key: string): boolean {
  const parts = key.split("-");
  return (
    parts.length > 1 &&
    parts.every((part) => part.length > 0 && isListedName(part)) &&
    parts.some((part) => !AMBIGUOUS_NAMES.has(part))
  );
}

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/'/g, "['’]");
}

/**
 * Book titles, characters, authors and researchers that contain a first name ("Harry Potter",
 * "Fred Talk", "Tony Attwood"). A plain alternation of fixed phrases, so matching stays linear.
 */
export const NOT_PUPILS = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${nameData.notPupils.map(escapeForRegExp).join("|")})(?![\\p{L}\\p{N}])`,
  "giu",
);

/** Capitalised words that are never a pupil's name in this setting (cues, roles, services, subjects). */
export const NOT_NAMES = wordSet(`
  the a an he she they his her hers their theirs we our my me i it its this that these those there here when
  what which who whom how why where if but and or so also since after before during then now today yesterday
  tomorrow please thanks thank hi hello dear yes no not any some all every each most many much more less very
  still just only even because however although though currently recently previously initially sorry good
  morning afternoon evening ok okay is was has have had does did can could would should will shall must may
  might are were be been being do
  monday tuesday wednesday thursday friday saturday sunday january february march april june july august
  september october november december christmas easter half term spring summer autumn winter
  year years yr reception nursery class key stage set group term ks1 ks2 ks3 ks4 sixth form
  maths mathematics english science reading writing phonics spelling spellings art music history geography
  french spanish computing drama literacy numeracy handwriting forest pe re pshe rshe
  special educational needs plan support provision autism autistic dyslexia dyslexic dyspraxia dyscalculia down
  tourette tourettes education health care speech language therapy therapist occupational psychologist
  psychology paediatrician paediatric paediatrics team service services council county early help inclusion
  advisor adviser social children children's family families mum mummy mom dad daddy nan nana nanny gran
  grandma grandad granddad grandpa granny grandmother grandfather auntie aunt uncle parent parents carer carers
  foster teacher teachers head headteacher deputy assistant teaching lunchtime pupil pupils premium passport
  voice protection looked virtual hospital zones regulation lego precision lexia nessy wellcomm colourful semantics
  attention ordinarily available graduated approach boxall profile thrive elklan makaton talk boost numicon
  sensory circle circles nurture wiltshire warwickshire wolverhampton chippenham trowbridge devizes salisbury
  england british polish ukrainian romanian teams microsoft zoom google word excel ofsted child student learner
  learners boy girl son daughter brother sister sibling siblings twin twins hub centre center academy primary
  secondary junior infant infants high college trust road street lane close avenue way drive park house hall
  library unit base room name names pupil's child's student's ehcp ehc sen send senco sendco camhs
  mash nhs gp salt ot ep ta tas lsa hlta cyp adhd asd add pda ocd slcn semh mld sld pmld vi hi msi pd
  initial initials question questions advice request thank-you kind regards best wishes many thanks cheers
  in on at by for with about from to of as into onto over under up out off again once
  apparently also overall unfortunately luckily hopefully sadly
`);

/** Courtesy titles and honorifics: a title followed by a name is taken to be staff, not a pupil. */
export const TITLES = wordSet("mr mrs ms miss mx dr prof sir dame rev st saint king queen prince princess lord lady");

/** Words that turn a preceding name into a place, class, house or condition ("Willow Class", "Down syndrome"). */
export const PLACE_WORDS = wordSet(`
  class group house school academy primary infant infants junior juniors college centre center hospital road
  street avenue lane close drive park ward hall court way crescent gardens team trust nursery syndrome
  syndrome's disease unit base room wing building surgery clinic
`);

/** Nouns before "called"/"named" that mean a programme or thing is being named, not a child. */
export const NAMED_THINGS = wordSet(`
  programme program intervention app game scheme strategy approach resource resources website site book tool
  tools club test assessment something thing things technique system package course session sessions scale
  checklist group lesson lessons activity activities project service charity meeting initiative model method
  framework toolkit platform software device chart worksheet groups classes houses teams tables
`);

/** Subjects before "(is) called" that mean a thing is being named. */
export const THING_SUBJECTS = wordSet("it this that which what");

/** Person nouns that introduce a name directly: "pupil Amelia Smith", "my son Jack". */
export const PERSON_NOUNS = wordSet(`
  pupil student learner child boy girl son daughter nephew niece stepson stepdaughter grandson granddaughter
  cyp youngster lad brother sister stepbrother stepsister cousin twin nephew's niece's
`);

/** Labels that introduce a name after a colon or dash: "Name: Sam Jones", "Pupil - Ava". */
export const LABELS = wordSet("name pupil child student learner cyp re yp");

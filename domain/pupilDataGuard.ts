/**
 * Finds things in a SENCO's free text that could identify a child (or their family) before the
 * text is stored or searched. An advice request needs year group, need areas, what has been tried
 * and the question; never a name, date of birth, pupil/learner/NHS number, postcode, phone number
 * or email address (UK GDPR: SEND and health information is special category data).
 *
 * The guard leans towards flagging: a false alarm costs the SENCO one edit, a miss stores a
 * child's identity beside their needs. Every pattern is written to run in linear time (no nested
 * unbounded quantifiers; unbounded runs are anchored by a look-behind so each run is scanned once).
 */

export type PupilIdentifierKind =
  | "upn"
  | "uln"
  | "nhs-number"
  | "date-of-birth"
  | "postcode"
  | "phone-number"
  | "email"
  | "name";

export interface PupilIdentifierFinding {
  kind: PupilIdentifierKind;
  start: number;
  end: number;
  /** the matched text with all but the first character of each token masked, safe to show back */
  masked: string;
  /** plain UK English, one sentence a SENCO understands: what this looks like and why it must not be shared */
  explanation: string;
  /**
   * "high" when a check digit or an explicit label confirms the kind; "possible" when only the
   * shape matches (a mistyped number, a capitalised word in a name position). Optional so callers
   * that build findings themselves need not set it.
   */
  confidence?: "high" | "possible";
}

// ---------------------------------------------------------------------------------------------
// Check digits
// ---------------------------------------------------------------------------------------------

function digitsOf(text: string): number[] {
  return [...text].filter((c) => c >= "0" && c <= "9").map(Number);
}

/** Sum of the first nine digits weighted 10 down to 2: shared by the NHS and ULN checks. */
function weightedSumOfFirstNine(digits: number[]): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (digits[i] ?? 0) * (10 - i);
  return sum;
}

/** NHS number: modulus 11, weights 10..2; a result of 11 means 0 and 10 means the number is invalid. */
export function isValidNhsNumber(text: string): boolean {
  const digits = digitsOf(text);
  if (digits.length !== 10) return false;
  const check = 11 - (weightedSumOfFirstNine(digits) % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === digits[9];
}

/** Unique learner number: weights 10..2, then 10 - (sum mod 11) must equal the tenth digit. */
export function isValidUln(text: string): boolean {
  const digits = digitsOf(text);
  if (digits.length !== 10 || digits[0] === 0) return false;
  const check = 10 - (weightedSumOfFirstNine(digits) % 11);
  return check <= 9 && check === digits[9];
}

/** The 23 letters a UPN check letter (and a temporary UPN's last character) can take: no I, O or S. */
const UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";

/**
 * The check letter for the twelve characters after it (positions 2 to 13), weighted 2 to 13,
 * modulus 23. In a temporary UPN the last character is a letter, valued by its place in
 * UPN_LETTERS (A = 0 ... Z = 22). Undefined when the characters cannot form a UPN.
 */
export function upnCheckLetter(twelveCharacters: string): string | undefined {
  if (!/^\d{11}[0-9A-Z]$/i.test(twelveCharacters)) return undefined;
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const c = (twelveCharacters[i] ?? "").toUpperCase();
    const value = c >= "0" && c <= "9" ? Number(c) : UPN_LETTERS.indexOf(c);
    if (value < 0) return undefined;
    sum += value * (i + 2);
  }
  return UPN_LETTERS[sum % 23];
}

export function isValidUpn(text: string): boolean {
  const upn = text.trim().toUpperCase();
  if (upn.length !== 13) return false;
  return upnCheckLetter(upn.slice(1)) === upn[0];
}

// ---------------------------------------------------------------------------------------------
// Masking and wording
// ---------------------------------------------------------------------------------------------

/**
 * Keeps the first character of each run of letters or digits and masks the rest; punctuation and
 * spaces stay, so "Sam Jones" becomes "S** J****" and the SENCO can still see which part we mean.
 */
export function maskIdentifier(text: string): string {
  return text.replace(/[\p{L}\p{M}\p{N}]+/gu, (token) => {
    const chars = [...token];
    return (chars[0] ?? "") + "*".repeat(chars.length - 1);
  });
}

const KIND_LABELS: Record<PupilIdentifierKind, { one: string; many: string }> = {
  upn: { one: "a unique pupil number (UPN)", many: "unique pupil numbers (UPNs)" },
  uln: { one: "a unique learner number (ULN)", many: "unique learner numbers (ULNs)" },
  "nhs-number": { one: "an NHS number", many: "NHS numbers" },
  "date-of-birth": { one: "a date of birth", many: "dates of birth" },
  postcode: { one: "a postcode", many: "postcodes" },
  "phone-number": { one: "a phone number", many: "phone numbers" },
  email: { one: "an email address", many: "email addresses" },
  name: { one: "a name", many: "names" },
};

function explanationFor(kind: PupilIdentifierKind, confidence: "high" | "possible"): string {
  switch (kind) {
    case "upn":
      return confidence === "high"
        ? "This looks like a unique pupil number (UPN), which identifies a child on school and Department for Education records, so it must not be shared here."
        : "This looks like a unique pupil number (UPN), perhaps mistyped, and a UPN identifies a child on school records, so please leave it out.";
    case "uln":
      return "This looks like a unique learner number (ULN), which follows a young person through their education and training records, so it must not be shared here.";
    case "nhs-number":
      return confidence === "high"
        ? "This looks like an NHS number, which links straight to a child's health records, so it must not be shared here."
        : "This 10-digit number could be an NHS number or a unique learner number, both of which identify a child, so please leave it out.";
    case "date-of-birth":
      return "This looks like a date of birth, which together with a school and year group can identify a child, so please give the year group only.";
    case "postcode":
      return "This looks like a postcode, which can show where a family lives, so it must not be shared here.";
    case "phone-number":
      return "This looks like a phone number, which is someone's personal contact detail, so it must not be shared here.";
    case "email":
      return "This looks like an email address, which is someone's personal contact detail, so it must not be shared here.";
    case "name":
      return "This looks like the name of a child or family member, and the advice line does not need names, so please describe the child by year group instead (for example, a Year 4 pupil).";
  }
}

/**
 * One short paragraph for the SENCO: what was found, grouped by kind and masked, and what to do.
 * Never repeats an identifier in full.
 */
export function describeFindings(findings: PupilIdentifierFinding[]): string {
  if (findings.length === 0) return "We did not find anything in your message that could identify a child.";
  const byKind = new Map<PupilIdentifierKind, string[]>();
  for (const finding of findings) {
    const masks = byKind.get(finding.kind) ?? [];
    if (!masks.includes(finding.masked)) masks.push(finding.masked);
    byKind.set(finding.kind, masks);
  }
  const parts = [...byKind].map(([kind, masks]) => {
    const label = masks.length === 1 ? KIND_LABELS[kind].one : KIND_LABELS[kind].many;
    const shown = masks.slice(0, 3).join(", ");
    const more = masks.length > 3 ? ` and ${masks.length - 3} more` : "";
    return `${label} (${shown}${more})`;
  });
  const listed = parts.length === 1 ? parts[0] ?? "" : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1) ?? ""}`;
  const them = findings.length === 1 ? "it" : "them";
  return (
    `Your message seems to include ${listed}. ` +
    `Please remove ${them} and send your question again: the advice line only needs the child's year group, ` +
    "their areas of need, what you have tried and your question, so nothing that identifies the child or their family should be shared here."
  );
}

// ---------------------------------------------------------------------------------------------
// Candidates
// ---------------------------------------------------------------------------------------------

interface Candidate {
  kind: PupilIdentifierKind;
  start: number;
  end: number;
  confidence: "high" | "possible";
}

/** When two candidates overlap, the more specific detector wins (an email beats a name inside it). */
const PRIORITY: Record<PupilIdentifierKind, number> = {
  email: 0,
  upn: 1,
  "phone-number": 2,
  "nhs-number": 3,
  uln: 3,
  "date-of-birth": 4,
  postcode: 5,
  name: 6,
};

// Local part anchored at the start of its run so a long run without "@" is scanned once.
const EMAIL = /(?<![\w.%+'-])[\w.%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

function findEmails(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(EMAIL)) {
    const value = match[0].replace(/[.-]+$/, "");
    if (!/\.[A-Za-z]{2,}$/.test(value)) continue;
    found.push({ kind: "email", start: match.index, end: match.index + value.length, confidence: "high" });
  }
  return found;
}

const UPN_SHAPE = /(?<![\p{L}\p{N}])[A-Za-z]\d{11}[0-9A-Za-z](?![\p{L}\p{N}])/gu;

/**
 * A letter followed by eleven digits and a digit or letter is flagged whether or not the check
 * letter works out: nothing else a SENCO writes has that shape, and a mistyped UPN still
 * identifies the child to anyone with the school's records. The check letter only sets confidence.
 */
function findUpns(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(UPN_SHAPE)) {
    found.push({
      kind: "upn",
      start: match.index,
      end: match.index + match[0].length,
      confidence: isValidUpn(match[0]) ? "high" : "possible",
    });
  }
  return found;
}

// A leading 0 (or +44 / 0044), then 9 or 10 more digits with at most two separator characters
// between digits. Digits and separators are disjoint, so matching is deterministic.
const PHONE = /(?<![\w+])(?:(?:\+|00)44[\s-]?(?:\(0\)[\s-]?)?|\(?0)(?:\d[\s)-]{0,2}){9,10}(?!\d)/g;

function findPhones(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(PHONE)) {
    const value = match[0].replace(/[\s)-]+$/, "");
    const international = /^(?:\+|00)44/.test(value);
    const digits = digitsOf(international ? value.replace(/^(?:\+|00)44/, "").replace("(0)", "") : value);
    const national = international ? [0, ...digits] : digits;
    if (national.length < 10 || national.length > 11 || national[1] === 0) continue;
    found.push({ kind: "phone-number", start: match.index, end: match.index + value.length, confidence: "high" });
  }
  return found;
}

// Ten digits, unspaced or grouped 3-3-4 with one consistent separator, not part of a longer
// number, a decimal, a money amount or a date.
const TEN_DIGITS = /(?<![\w.,/£$+-])\d{3}([ -]?)\d{3}\1\d{4}(?![\w/]|[.,-]\d)/g;

/**
 * Ten-digit numbers. The check digit decides between NHS number and ULN (a number cannot pass
 * both: the two checks need different remainders). A label nearby ("NHS", "ULN") overrides the
 * check, since a mistyped number keeps its label. A number passing neither is still flagged, as a
 * possible NHS number: every child has one from birth whereas a ULN only starts at 14, and the
 * explanation names both. Numbers starting with 0 are left to the phone detector.
 */
function findTenDigitNumbers(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(TEN_DIGITS)) {
    const value = match[0];
    if (value.startsWith("0")) continue;
    const before = text.slice(Math.max(0, match.index - 40), match.index).toLowerCase();
    // The nearest label wins: "NHS 943 476 5919, ULN 4010232136" labels each number separately.
    const label = [...before.matchAll(/\b(?:nhs|health\s+(?:service\s+)?number)\b|\b(?:uln|learner\s+(?:number|no))\b/g)].at(-1)?.[0];
    const nhsValid = isValidNhsNumber(value);
    const ulnValid = isValidUln(value);
    let kind: PupilIdentifierKind;
    let confidence: "high" | "possible";
    if (label !== undefined) [kind, confidence] = [/nhs|health/.test(label) ? "nhs-number" : "uln", "high"];
    else if (nhsValid) [kind, confidence] = ["nhs-number", "high"];
    else if (ulnValid) [kind, confidence] = ["uln", "high"];
    else [kind, confidence] = ["nhs-number", "possible"];
    found.push({ kind, start: match.index, end: match.index + value.length, confidence });
  }
  return found;
}

// Every UK postcode area (plus Crown dependencies and the non-geographic BF/BX), so "KS2", "Y4"
// or "Yr6" can never read as a postcode.
const POSTCODE_AREAS = new Set(
  (
    "AB AL B BA BB BD BF BH BL BN BR BS BT BX CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY " +
    "E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU " +
    "M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW " +
    "SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE"
  ).split(" "),
);

const POSTCODE = /(?<![\p{L}\p{N}])([A-Za-z]{1,2})(\d[A-Za-z\d]?) ?(\d[A-Za-z]{2})(?![\p{L}\p{N}])/gu;

function findPostcodes(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(POSTCODE)) {
    const [whole, area = "", district = "", inward = ""] = match;
    if (!POSTCODE_AREAS.has(area.toUpperCase())) continue;
    if (!/^\d(?:\d|[A-Z])?$/i.test(district)) continue;
    // The inward code never uses C, I, K, M, O or V.
    if (/[CIKMOV]/i.test(inward.slice(1))) continue;
    // "Y6 2nd", "B1 3rd": an ordinal typed in lower case is not a postcode's inward code.
    if (/^(?:1st|2nd|3rd|\dth)$/.test(inward)) continue;
    found.push({ kind: "postcode", start: match.index, end: match.index + whole.length, confidence: "high" });
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Dates of birth
// ---------------------------------------------------------------------------------------------

const MONTHS =
  "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
const NUMERIC_DATE = /(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/]|[.-]\d)/g;
const ISO_DATE = /(?<![\d/.-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d-])/g;
const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?\\s+(?:${MONTHS})\\.?,?\\s+(\\d{4})\\b`, "gi");
const MONTH_DAY_YEAR = new RegExp(`\\b(?:${MONTHS})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, "gi");

interface DateSpan {
  start: number;
  end: number;
}

function validDayMonth(day: number, month: number): boolean {
  return day >= 1 && day <= 31 && month >= 1 && month <= 12;
}

function findFullDates(text: string): DateSpan[] {
  const dates: DateSpan[] = [];
  for (const m of text.matchAll(NUMERIC_DATE)) {
    if (validDayMonth(Number(m[1]), Number(m[3]))) dates.push({ start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(ISO_DATE)) {
    if (validDayMonth(Number(m[3]), Number(m[2]))) dates.push({ start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(DAY_MONTH_YEAR)) {
    if (validDayMonth(Number(m[1]), 1)) dates.push({ start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(MONTH_DAY_YEAR)) {
    if (validDayMonth(Number(m[1]), 1)) dates.push({ start: m.index, end: m.index + m[0].length });
  }
  return dates;
}

const BIRTH_CUE = /\b(?:d\.?\s?o\.?\s?b|date\s+of\s+birth|birth\s?date|birthday|born)\b\.?/gi;
const BIRTH_CUE_AFTER = /^\s*[([,-]?\s*(?:d\.?\s?o\.?\s?b\b|date\s+of\s+birth|birth\s?date|born\b)/i;
// Words between a birth cue and a date that show the date is about something else.
const UNRELATED_GAP =
  /\b(?:and|but|review\w*|met|meet\w*|seen|assess\w*|file|withheld|since|start\w*|join\w*|arriv\w*|mov\w*|came|until|from|visit\w*|diagnos\w*|refer\w*|party|celebrat\w*|card|present|trip|next|last)\b/i;

/**
 * A full date counts as a date of birth only beside a birth word: "DOB 12/03/2017", "born on
 * 3 March 2017", "12.03.17 (d.o.b.)". Plain dates ("reviewed on 12/03/2025") are not identifiers.
 */
function findDatesOfBirth(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const date of findFullDates(text)) {
    let window = text.slice(Math.max(0, date.start - 60), date.start);
    // Only the current sentence counts; "d.o.b." has dots but no capital after them.
    const lastBreak = Math.max(...[...window.matchAll(/[!?;\n]|\.\s+(?=\p{Lu})/gu)].map((b) => b.index + b[0].length), -1);
    if (lastBreak >= 0) window = window.slice(lastBreak);
    const cues = [...window.matchAll(BIRTH_CUE)];
    const cue = cues.at(-1);
    let isBirthDate = false;
    if (cue) {
      const gap = window.slice(cue.index + cue[0].length);
      const words = gap.match(/[\p{L}']+/gu) ?? [];
      const maxWords = /^born$/i.test(cue[0]) ? 5 : 3;
      isBirthDate = words.length <= maxWords && !UNRELATED_GAP.test(gap);
    }
    if (!isBirthDate) isBirthDate = BIRTH_CUE_AFTER.test(text.slice(date.end, date.end + 25));
    if (isBirthDate) found.push({ kind: "date-of-birth", start: date.start, end: date.end, confidence: "high" });
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

function wordSet(words: string): Set<string> {
  return new Set(words.trim().split(/\s+/).map((w) => w.toLowerCase()));
}

/**
 * Common first names of children in England (ONS lists, 2005 onwards, plus names common in
 * local communities). A capitalised word from this list is taken as a name wherever it appears.
 */
const FIRST_NAMES = wordSet(`
  oliver jack harry george noah charlie jacob alfie freddie oscar leo logan archie theo thomas james joshua
  henry william lucas ethan arthur mason isaac harrison teddy finley daniel riley edward joseph alexander adam
  reggie samuel jaxon sebastian elijah harley toby arlo dylan jude benjamin rory tommy jake louie carter jenson
  hugo frankie ollie zachary david albie lewis luca ronnie jackson matthew alex harvey reuben jayden caleb
  theodore nathan blake luke elliot elliott roman stanley dexter michael tyler ryan ellis finn albert kai liam
  callum louis aaron ezra leon connor grayson jamie aiden gabriel eli ben sam tom joe kian kyle charles
  muhammad mohammed mohammad ahmed ali yusuf ibrahim omar hamza ayaan zayn aarav arjun rohan kacper jakub filip
  szymon bartosz mateusz oskar kayden cody brandon bradley kieran declan owen rhys evan cameron corey billy sonny
  jesse ewan fraser euan josh danny tyrese tyrone kofi kwame dominic patrick sean conor ciaran aidan jasper
  rafael rafferty ralph felix otis ezekiel jonah ryder kenzo ayden malachi hussain hassan bilal idris musa
  zakariya amir imran harun jayden-lee lennon nico nathaniel jon jonathan peter paul simon tobias
  olivia amelia isla ava mia isabella sophia freya emily ella rosie evie charlotte isabelle sophie elsie
  evelyn phoebe sienna matilda harper millie maya alice jessica chloe emma erin lucy layla mila eva ellie imogen
  esme scarlett lola molly zara hannah eliza amelie aria thea ada aisha fatima maryam zainab hafsa amira zoe zoë
  lexi bella niamh megan katie lauren bethany abigail caitlin leah paige amy courtney kayla nevaeh maisie
  harriet tilly orla nell beatrice hallie gracie darcy darcie lottie edith ayla mollie libby hollie sofia
  nancy robyn kacey oliwia zuzanna julia lena maja hanna anna emilia rebecca sarah laura rachel kirsty gemma
  jess liv tia keira kiera mya lily ivy ellie-mae ella-rose amelia-rose nadia noor inaya aleena anaya
  khadija sumayyah safa hiba priya ananya kiara aaliyah alisha tahlia shania jodie kelsey stacey natalie
  victoria elizabeth mary jane kate katherine catherine lydia naomi eleanor elena eloise clara freya-mae
  jenny jennifer zac zack zachary kyra mohamed abdul abdullah yasmin yasmine sana samira leyla kai-lee
  archer alfred reggie-lee tj ashton jensen lacey-mae destiny chantelle shannon ellie-may jayden-james
`);

/**
 * Names that are also flowers or gems. Capitalised in mid-sentence they are almost always a
 * child's name ("advice for Poppy"); at the start of a sentence they need a cue like any other word.
 */
const MID_SENTENCE_NAMES = wordSet("grace rose holly poppy daisy violet jade ruby iris jasmine");

/**
 * Names that are also everyday words, months, RAG ratings, trees or places (and popular primary
 * class names). They count as names only after an explicit cue such as "called" or "Name:".
 */
const AMBIGUOUS_NAMES = wordSet(`
  may faith hope joy summer autumn amber willow rowan hazel hunter jay max frank mark will bill austin
  jordan florence georgia chelsea lincoln sky skye star storm river angel precious miles penny robin wren lark
  pearl crystal dawn eve honey sunny april june august
`);

/** Capitalised words that are never a pupil's name in this setting (cues, roles, services, subjects). */
const NOT_NAMES = wordSet(`
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
  voice protection looked virtual hospital zones regulation lego precision lexia nessy colourful semantics
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
const TITLES = wordSet("mr mrs ms miss mx dr prof sir dame rev st saint king queen prince princess lord lady");

/** Words that turn a preceding name into a place, class, house or condition ("Willow Class", "Down syndrome"). */
const PLACE_WORDS = wordSet(`
  class group house school academy primary infant infants junior juniors college centre center hospital road
  street avenue lane close drive park ward hall court way crescent gardens team trust nursery syndrome
  syndrome's disease unit base room wing building surgery clinic
`);

/** Nouns before "called"/"named" that mean a programme or thing is being named, not a child. */
const NAMED_THINGS = wordSet(`
  programme program intervention app game scheme strategy approach resource resources website site book tool
  tools club test assessment something thing things technique system package course session sessions scale
  checklist group lesson lessons activity activities project service charity meeting initiative model method
  framework toolkit platform software device chart worksheet
`);

/** Subjects before "(is) called" that mean a thing is being named. */
const THING_SUBJECTS = wordSet("it this that which what");

/** Person nouns that introduce a name directly: "pupil Amelia Smith", "my son Jack". */
const PERSON_NOUNS = wordSet(`
  pupil student learner child boy girl son daughter nephew niece stepson stepdaughter grandson granddaughter
  cyp youngster lad
`);

/** Labels that introduce a name after a colon or dash: "Name: Sam Jones", "Pupil - Ava". */
const LABELS = wordSet("name pupil child student learner cyp re yp");

interface Token {
  text: string;
  /** lower case, with a trailing possessive removed */
  key: string;
  start: number;
  /** end of the name part (before any possessive 's) */
  end: number;
  /** the characters between the previous token and this one */
  gapBefore: string;
  /** "Sam's": a possessive ends a name, so "Sam's Mum" is not read as a surname */
  possessive: boolean;
}

const WORD = /[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*/gu;

function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  let previousEnd = 0;
  for (const match of text.matchAll(WORD)) {
    const possessive = /['’]s$/i.test(match[0]);
    const nameText = possessive ? match[0].slice(0, -2) : match[0];
    tokens.push({
      text: nameText,
      key: nameText.toLowerCase(),
      start: match.index,
      end: match.index + nameText.length,
      gapBefore: text.slice(previousEnd, match.index),
      possessive,
    });
    previousEnd = match.index + match[0].length;
  }
  return tokens;
}

function isCapitalisedWord(token: Token): boolean {
  // "Sam", "O'Neill", "McDonald", "Smith-Jones"; not "ADHD", "SATs" or "KS2".
  return /^\p{Lu}(?:\p{Ll}|['’-]\p{Lu})[\p{L}\p{M}'’-]*$/u.test(token.text) && /\p{Ll}$/u.test(token.text);
}

function isSentenceStart(tokens: Token[], index: number): boolean {
  if (index === 0) return true;
  return /[.!?:\n]/.test(tokens[index]?.gapBefore ?? "");
}

/** A capitalised word that could be part of a name (first name or surname) after a cue. */
function couldBeName(token: Token | undefined): boolean {
  return token !== undefined && isCapitalisedWord(token) && !NOT_NAMES.has(token.key) && !TITLES.has(token.key);
}

function separatedBySpace(token: Token | undefined): boolean {
  return token !== undefined && /^[ \t]{1,2}$/.test(token.gapBefore);
}

/** "Mrs Patel", "Mr. Jones", "Mrs Emma Patel": a title before the chain of capitalised words. */
function followsTitle(tokens: Token[], first: number): boolean {
  // Names are at most three words, so a title further back than that belongs to someone else.
  for (let back = first; back > 0 && first - back < 3; back--) {
    const previous = tokens[back - 1];
    const gap = tokens[back]?.gapBefore ?? "";
    if (!previous) return false;
    if (TITLES.has(previous.key) && /^\.?[ \t]{1,2}$/.test(gap)) return true;
    if (!/^[ \t]{1,2}$/.test(gap) || !isCapitalisedWord(previous) || NOT_NAMES.has(previous.key)) return false;
  }
  return false;
}

/**
 * From a first-name token, extends over up to two more capitalised words ("Amelia Rose Smith").
 * Returns undefined when the name follows a title (staff) or names a place, class or condition.
 */
function nameSpanFrom(tokens: Token[], first: number): { start: number; end: number; last: number } | undefined {
  const firstToken = tokens[first];
  if (!firstToken || followsTitle(tokens, first)) return undefined;
  let last = first;
  while (
    last - first < 2 &&
    !tokens[last]?.possessive &&
    separatedBySpace(tokens[last + 1]) &&
    couldBeName(tokens[last + 1]) &&
    !PLACE_WORDS.has(tokens[last + 1]?.key ?? "")
  ) {
    last++;
  }
  const next = tokens[last + 1];
  if (next && !tokens[last]?.possessive && separatedBySpace(next) && PLACE_WORDS.has(next.key)) return undefined;
  return { start: firstToken.start, end: tokens[last]?.end ?? firstToken.end, last };
}

const YEAR_GROUP_AFTER = /^\s*(?:\(\s*(?:year|yr|y)\s?\d{1,2}\b|\(\s*(?:reception|nursery)\b|\(\s*aged?\s+\d|\(\s*\d{1,2}\s*(?:\)|years?\b|yrs?\b)|,\s*(?:year|yr|y)\s?\d{1,2}\s*,|,\s*aged?\s+\d)/i;
const IN_YEAR_GROUP_AFTER = /^\s+(?:is\s+)?(?:in\s+(?:year|yr|y)\s?\d{1,2}\b|a\s+(?:year|yr|y)\s?\d{1,2}\b|in\s+(?:reception|nursery)\b)/i;

/** Whether the cue before token `index` introduces a name, and whether a lower-case name is acceptable. */
function cueBefore(tokens: Token[], index: number): { cued: boolean; lowerCaseOk: boolean } {
  const none = { cued: false, lowerCaseOk: false };
  const token = tokens[index];
  const previous = tokens[index - 1];
  const twoBack = tokens[index - 2];
  if (!token || !previous) return none;
  const gap = token.gapBefore;
  const plainGap = /^[ \t]{1,2}$/.test(gap);

  // "called Sam", "named Ava": unless the thing being called is a programme, app, group...
  if (plainGap && (previous.key === "called" || previous.key === "named")) {
    // "It's called Clicker", "this is called Thrive": a thing, not a child.
    const subject = twoBack?.key === "is" || twoBack?.key === "was" ? tokens[index - 3] : twoBack;
    if (subject && THING_SUBJECTS.has(subject.key)) return none;
    for (let k = index - 2; k >= Math.max(0, index - 5); k--) {
      const candidate = tokens[k];
      if (!candidate) break;
      if (NAMED_THINGS.has(candidate.key)) return none;
      if (/[.!?;\n]/.test(tokens[k + 1]?.gapBefore ?? "")) break;
    }
    return { cued: true, lowerCaseOk: true };
  }
  // "name is Tom", "name was Tom", "name's Tom", "known as Tom", "goes by Tom"
  if (plainGap && twoBack && /^[ \t]+$/.test(previous.gapBefore)) {
    if ((twoBack.key === "name" || twoBack.key === "names") && (previous.key === "is" || previous.key === "was" || previous.key === "are")) {
      return { cued: true, lowerCaseOk: true };
    }
    if ((twoBack.key === "known" && previous.key === "as") || (twoBack.key === "goes" && previous.key === "by")) {
      return { cued: true, lowerCaseOk: true };
    }
  }
  if (plainGap && previous.key === "name" && previous.possessive) {
    return { cued: true, lowerCaseOk: true };
  }
  // "Name: Sam Jones", "Pupil - Ava", "child's name: Ava"
  if (/^\s*[:–-]\s*$/.test(gap) && (LABELS.has(previous.key) || (previous.key === "name" && twoBack !== undefined))) {
    return { cued: true, lowerCaseOk: true };
  }
  // "pupil Amelia Smith", "my son Jack", "my son, Jack,"
  if ((plainGap || /^,\s$/.test(gap)) && PERSON_NOUNS.has(previous.key)) return { cued: true, lowerCaseOk: false };
  return none;
}

function findNames(text: string): Candidate[] {
  const tokens = tokenise(text);
  const found: Candidate[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token) continue;
    const cue = cueBefore(tokens, i);
    const capitalised = couldBeName(token);
    let confidence: "high" | "possible" | undefined;
    if (cue.cued && (capitalised || (cue.lowerCaseOk && FIRST_NAMES.has(token.key)))) confidence = "high";
    else if (capitalised && FIRST_NAMES.has(token.key) && !AMBIGUOUS_NAMES.has(token.key)) confidence = "high";
    else if (capitalised && MID_SENTENCE_NAMES.has(token.key) && !isSentenceStart(tokens, i)) confidence = "high";
    else if (capitalised) {
      // Any other capitalised word is a name only with a year group right after it: "for Jack
      // (Year 3)", "Tyrese, Year 5,", "Kemi is in Year 2", or mid-sentence "... Kemi in Year 2".
      const span = nameSpanFrom(tokens, i);
      // A bounded look-ahead keeps this linear on long text.
      const after = span ? text.slice(span.end, span.end + 40).replace(/^['’]s\b/, "") : "";
      if (
        span &&
        (YEAR_GROUP_AFTER.test(after) ||
          /^\s+is\s+(?:in|a)\s+(?:year|yr|y)\s?\d/i.test(after) ||
          ((!isSentenceStart(tokens, i) || MID_SENTENCE_NAMES.has(token.key)) && IN_YEAR_GROUP_AFTER.test(after)))
      ) {
        confidence = "possible";
      }
    }
    if (!confidence) continue;
    const span = nameSpanFrom(tokens, i);
    if (!span) continue;
    found.push({ kind: "name", start: span.start, end: span.end, confidence });
    i = span.last;
  }
  return found;
}

// Titles of well-known books and characters that share a first name with pupils.
const KNOWN_TITLES = /\b(?:Harry Potter|Thomas the Tank|Charlie and the Chocolate|Alice in Wonderland|Peter Rabbit|Peter Pan|George's Marvellous|Matilda the Musical)\b/g;

// ---------------------------------------------------------------------------------------------
// Public entry point
// ---------------------------------------------------------------------------------------------

/** Every identifier found in the text, sorted by position, with no two findings overlapping. */
export function findPupilIdentifiers(text: string): PupilIdentifierFinding[] {
  const excluded = [...text.matchAll(KNOWN_TITLES)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const candidates = [
    ...findEmails(text),
    ...findUpns(text),
    ...findPhones(text),
    ...findTenDigitNumbers(text),
    ...findDatesOfBirth(text),
    ...findPostcodes(text),
    ...findNames(text).filter((c) => !excluded.some((e) => c.start < e.end && e.start < c.end)),
  ];
  candidates.sort((a, b) => PRIORITY[a.kind] - PRIORITY[b.kind] || b.end - b.start - (a.end - a.start) || a.start - b.start);
  // Characters already claimed by a stronger finding; checking a range costs its length, not the
  // number of findings so far, so long text with many findings stays linear.
  const claimed = new Uint8Array(text.length);
  const accepted: Candidate[] = [];
  for (const candidate of candidates) {
    if (claimed.subarray(candidate.start, candidate.end).includes(1)) continue;
    claimed.fill(1, candidate.start, candidate.end);
    accepted.push(candidate);
  }
  accepted.sort((a, b) => a.start - b.start);
  return accepted.map((c) => ({
    kind: c.kind,
    start: c.start,
    end: c.end,
    masked: maskIdentifier(text.slice(c.start, c.end)),
    explanation: explanationFor(c.kind, c.confidence),
    confidence: c.confidence,
  }));
}

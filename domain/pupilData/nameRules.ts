import { AMBIGUOUS_NAMES, FIRST_NAMES, MID_SENTENCE_NAMES, NOT_NAMES, foldName } from "./nameWords";

/**
 * Extra name rules for wording a SENCO uses without a cue: a name that is also a word, at the start
 * of a sentence with a verb about a child after it ("Max keeps running off"), an unknown word
 * before "'s mum", and names typed in lower case after a family noun or "about". All patterns are
 * fixed alternations anchored at the start of a bounded slice, so they stay linear.
 */

function wordSet(words: string): Set<string> {
  return new Set(words.trim().split(/\s+/).map(foldName));
}

/**
 * Names from the cue-only list that are mostly children's names when a verb about behaviour or
 * need follows them at the start of a sentence. Months, seasons, places, ratings and virtues stay out.
 */
export const VERB_CUED_NAMES = wordSet(`
  max drew eden elsa eve jay jordan kit mario miles robin rowan river skye sky austin christian dakota buddy
  dev frank hunter sunny pearl penny willow wren lance olaf norman malala krishna lakshmi
`);

/** What follows a child's name at the start of a sentence: "has been", "is struggling", "keeps", "won't". */
const PERSON_VERB_AFTER = new RegExp(
  "^[ \\t]{1,2}(?:(?:is|was|has been|had been)[ \\t]+(?:struggling|refusing|finding|hitting|biting|crying|having|" +
    "becoming|getting|running|hiding|showing|not|really|very|still|now|always|often|increasingly|diagnosed|excluded|" +
    "referred|assessed|upset|anxious|unable|reluctant|able)|has[ \\t]+(?:got|had|started|stopped|become|always|never|" +
    "autism|adhd|dyslexia|a|an|no|been)|keeps|won['’]t|can['’]t|doesn['’]t|didn['’]t|isn['’]t|hasn['’]t|refuses|" +
    "struggles|hits|bites|kicks|cries|screams|finds|hates|loves|gets|says|tells|lashes|avoids|seems|needs|" +
    "will[ \\t]+not|cannot|often|still|also|has|is)\\b",
  "i",
);

/** Whether `after` (the text right after a sentence-start word) reads like a verb about a child. */
export function personVerbFollows(key: string, after: string): boolean {
  const eligible = VERB_CUED_NAMES.has(key) || MID_SENTENCE_NAMES.has(key);
  if (!eligible) return false;
  // "is" and "has" alone are too weak for a word like "Summer"; only the names list above gets them.
  const match = PERSON_VERB_AFTER.exec(after);
  if (!match) return false;
  const bare = /^[ \t]{1,2}(?:has|is)$/i.test(match[0]);
  return !bare || VERB_CUED_NAMES.has(key);
}

/** Family and carer nouns after a possessive: "Temperance's grandmother", "Kacper's mum". */
export const FAMILY_AFTER_POSSESSIVE = wordSet(`
  mum mummy mam mom mother dad daddy father stepmum stepdad nan nana nanny gran granny grandma grandmother grandad
  granddad grandpa grandfather grandparents parents parent carer carers auntie aunt uncle brother brothers sister
  sisters sibling siblings cousin cousins twin foster family
`);

/**
 * Listed names that are also English words ("jack", "ivy", "mason"): typed in lower case they are
 * usually the word, so the lower-case rules leave them alone.
 */
export const LOWER_CASE_WORDS = wordSet(`
  archer barney basil beau billy bobby brad clement cooper dale dean eddy glen griffin hardy harry hector jack
  jasper jimmy john josh martin mason maxim mickey nick noel peter phoenix pierce rocky roger roman sawyer sonny
  terry tom tony troy victor warren abbey aria belle bonnie dolly dotty felicity flora ivy kitty lea lily maria
  marina phoebe rhea sally paddy patsy florin rares saga ameer amir wale yaw sultan emir lei
`);

/** Words after which a listed name typed in lower case is still a name: "about jayden", "re kofi". */
export const LOWER_CASE_NAME_CUES = wordSet("about regarding re concerning");

/** A listed first name (not one that is also an everyday word) that may be typed in lower case. */
export function isLowerCaseName(key: string): boolean {
  if (LOWER_CASE_WORDS.has(key) || NOT_NAMES.has(key) || AMBIGUOUS_NAMES.has(key)) return false;
  return key.length >= 3 && (FIRST_NAMES.has(key) || MID_SENTENCE_NAMES.has(key));
}

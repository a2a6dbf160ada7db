import { describe, expect, it } from "vitest";
import nameData from "../../../domain/data/firstNames.json";
import { findPupilIdentifiers } from "../../../domain/pupilData";
import { findNames } from "../../../domain/pupilData/names";
import { AMBIGUOUS_NAMES, FIRST_NAMES, MID_SENTENCE_NAMES, NOT_NAMES, PLACE_WORDS, TITLES, foldName } from "../../../domain/pupilData/nameWords";

function names(text: string): string[] {
  return findPupilIdentifiers(text)
    .filter((f) => f.kind === "name")
    .map((f) => text.slice(f.start, f.end));
}

function capitalise(name: string): string {
  return name.replace(/(^|-)(\p{L})/gu, (_, dash: string, letter: string) => dash + letter.toUpperCase());
}

describe("the first-name data file", () => {
  const groups = Object.entries(nameData.firstNames);
  const all = groups.flatMap(([, list]) => list);

  it("says where the names come from and how to extend them", () => {
    expect(nameData.source).toMatch(/Office for National Statistics/);
    expect(nameData.howToExtend).toMatch(/midSentenceNames/);
  });

  it("holds a few thousand names from many communities", () => {
    expect(FIRST_NAMES.size).toBeGreaterThanOrEqual(2500);
    expect(groups.length).toBeGreaterThanOrEqual(20);
    for (const [group, list] of groups) expect(list.length, group).toBeGreaterThanOrEqual(5);
  });

  it("is lower case, sorted within each group, and lists each name once", () => {
    for (const [group, list] of groups) {
      for (const name of list) expect(name, group).toBe(name.toLowerCase().trim());
      expect([...list].sort(), group).toEqual(list);
    }
    expect(new Set(all).size).toBe(all.length);
  });

  it("keeps everyday words out of the main list and the three lists apart", () => {
    for (const name of all.map(foldName)) {
      expect(MID_SENTENCE_NAMES.has(name) || AMBIGUOUS_NAMES.has(name), name).toBe(false);
      expect(NOT_NAMES.has(name) || TITLES.has(name) || PLACE_WORDS.has(name), name).toBe(false);
    }
    for (const name of MID_SENTENCE_NAMES) expect(AMBIGUOUS_NAMES.has(name), name).toBe(false);
  });

  it("flags every listed first name when it is capitalised mid-sentence", () => {
    const missed = all.filter((name) => names(`I spoke to ${capitalise(name)} today.`).length !== 1);
    expect(missed).toEqual([]);
  });

  it("flags every flower, gem and virtue name mid-sentence, but not at the start of a sentence", () => {
    for (const name of nameData.midSentenceNames) {
      expect(names(`We are worried about ${capitalise(name)} at lunchtime.`), name).toEqual([capitalise(name)]);
      expect(names(`${capitalise(name)} time is lost at transitions.`), name).toEqual([]);
    }
  });

  it("flags everyday-word names only after a cue, in upper or lower case", () => {
    for (const name of nameData.cueOnlyNames) {
      expect(names(`A girl called ${name} is in my class.`), name).toEqual([name]);
      expect(names(`We talked about ${capitalise(name)} at the meeting.`), name).toEqual([]);
    }
  });
});

describe("names", () => {
  it("flags Precious when capitalised mid-sentence or cued, not as a word", () => {
    expect(names("I am worried about Precious in my class.")).toEqual(["Precious"]);
    expect(names("A girl called precious keeps crying.")).toEqual(["precious"]);
    expect(names("Name: Precious Okafor")).toEqual(["Precious Okafor"]);
    expect(names("Precious time is lost at transitions.")).toEqual([]);
    expect(names("We keep her precious things in a box.")).toEqual([]);
  });

  it("flags names from many communities", () => {
    const text =
      "Chidera, Oluwaseun, Wiktoria, Aarav, Mahnoor, Szymon, Rumbidzai, Kwabena, Siobhan, Tadhg, Yusuf, Zeynep, " +
      "Andrei, Ioana, Hodan, Abdirahman, Kofi, Simran, Gurpreet, Xinyi, Minh, Dawit, Keisha, Levi, Bridie, Lowri, Yaakov.";
    expect(names(text)).toHaveLength(27);
  });

  it("reads through invisible characters, full-width letters and accents", () => {
    expect(names("Fred\u200Bdie has been excluded twice.")).toEqual(["Fred\u200Bdie"]);
    expect(names("\uFF2F\uFF4C\uFF49\uFF56\uFF45\uFF52 is struggling.")).toEqual(["\uFF2F\uFF4C\uFF49\uFF56\uFF45\uFF52"]);
    expect(names("Micha\u0142 and Zoe\u0308 and Zoë and Ines and Inês are new.")).toHaveLength(5);
  });

  it("flags compound first names, but not compounds of everyday words", () => {
    expect(names("Rose-May is upset and Amelia-Grace is new.")).toEqual(["Rose-May", "Amelia-Grace"]);
    expect(names("Exams are in May-June; Amber-Green ratings; Summer-born children; Mark-making is hard.")).toEqual([]);
  });

  it("leaves books, characters, researchers, history topics and school names alone", () => {
    for (const text of [
      "He loves Super Mario and Minecraft.",
      "Our Year 4 topic is the Tudors and Roman Britain.",
      "We read Charlotte's Web and then watched Matilda the Musical.",
      "Holy Trinity Primary has a resource base.",
      "Mrs Okafor has tried Fred Talk and sound buttons.",
      "We follow Tony Attwood's advice on special interests.",
      "The Anna Freud Centre has good resources.",
      "Our nativity had Mary and Joseph and three shepherds.",
      "We watched a clip about Florence Nightingale and Mary Seacole.",
      "The class learnt about Rama and Sita for Diwali.",
      "He went to John Bentley School and then George Ward School.",
      "Reading groups are called Oak, Ash and Willow.",
      "Dev delay was noted by the health visitor.",
    ]) {
      expect(findNames(text), text).toEqual([]);
    }
  });
});

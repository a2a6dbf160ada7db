import { describe, expect, it } from "vitest";
import { findPupilIdentifiers } from "../../../domain/pupilData";
import { isLowerCaseName, personVerbFollows } from "../../../domain/pupilData/nameRules";

function kinds(text: string): string[] {
  return findPupilIdentifiers(text).map((f) => f.kind);
}

describe("names without a cue", () => {
  it("reads a name that is also a word at the start of a sentence when a verb about a child follows", () => {
    expect(kinds("Max has got worse since his dad left.")).toEqual(["name"]);
    expect(kinds("Poppy keeps hiding under the table.")).toEqual(["name"]);
    expect(personVerbFollows("summer", " is usually calmer")).toBe(false);
    expect(kinds("Grace before meals is part of our day.")).toEqual([]);
    expect(kinds("Will he be entitled to extra time?")).toEqual([]);
  });

  it("reads an unlisted word owning a family member as a name", () => {
    expect(kinds("Temperance's grandmother is her kinship carer.")).toEqual(["name"]);
    expect(kinds("Our school's family worker helps.")).toEqual([]);
  });

  it("reads listed names typed in lower case after a family noun or 'about'", () => {
    expect(kinds("my daughter maya has started refusing school")).toEqual(["name"]);
    expect(kinds("her son kofi is in year 4")).toEqual(["name"]);
    expect(kinds("I'm worried about jayden, he hits out.")).toEqual(["name"]);
    expect(kinds("My son is in Year 3 and has autism.")).toEqual([]);
    expect(kinds("a question about jack-in-the-box outbursts")).toEqual([]);
    expect(isLowerCaseName("ivy")).toBe(false);
    expect(isLowerCaseName("jayden")).toBe(true);
  });
});

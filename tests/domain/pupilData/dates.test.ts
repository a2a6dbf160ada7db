import { describe, expect, it } from "vitest";
import { findPupilIdentifiers } from "../../../domain/pupilData";
import { findDatesOfBirth } from "../../../domain/pupilData/dates";

function found(text: string): [string, string][] {
  return findPupilIdentifiers(text).map((f) => [f.kind, text.slice(f.start, f.end)]);
}

describe("dates of birth", () => {
  it("finds dates with spaced slashes, dots and spaces, or only spaces", () => {
    expect(found("DOB 12 / 03 / 2017, Year 2")).toEqual([["date-of-birth", "12 / 03 / 2017"]]);
    expect(found("Date of birth 12. 03. 2017")).toEqual([["date-of-birth", "12. 03. 2017"]]);
    expect(found("D.O.B. 12 03 2017")).toEqual([["date-of-birth", "12 03 2017"]]);
    expect(found("born 12 - 03 - 17")).toEqual([["date-of-birth", "12 - 03 - 17"]]);
    expect(found("dob 2017 - 03 - 12")).toEqual([["date-of-birth", "2017 - 03 - 12"]]);
  });

  it("finds dates in other digits or with invisible characters", () => {
    expect(found("born on \uFF11\uFF12/\uFF10\uFF13/\uFF12\uFF10\uFF11\uFF17")).toEqual([
      ["date-of-birth", "\uFF11\uFF12/\uFF10\uFF13/\uFF12\uFF10\uFF11\uFF17"],
    ]);
    expect(found("DOB \u0661\u0662/\u0660\u0663/\u0662\u0660\u0661\u0667")).toEqual([["date-of-birth", "\u0661\u0662/\u0660\u0663/\u0662\u0660\u0661\u0667"]]);
    expect(found("dob 4\u200B/5/2015")).toEqual([["date-of-birth", "4\u200B/5/2015"]]);
  });

  it("still needs a birth word nearby, spaced or not", () => {
    expect(findDatesOfBirth("Year 6 SATs are on 12 05 2025.")).toEqual([]);
    expect(findDatesOfBirth("The review is on 12 / 05 / 2025.")).toEqual([]);
    expect(findDatesOfBirth("DOB withheld; reviewed 12 / 05 / 2025.")).toEqual([]);
  });

  it("does not read part of a longer number as a date", () => {
    expect(findDatesOfBirth("born 943 476 5919")).toEqual([]);
    expect(findDatesOfBirth("DOB 12 03 20175")).toEqual([]);
  });
});

describe("more date of birth shapes", () => {
  const dob = (text: string): boolean => findPupilIdentifiers(text).some((f) => f.kind === "date-of-birth");

  it("finds days and years in words, Roman months and abbreviated years", () => {
    expect(dob("Date of birth twelve march 2015, Year 4.")).toBe(true);
    expect(dob("He was born on the third of March 2016.")).toBe(true);
    expect(dob("date of birth: twenty-first of june 2015")).toBe(true);
    expect(dob("born on 3 March two thousand and sixteen")).toBe(true);
    expect(dob("DOB 3rd March '16")).toBe(true);
    expect(dob("DOB 3/iii/2016")).toBe(true);
    expect(dob("She was born on 14-Feb-2017.")).toBe(true);
  });

  it("finds year-first dates with any separator, short spaced dates and 'b.' or 'bday' cues", () => {
    expect(dob("Birth date 2017/09/14.")).toBe(true);
    expect(dob("Born 2016.03.03 in Bristol.")).toBe(true);
    expect(dob("dob 03 03 16")).toBe(true);
    expect(dob("Year 4 boy (b. 2016-03-03) with dyslexia.")).toBe(true);
    expect(dob("his bday is 30/08/2017")).toBe(true);
  });

  it("still ignores dates that are not birth dates", () => {
    expect(dob("The review is on 3rd March 2025 at the school.")).toBe(false);
    expect(dob("Plan b. We meet on 12/03/2025 instead.")).toBe(false);
    expect(dob("Summer term assessments start on 2nd June 2025.")).toBe(false);
  });
});

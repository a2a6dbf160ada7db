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

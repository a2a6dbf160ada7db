import { describe, expect, it } from "vitest";
import { digitsOf, isValidNhsNumber, isValidUln, isValidUpn, upnCheckLetter } from "../../../domain/pupilData/checkDigits";

describe("check digits", () => {
  it("reads only ASCII digits", () => {
    expect(digitsOf("943-476 5919")).toEqual([9, 4, 3, 4, 7, 6, 5, 9, 1, 9]);
  });

  it("checks NHS numbers and ULNs with separators", () => {
    expect(isValidNhsNumber("943.476.5919")).toBe(true);
    expect(isValidUln("4857 7734 56")).toBe(true);
    expect(isValidUln("0857773456")).toBe(false); // a ULN never starts with 0
  });

  it("checks UPNs in lower case and with separators", () => {
    expect(isValidUpn("h801200001001")).toBe(true);
    expect(isValidUpn("H801 2000 01001")).toBe(true);
    expect(isValidUpn("H801-2000-01001")).toBe(true);
    expect(isValidUpn("H801-2000-01002")).toBe(false);
    expect(upnCheckLetter("8012000010")).toBeUndefined(); // too short
  });
});

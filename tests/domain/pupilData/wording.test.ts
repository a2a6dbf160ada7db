import { describe, expect, it } from "vitest";
import { describeFindings, findPupilIdentifiers, maskIdentifier } from "../../../domain/pupilData";

describe("maskIdentifier", () => {
  it("keeps the first character of each word and of the first three long digit groups", () => {
    expect(maskIdentifier("Sam Jones")).toBe("S** J****");
    expect(maskIdentifier("943 476 5919")).toBe("9** 4** 5***");
    expect(maskIdentifier("07700 900123")).toBe("0**** 9*****");
    expect(maskIdentifier("H 801 200 001 001")).toBe("H 8** 2** 0** ***");
  });

  it("hides digits spaced one or two at a time completely", () => {
    expect(maskIdentifier("9 4 3 4 7 6 5 9 1 9")).toBe("* * * * * * * * * *");
    expect(maskIdentifier("94 34 76 59 19")).toBe("** ** ** ** **");
    expect(maskIdentifier("12 / 03 / 2017")).toBe("** / ** / 2***");
  });

  it("drops invisible characters and masks any script", () => {
    expect(maskIdentifier("943\u200B476\u200B5919")).toBe("9*********");
    expect(maskIdentifier("\uFF19\uFF14\uFF13 \uFF14\uFF17\uFF16")).toBe("\uFF19** \uFF14**");
    expect(maskIdentifier("\u0669\u0664\u0663\u0664\u0667\u0666\u0665\u0669\u0661\u0669")).toBe("\u0669*********");
  });
});

describe("describeFindings", () => {
  it("never repeats a disguised identifier", () => {
    const text = "NHS 9 4 3 4 7 6 5 9 1 9, mum sam [at] example [dot] com, UPN h801-2000-01001";
    const message = describeFindings(findPupilIdentifiers(text));
    expect(message).toContain("an NHS number (* * * * * * * * * *)");
    expect(message).toContain("an email address (s** [a*] e****** [d**] c**)");
    expect(message).toContain("a unique pupil number (UPN) (h***-2***-0****)");
    for (const raw of ["9434765919", "sam", "example", "801", "2000", "01001"]) expect(message).not.toContain(raw);
  });
});

import { describe, expect, it } from "vitest";
import { PossibleSafeguarding, PupilDataRefusal, SafeguardingRedirect } from "../../domain/adviceRequest";
import { guardSchoolText, guardStaffText } from "../../domain/requestTextGuards";
import { POSSIBLE_SIGN, screenWithPossibleSign } from "../support/screening";

const CONCERN = "He said his stepdad hits him at night";

describe("school text guard", () => {
  it("sends a concern to the safeguarding route even when the form said No", () => {
    expect(() => guardSchoolText([CONCERN], { riskOfHarmAnswered: "no" })).toThrow(SafeguardingRedirect);
  });

  it("refuses a pupil identifier with a masked explanation", () => {
    const err = catchError(() => guardSchoolText(["Pupil UPN D865200124017 is in Year 4"], {}));
    expect(err).toBeInstanceOf(PupilDataRefusal);
    expect((err as PupilDataRefusal).explanation).toContain("UPN");
    expect((err as PupilDataRefusal).explanation).not.toContain("D865200124017");
  });

  it("asks about a possible sign of harm until the person answers No (injected fake screen)", () => {
    expect(() => guardSchoolText([POSSIBLE_SIGN], {}, screenWithPossibleSign)).toThrow(PossibleSafeguarding);
    expect(() => guardSchoolText([POSSIBLE_SIGN], { riskOfHarmAnswered: "no" }, screenWithPossibleSign)).not.toThrow();
  });

  it("lets ordinary SEND text through", () => {
    expect(() => guardSchoolText(["Reading is well below peers after a term of phonics catch-up.", ""], {})).not.toThrow();
  });
});

describe("staff text guard", () => {
  it("saves advice that names the safeguarding route", () => {
    expect(() => guardStaffText("Speak to your DSL if you are worried about abuse, then try precision teaching.")).not.toThrow();
    expect(() => guardStaffText(CONCERN)).not.toThrow(); // staff may quote what they act on; only identifiers are refused
  });

  it("refuses pupil identifiers in anything staff type", () => {
    expect(() => guardStaffText("NHS number 943 476 5919 was seen by the OT")).toThrow(PupilDataRefusal);
    expect(() => guardStaffText("", "Call mum on 07700 900123")).toThrow(PupilDataRefusal);
  });
});

function catchError(fn: () => void): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}

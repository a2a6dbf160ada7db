import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyAvailability, AVAILABILITY_COMMAND, parseAvailability } from "../../domain/availability";
import { roleOf } from "../../domain/directory";
import { demoPerson } from "../support/activities";

const now = new Date("2026-12-02T10:00:00Z"); // Wednesday 2 December 2026
const ada = demoPerson("Ada Advisor");
const absences = (p: typeof ada) => roleOf(p.roles, "inclusion-advisor")?.outOfOffice;

describe("availability typed by an advisor", () => {
  it("reads 'until' dates forward, day before month, in London", () => {
    expect(parseAvailability("out of office until 12 January", now)).toEqual({ kind: "away", from: "2026-12-02", to: "2027-01-12" });
    expect(parseAvailability("Out of office until 12/01/2027", now)).toEqual({ kind: "away", from: "2026-12-02", to: "2027-01-12" });
    expect(parseAvailability("out of office 22 December to 3 January", now)).toEqual({ kind: "away", from: "2026-12-22", to: "2027-01-03" });
    expect(parseAvailability("out of office until Friday", now)).toEqual({ kind: "away", from: "2026-12-02", to: "2026-12-04" });
  });

  it("reads back in office and capacity", () => {
    expect(parseAvailability("back in office", now)).toEqual({ kind: "back" });
    expect(parseAvailability("capacity 12", now)).toEqual({ kind: "capacity", capacity: 12 });
    expect(parseAvailability("set my capacity to 8", now)).toEqual({ kind: "capacity", capacity: 8 });
  });

  it("refuses what cannot be right, saying what to type", () => {
    expect(parseAvailability("out of office", now)).toMatchObject({ error: expect.stringContaining("until when") as unknown });
    expect(parseAvailability("out of office until 2 December 2025", now)).toMatchObject({ error: expect.stringContaining("passed") as unknown });
    expect(parseAvailability("out of office until 1 March 2028", now)).toMatchObject({ error: expect.stringContaining("a year ahead") as unknown });
    expect(parseAvailability("capacity 0", now)).toMatchObject({ error: expect.stringContaining("from 1 to 200") as unknown });
    expect(parseAvailability("capacity lots", now)).toMatchObject({ error: expect.stringContaining("capacity 12") as unknown });
  });

  it("routes only its own commands here, not SENCOs' questions", () => {
    expect(AVAILABILITY_COMMAND.test("out of office until 12 January")).toBe(true);
    expect(AVAILABILITY_COMMAND.test("capacity 12")).toBe(true);
    expect(AVAILABILITY_COMMAND.test("Year 4 boy is often out of his seat and away from the office area")).toBe(false);
    expect(AVAILABILITY_COMMAND.test("Reading capacity is low in Year 2")).toBe(false);
  });

  it("never throws, and any absence it reads runs forward from today", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (tail) => {
        const result = parseAvailability(`out of office ${tail}`, now);
        if ("kind" in result && result.kind === "away") {
          expect(result.from <= result.to).toBe(true);
          expect(result.from >= "2026-12-02").toBe(true);
        }
      }),
    );
  });

  it("applies changes to the advisor's record: adds, replaces overlaps, clears on return, drops the past", () => {
    const withPast = applyAvailability({ ...ada, roles: ada.roles.map((r) => (r.role === "inclusion-advisor" ? { ...r, outOfOffice: [{ from: "2026-10-01", to: "2026-10-03" }] } : r)) }, { kind: "away", from: "2026-12-02", to: "2027-01-12" }, "2026-12-02");
    expect(absences(withPast)).toEqual([{ from: "2026-12-02", to: "2027-01-12" }]);
    const later = applyAvailability(withPast, { kind: "away", from: "2027-02-15", to: "2027-02-19" }, "2026-12-02");
    expect(absences(later)).toHaveLength(2);
    const back = applyAvailability(later, { kind: "back" }, "2026-12-03");
    expect(absences(back)).toEqual([{ from: "2027-02-15", to: "2027-02-19" }]);
    expect(roleOf(applyAvailability(back, { kind: "capacity", capacity: 3 }, "2026-12-03").roles, "inclusion-advisor")?.capacity).toBe(3);
  });
});

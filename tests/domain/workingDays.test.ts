import { describe, expect, it } from "vitest";
import { englandBankHolidays } from "../../app/holidays";
import { londonDate, startOfLondonDay, WorkingCalendar } from "../../domain/workingDays";

const calendar = new WorkingCalendar(englandBankHolidays(2026, 2027), [{ from: "2026-10-26", to: "2026-10-30" }]);
const at = (iso: string) => new Date(iso);

describe("working-day clock", () => {
  it("knows England's bank holidays, including substitute days", () => {
    expect(calendar.isWorkingDay("2026-12-25")).toBe(false);
    expect(calendar.isWorkingDay("2026-12-28")).toBe(false); // Boxing Day substitute
    expect(calendar.isWorkingDay("2026-08-31")).toBe(false);
    expect(calendar.isWorkingDay("2026-12-29")).toBe(true);
  });

  it("skips weekends", () => {
    // Friday 10:00 + 1 working day = Monday 10:00
    expect(calendar.dueAt(at("2026-11-20T10:00:00Z"), 1).toISOString()).toBe("2026-11-23T10:00:00.000Z");
  });

  it("is right across a bank holiday", () => {
    // Friday 28 Aug 2026, 09:00 BST; Monday 31 Aug is the summer bank holiday.
    // 2 working days: rest of Friday (15 h) + Tuesday (24 h) + 9 h of Wednesday.
    expect(calendar.dueAt(at("2026-08-28T08:00:00Z"), 2).toISOString()).toBe("2026-09-02T08:00:00.000Z");
  });

  it("is right across a configured half term", () => {
    // Thursday 22 Oct 2026, 14:00 BST. Fri 23 counts; half term 26-30 Oct does not; clocks go back 25 Oct.
    // 3 working days: rest of Thu (10 h) + Fri (24 h) + Mon 2 Nov (24 h) + 14 h of Tue 3 Nov.
    expect(calendar.dueAt(at("2026-10-22T13:00:00Z"), 3).toISOString()).toBe("2026-11-03T14:00:00.000Z");
    expect(calendar.workingMsBetween(at("2026-10-22T13:00:00Z"), at("2026-11-03T14:00:00Z")) / 3_600_000).toBe(72);
  });

  it("pauses while waiting for the school", () => {
    const start = at("2026-11-23T09:00:00Z"); // Monday
    const pause = { from: at("2026-11-23T12:00:00Z"), to: at("2026-11-24T12:00:00Z") }; // 24 h waiting
    expect(calendar.dueAt(start, 1, [pause]).toISOString()).toBe("2026-11-25T09:00:00.000Z");
    expect(calendar.workingMsBetween(start, at("2026-11-25T09:00:00Z"), [pause]) / 3_600_000).toBe(24);
  });

  it("starts a weekend submission's clock on Monday", () => {
    expect(calendar.dueAt(at("2026-11-21T15:00:00Z"), 1).toISOString()).toBe(startOfLondonDay("2026-11-24").toISOString());
  });

  it("uses London calendar days", () => {
    expect(londonDate(at("2026-07-01T23:30:00Z"))).toBe("2026-07-02");
    expect(startOfLondonDay("2026-07-02").toISOString()).toBe("2026-07-01T23:00:00.000Z");
    expect(startOfLondonDay("2026-12-02").toISOString()).toBe("2026-12-02T00:00:00.000Z");
  });
});

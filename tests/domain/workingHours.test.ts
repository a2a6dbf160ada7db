import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { englandBankHolidays } from "../../app/holidays";
import { WorkingCalendar } from "../../domain/workingDays";
import { londonClock, MORNING, weekOf, WORKING_HOURS, withinWindow } from "../../domain/workingHours";

const calendar = new WorkingCalendar(englandBankHolidays(2026, 2028), [{ from: "2026-10-26", to: "2026-10-30" }]);
const at = (iso: string) => new Date(iso);

describe("working hours in London", () => {
  it("reads London wall-clock time on both sides of the clock change", () => {
    expect(londonClock(at("2026-07-06T07:30:00Z"))).toEqual({ date: "2026-07-06", hour: 8, minute: 30 }); // BST
    expect(londonClock(at("2026-12-07T07:30:00Z"))).toEqual({ date: "2026-12-07", hour: 7, minute: 30 }); // GMT
    expect(londonClock(at("2026-07-06T23:30:00Z"))).toEqual({ date: "2026-07-07", hour: 0, minute: 30 });
  });

  it("opens at 08:00 London in summer and winter alike, not 08:00 UTC", () => {
    expect(withinWindow(at("2026-07-06T07:00:00Z"), calendar, MORNING)).toBe(true); // 08:00 BST
    expect(withinWindow(at("2026-07-06T06:59:00Z"), calendar, MORNING)).toBe(false);
    expect(withinWindow(at("2026-12-07T07:00:00Z"), calendar, MORNING)).toBe(false); // 07:00 GMT
    expect(withinWindow(at("2026-12-07T08:00:00Z"), calendar, MORNING)).toBe(true);
  });

  it("closes at 18:00 for response-time alerts and at noon for morning nudges", () => {
    expect(withinWindow(at("2026-07-06T16:59:00Z"), calendar, WORKING_HOURS)).toBe(true); // 17:59 BST
    expect(withinWindow(at("2026-07-06T17:00:00Z"), calendar, WORKING_HOURS)).toBe(false); // 18:00 BST
    expect(withinWindow(at("2026-12-07T11:59:00Z"), calendar, MORNING)).toBe(true);
    expect(withinWindow(at("2026-12-07T12:00:00Z"), calendar, MORNING)).toBe(false);
  });

  it("stays quiet on weekends, bank holidays and the area's school holidays", () => {
    expect(withinWindow(at("2026-12-05T10:00:00Z"), calendar, WORKING_HOURS)).toBe(false); // Saturday
    expect(withinWindow(at("2026-12-25T10:00:00Z"), calendar, WORKING_HOURS)).toBe(false);
    expect(withinWindow(at("2027-05-03T10:00:00Z"), calendar, WORKING_HOURS)).toBe(false); // early May bank holiday
    expect(withinWindow(at("2026-10-27T10:00:00Z"), calendar, WORKING_HOURS)).toBe(false); // half term
    expect(withinWindow(at("2026-11-03T10:00:00Z"), calendar, WORKING_HOURS)).toBe(true);
  });

  it("never opens outside a working day's hours, whatever the instant", () => {
    fc.assert(
      fc.property(fc.date({ min: at("2026-01-01T00:00:00Z"), max: at("2028-12-31T00:00:00Z"), noInvalidDate: true }), (d) => {
        const { date, hour } = londonClock(d);
        const open = withinWindow(d, calendar, WORKING_HOURS);
        expect(open).toBe(calendar.isWorkingDay(date) && hour >= 8 && hour < 18);
      }),
    );
  });

  it("names each week by its Monday", () => {
    expect(weekOf("2026-12-02")).toBe("2026-11-30");
    expect(weekOf("2026-11-30")).toBe("2026-11-30");
    expect(weekOf("2026-12-06")).toBe("2026-11-30");
    fc.assert(
      fc.property(fc.date({ min: at("2020-01-01T00:00:00Z"), max: at("2035-01-01T00:00:00Z"), noInvalidDate: true }), (d) => {
        const ymd = d.toISOString().slice(0, 10);
        const monday = weekOf(ymd);
        expect(new Date(`${monday}T00:00:00Z`).getUTCDay()).toBe(1);
        const gap = (Date.parse(`${ymd}T00:00:00Z`) - Date.parse(`${monday}T00:00:00Z`)) / 86_400_000;
        expect(gap >= 0 && gap <= 6).toBe(true);
      }),
    );
  });
});

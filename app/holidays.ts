import Holidays from "date-holidays";
import type { AreaPack } from "../domain/areaPack";
import { WorkingCalendar } from "../domain/workingDays";

/** England's bank holidays from a maintained library, for the years the clock may touch. */
export function englandBankHolidays(fromYear: number, toYear: number): string[] {
  const hd = new Holidays("GB", "ENG");
  const out: string[] = [];
  for (let y = fromYear; y <= toYear; y++)
    for (const h of hd.getHolidays(y)) if (h.type === "public" || h.type === "bank") out.push(h.date.slice(0, 10));
  return out;
}

/** One calendar per area: England's bank holidays plus the area's school holidays. */
export function areaCalendars(packs: readonly AreaPack[], now: Date = new Date()): (area: AreaPack) => WorkingCalendar {
  const year = now.getUTCFullYear();
  const bank = englandBankHolidays(year - 2, year + 5);
  const calendars = new Map(packs.map((p) => [p.id, new WorkingCalendar(bank, p.schoolHolidays)]));
  return (area) => calendars.get(area.id) ?? new WorkingCalendar(bank, area.schoolHolidays);
}

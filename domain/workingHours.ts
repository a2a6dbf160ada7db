/**
 * When the product may nudge people unprompted. Timers run in UTC on the host (Flex Consumption
 * has no time zone setting), so every schedule is decided here, in London time: reminders and
 * alerts go out on working days (no weekends, bank holidays or the area's school holidays) inside
 * working hours, never at night. Messages a person's own action causes are not held back.
 */
import { londonDate, type WorkingCalendar } from "./workingDays";

export interface LondonClock {
  /** YYYY-MM-DD in London. */
  date: string;
  hour: number;
  minute: number;
}

/** Alerts about response times may go out from 08:00 until 18:00, London time. */
export const WORKING_HOURS = { fromHour: 8, toHour: 18 } as const;
/** Morning nudges (leads' reminders, digests, the board roll-up) go out from 08:00; a missed run catches up until noon. */
export const MORNING = { fromHour: 8, toHour: 12 } as const;

const parts = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

export function londonClock(instant: Date): LondonClock {
  const p = Object.fromEntries(parts.formatToParts(instant).map((x) => [x.type, x.value]));
  return { date: londonDate(instant), hour: Number(p.hour), minute: Number(p.minute) };
}

/** True on a working day between the window's hours (from inclusive, to exclusive), London time. */
export function withinWindow(instant: Date, calendar: WorkingCalendar, window: { fromHour: number; toHour: number }): boolean {
  const { date, hour } = londonClock(instant);
  return calendar.isWorkingDay(date) && hour >= window.fromHour && hour < window.toHour;
}

/** The Monday of the London week containing this date (YYYY-MM-DD): one digest per week. */
export function weekOf(ymd: string): string {
  const [y, m, d] = ymd.split("-").map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * 86_400_000).toISOString().slice(0, 10);
}

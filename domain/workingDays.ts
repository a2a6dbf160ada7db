/**
 * The response clock counts working days only: not weekends, not bank holidays in England, not the
 * local area's school holidays. Days are London calendar days, so the clock is right across the
 * clock changes. Time inside a working day counts in full; a pause (waiting for the school) does not.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

export interface Interval {
  from: Date;
  to: Date;
}

export interface DateRange {
  from: string; // YYYY-MM-DD, inclusive
  to: string; // YYYY-MM-DD, inclusive
}

const londonParts = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** The London calendar date of an instant, as YYYY-MM-DD. */
export function londonDate(instant: Date): string {
  const p = Object.fromEntries(londonParts.formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}

/** Midnight at the start of a London calendar day, as an instant. */
export function startOfLondonDay(ymd: string): Date {
  const [y, m, d] = ymd.split("-").map(Number) as [number, number, number];
  const utcMidnight = Date.UTC(y, m - 1, d);
  // London is UTC or UTC+1; midnight is never inside a clock change (they happen at 01:00 UTC).
  for (const offsetHours of [0, 1]) {
    const candidate = new Date(utcMidnight - offsetHours * 3600_000);
    if (londonDate(candidate) === ymd && londonParts.format(candidate).endsWith("00:00")) return candidate;
  }
  return new Date(utcMidnight);
}

function nextDay(ymd: string): string {
  const [y, m, d] = ymd.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

function weekday(ymd: string): number {
  const [y, m, d] = ymd.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export class WorkingCalendar {
  private readonly bankHolidays: Set<string>;
  constructor(
    bankHolidays: Iterable<string>,
    private readonly schoolHolidays: readonly DateRange[],
  ) {
    this.bankHolidays = new Set(bankHolidays);
  }

  isWorkingDay(ymd: string): boolean {
    const wd = weekday(ymd);
    if (wd === 0 || wd === 6) return false;
    if (this.bankHolidays.has(ymd)) return false;
    return !this.schoolHolidays.some((h) => h.from <= ymd && ymd <= h.to);
  }

  /** Working time in [from, to), minus the paused intervals, in milliseconds. */
  workingMsBetween(from: Date, to: Date, pauses: readonly Interval[] = []): number {
    let total = 0;
    for (let day = londonDate(from); startOfLondonDay(day) < to; day = nextDay(day)) {
      if (!this.isWorkingDay(day)) continue;
      const start = Math.max(startOfLondonDay(day).getTime(), from.getTime());
      const end = Math.min(startOfLondonDay(nextDay(day)).getTime(), to.getTime());
      if (end <= start) continue;
      total += end - start - overlap(start, end, pauses);
    }
    return total;
  }

  /** When `workingDays` of working time will have passed since `from`, allowing for pauses. */
  dueAt(from: Date, workingDays: number, pauses: readonly Interval[] = []): Date {
    let remaining = workingDays * DAY_MS;
    for (let day = londonDate(from), guard = 0; guard < 800; day = nextDay(day), guard++) {
      if (!this.isWorkingDay(day)) continue;
      let cursor = Math.max(startOfLondonDay(day).getTime(), from.getTime());
      const end = startOfLondonDay(nextDay(day)).getTime();
      // Walk the day's working time, skipping paused stretches.
      for (const p of [...pauses].sort((a, b) => a.from.getTime() - b.from.getTime())) {
        const ps = Math.max(p.from.getTime(), cursor);
        const pe = Math.min(p.to.getTime(), end);
        if (pe <= ps) continue;
        if (ps - cursor >= remaining) return new Date(cursor + remaining);
        remaining -= ps - cursor;
        cursor = pe;
      }
      if (end - cursor >= remaining) return new Date(cursor + remaining);
      remaining -= Math.max(0, end - cursor);
    }
    throw new Error("No working days in the next two years: check the holiday configuration");
  }
}

function overlap(start: number, end: number, pauses: readonly Interval[]): number {
  let total = 0;
  for (const p of pauses) total += Math.max(0, Math.min(end, p.to.getTime()) - Math.max(start, p.from.getTime()));
  return total;
}

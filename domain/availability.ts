/**
 * Advisors set their own availability in the chat ("out of office until 12 January", "back in
 * office", "capacity 12"), so routing skips them without anyone editing a file. Dates are read
 * with chrono (British day-month order) against London's calendar.
 */
import * as chrono from "chrono-node";
import type { Person } from "./areaPack";
import { roleOf } from "./directory";
import { londonDate } from "./workingDays";

export type AvailabilityChange =
  | { kind: "away"; from: string; to: string }
  | { kind: "back" }
  | { kind: "capacity"; capacity: number };

export const MAX_CAPACITY = 200;
/** Absences are set at most a year ahead: a typo like "2072" should be caught, not stored. */
const MAX_DAYS_AHEAD = 366;

export const AVAILABILITY_COMMAND = /^\s*(out of office\b.*|back in (the )?office\s*|(set )?(my )?capacity\b.*)$/i;

const DAY_MS = 86_400_000;
const addDays = (ymd: string, days: number) => new Date(Date.parse(`${ymd}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** Reads one availability command; a refusal says what to type instead. */
export function parseAvailability(text: string, now: Date): AvailabilityChange | { error: string } {
  const t = text.trim();
  if (/^back in (the )?office$/i.test(t)) return { kind: "back" };
  const cap = /^(?:set )?(?:my )?capacity\b\s*(?:to\s*)?(\d+)?/i.exec(t);
  if (cap) {
    const n = Number(cap[1]);
    if (!cap[1] || !Number.isInteger(n) || n < 1 || n > MAX_CAPACITY) return { error: `Say how many open requests you can hold at once, from 1 to ${MAX_CAPACITY}, for example **capacity 12**.` };
    return { kind: "capacity", capacity: n };
  }
  const today = londonDate(now);
  const found = chrono.en.GB.parse(t, { instant: now, timezone: "Europe/London" }, { forwardDate: true })[0];
  if (!found) return { error: "Say until when, for example **out of office until 12 January**, or **out of office 22 December to 3 January**." };
  const start = londonDate(found.start.date());
  const end = found.end ? londonDate(found.end.date()) : undefined;
  const ranged = end !== undefined;
  const from = ranged ? start : today;
  const to = ranged ? end : start;
  if (to < today) return { error: "That date has passed. Say the last day you are away, for example **out of office until 12 January**." };
  if (to < from) return { error: "The last day comes before the first. Try again, for example **out of office 22 December to 3 January**." };
  if (to > addDays(today, MAX_DAYS_AHEAD)) return { error: "Out of office can be set up to a year ahead." };
  return { kind: "away", from: from < today ? today : from, to };
}

/** The advisor with the change applied; past absences are dropped so the record stays small. */
export function applyAvailability(person: Person, change: AvailabilityChange, today: string): Person {
  const advisor = roleOf(person.roles, "inclusion-advisor");
  if (!advisor) return person;
  const current = advisor.outOfOffice.filter((o) => o.to >= today);
  const updated =
    change.kind === "capacity"
      ? { ...advisor, capacity: change.capacity, outOfOffice: current }
      : change.kind === "back"
        ? // Back now: today's absence ends yesterday (so it is gone); later ones stay planned.
          { ...advisor, outOfOffice: current.filter((o) => o.from > today) }
        : { ...advisor, outOfOffice: [...current.filter((o) => o.to < change.from || o.from > change.to), { from: change.from, to: change.to }].sort((a, b) => a.from.localeCompare(b.from)) };
  return { ...person, roles: person.roles.map((r) => (r.role === "inclusion-advisor" ? updated : r)) };
}

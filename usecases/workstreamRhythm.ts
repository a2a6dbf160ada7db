import { randomUUID } from "node:crypto";
import type { AreaPack } from "../domain/areaPack";
import { AlreadyApplied, type ChangeExtras } from "../domain/adviceRequestStore";
import type { EffectAddress, EffectDispatcher } from "../domain/effects";
import { londonDate, type WorkingCalendar } from "../domain/workingDays";
import { MORNING, weekOf, withinWindow } from "../domain/workingHours";
import { isStale } from "../domain/workstreamOps";
import { isActionOverdue, workstreamOf, type WorkstreamAction } from "../domain/workstreams";
import type { WorkstreamDeps } from "./workstreamSteps";

const DAY_MS = 24 * 60 * 60 * 1000;
/** An action with no update for this long gets its leads a reminder (at most weekly). */
export const STALE_AFTER_DAYS = 28;
const REMIND_EVERY_DAYS = 7;
/** The roll-up goes to the board channel this many days before each board date. */
export const BOARD_NOTICE_DAYS = 7;

/** The per-area settings the timers read and the board roll-up records its effects in. */
export interface AreaSettings {
  get(areaId: string, key: string): Promise<string | undefined>;
  recordEffects(areaId: string, extras: ChangeExtras, now: Date): Promise<EffectAddress[]>;
}

export interface RhythmDeps extends WorkstreamDeps {
  settings: AreaSettings;
  effects: EffectDispatcher;
  /** Every workstream id of the area (the pack's and those only in an imported plan). */
  workstreamIds: (area: AreaPack) => string[];
  /** The area's working days: nudges skip weekends, bank holidays and school holidays. */
  calendarFor: (area: AreaPack) => WorkingCalendar;
}

/** Nudges go out on working-day mornings, London time (the timers run hourly in UTC). */
function morningOfWorkingDay(deps: RhythmDeps, area: AreaPack): boolean {
  return withinWindow(deps.now(), deps.calendarFor(area), MORNING);
}

export const workstreamChannelSetting = (workstreamId: string) => `workstream-channel:${workstreamId}`;
export const BOARD_CHANNEL_SETTING = "board-channel";

export function reasonToRemind(a: WorkstreamAction, now: Date): string | undefined {
  if (a.status === "complete") return undefined;
  if (a.lastRemindedAt && now.getTime() - new Date(a.lastRemindedAt).getTime() < REMIND_EVERY_DAYS * DAY_MS) return undefined;
  if (isActionOverdue(a, londonDate(now))) return `past its due date (${a.dueDate ?? ""})`;
  const days = Math.floor((now.getTime() - new Date(a.updatedAt).getTime()) / DAY_MS);
  return days >= STALE_AFTER_DAYS ? `no update for ${days} days` : undefined;
}

/**
 * Reminds each lead of their overdue or quiet actions, one card per workstream. Marking the
 * actions reminded and queuing the cards is one transaction per workstream, so a reminder is
 * never marked sent without being sent, and two timer runs at once (ETags) send it once.
 */
export async function remindWorkstreamLeads(deps: RhythmDeps, area: AreaPack): Promise<number> {
  if (!morningOfWorkingDay(deps, area)) return 0;
  const now = deps.now();
  let queued = 0;
  for (const workstreamId of deps.workstreamIds(area)) {
    for (let attempt = 0; attempt < 3; attempt++) {
      const due = (await deps.actions.listActions(area.id, workstreamId)).flatMap((action) => {
        const reason = reasonToRemind(action, now);
        return reason ? [{ action, reason }] : [];
      });
      if (!due.length) break;
      const byLead = new Map<string, Array<{ actionId: string; reason: string }>>();
      for (const { action, reason } of due) {
        const leads = action.leadIds.length ? action.leadIds : (workstreamOf(area, workstreamId)?.workstream.leadIds ?? []);
        for (const lead of leads) byLead.set(lead, [...(byLead.get(lead) ?? []), { actionId: action.id, reason }]);
      }
      const stored = await Promise.all(due.map((d) => deps.actions.get(area.id, workstreamId, d.action.id)));
      const changes = stored.flatMap((s) => (s ? [{ action: { ...s.action, lastRemindedAt: now.toISOString() }, etag: s.etag }] : []));
      const effects = [...byLead].map(([lead, items]) => ({
        id: randomUUID(),
        effect: { kind: "lead-reminder" as const, areaId: area.id, workstreamId, leadAadObjectId: lead, items: items.slice(0, 90) },
      }));
      try {
        // Stays under the 100-operation transaction limit: a workstream has a few dozen actions at most.
        await deps.effects.dispatch(await deps.actions.updateMany(area.id, workstreamId, changes.slice(0, 60), { effects: effects.slice(0, 30) }));
        queued += effects.length;
        break;
      } catch (err) {
        if (!isStale(err)) throw err; // someone changed an action meanwhile: read again
      }
    }
  }
  return queued;
}

/**
 * The week's digest per linked workstream channel, on the first working-day morning of the week
 * (Tuesday after a bank holiday Monday; none in a school holiday week), recorded once per week.
 */
export async function queueWeeklyDigests(deps: RhythmDeps, area: AreaPack): Promise<number> {
  if (!morningOfWorkingDay(deps, area)) return 0;
  const now = deps.now();
  const since = new Date(now.getTime() - 7 * DAY_MS).toISOString();
  let queued = 0;
  for (const workstreamId of deps.workstreamIds(area)) {
    const channelId = await deps.settings.get(area.id, workstreamChannelSetting(workstreamId));
    if (!channelId) continue;
    const week = weekOf(londonDate(now));
    const effect = { id: randomUUID(), effect: { kind: "weekly-digest" as const, areaId: area.id, workstreamId, channelId, since } };
    try {
      await deps.effects.dispatch(await deps.actions.addEffects(area.id, workstreamId, { effects: [effect], marker: { key: `digest:${week}`, result: channelId } }));
      queued++;
    } catch (err) {
      if (!(err instanceof AlreadyApplied)) throw err;
    }
  }
  return queued;
}

/** Before each board date, once: the highlight report to the board channel. */
export async function queueBoardRollup(deps: RhythmDeps, area: AreaPack): Promise<boolean> {
  if (!morningOfWorkingDay(deps, area)) return false;
  const now = deps.now();
  const today = londonDate(now);
  const horizon = londonDate(new Date(now.getTime() + BOARD_NOTICE_DAYS * DAY_MS));
  const boardDate = area.boardDates.filter((d) => d >= today && d <= horizon).sort()[0];
  if (!boardDate) return false;
  const channelId = await deps.settings.get(area.id, BOARD_CHANNEL_SETTING);
  if (!channelId) return false;
  try {
    const effect = { id: randomUUID(), effect: { kind: "board-rollup" as const, areaId: area.id, channelId, boardDate } };
    await deps.effects.dispatch(await deps.settings.recordEffects(area.id, { effects: [effect], marker: { key: `board-posted:${boardDate}`, result: channelId } }, now));
    return true;
  } catch (err) {
    if (err instanceof AlreadyApplied) return false;
    throw err;
  }
}

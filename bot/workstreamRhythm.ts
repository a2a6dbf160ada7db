import { londonDate } from "../domain/workingDays";
import { isActionOverdue, workstreamOf, type WorkstreamAction } from "../domain/workstreams";
import { actionReminderCard, weeklyDigestCard } from "../cards/workstreamCards";
import type { BotDeps } from "./deps";
import { allActions, BOARD_CHANNEL_SETTING, boardReportFor, workstreamChannelSetting } from "./workstreamPosting";

const DAY_MS = 24 * 60 * 60 * 1000;
/** An action with no update for this long gets its leads a reminder (at most weekly). */
export const STALE_AFTER_DAYS = 28;
const REMIND_EVERY_DAYS = 7;
/** The roll-up goes to the board channel this many days before each board date. */
export const BOARD_NOTICE_DAYS = 7;

function reasonToRemind(a: WorkstreamAction, now: Date): string | undefined {
  if (a.status === "complete") return undefined;
  if (a.lastRemindedAt && now.getTime() - new Date(a.lastRemindedAt).getTime() < REMIND_EVERY_DAYS * DAY_MS) return undefined;
  if (isActionOverdue(a, londonDate(now))) return `past its due date (${a.dueDate ?? ""})`;
  const days = Math.floor((now.getTime() - new Date(a.updatedAt).getTime()) / DAY_MS);
  return days >= STALE_AFTER_DAYS ? `no update for ${days} days` : undefined;
}

/** Reminds each lead, in their chat, of their actions that are overdue or have gone quiet. */
export async function remindWorkstreamLeads(deps: BotDeps): Promise<number> {
  const now = deps.now();
  let sent = 0;
  for (const area of deps.packs) {
    const byLead = new Map<string, Array<{ action: WorkstreamAction; reason: string }>>();
    for (const a of await allActions(deps, area)) {
      const reason = reasonToRemind(a, now);
      if (!reason) continue;
      const leads = a.leadIds.length ? a.leadIds : (workstreamOf(area, a.workstreamId)?.workstream.leadIds ?? []);
      for (const lead of leads) byLead.set(lead, [...(byLead.get(lead) ?? []), { action: a, reason }]);
    }
    for (const [lead, items] of byLead) {
      try {
        if (await deps.notifier.toUser(area.id, lead, actionReminderCard(items))) sent++;
      } catch (err) {
        deps.log.error("Could not remind a workstream lead", { error: err, lead });
      }
    }
    // Remember the reminder on each action (ETag-guarded), so the next run waits a week.
    for (const { action } of [...byLead.values()].flat()) {
      const stored = await deps.actions.get(area.id, action.workstreamId, action.id);
      if (stored) await deps.actions.update({ ...stored.action, lastRemindedAt: now.toISOString() }, stored.etag, undefined).catch(() => undefined);
    }
  }
  return sent;
}

/** A weekly card per linked workstream channel: what changed in the last seven days, what is overdue. */
export async function postWeeklyDigests(deps: BotDeps): Promise<number> {
  const now = deps.now();
  const since = new Date(now.getTime() - 7 * DAY_MS).toISOString();
  let posted = 0;
  for (const area of deps.packs) {
    for (const ws of area.priorities.flatMap((p) => p.workstreams)) {
      const channel = await deps.settings.get(area.id, workstreamChannelSetting(ws.id));
      if (!channel) continue;
      const actions = await deps.actions.listActions(area.id, ws.id);
      const titles = new Map(actions.map((a) => [a.id, a.title]));
      const changes = (await deps.actions.listUpdates(area.id, ws.id, undefined, since)).map((u) => ({ title: titles.get(u.actionId) ?? u.actionId, summary: u.summary, by: u.byName, at: u.at }));
      const overdue = actions.filter((a) => isActionOverdue(a, londonDate(now)));
      try {
        if ((await deps.notifier.toChannel(area.id, channel, weeklyDigestCard(ws.title, changes, overdue))) !== undefined) posted++;
      } catch (err) {
        // One unreachable channel must not stop the others' digests.
        deps.log.error("Could not post a weekly digest", { error: err, workstream: ws.id });
      }
    }
  }
  return posted;
}

/** Before each board date, once: the highlight report in the board channel. */
export async function postBoardRollups(deps: BotDeps): Promise<number> {
  const now = deps.now();
  const today = londonDate(now);
  const horizon = londonDate(new Date(now.getTime() + BOARD_NOTICE_DAYS * DAY_MS));
  let posted = 0;
  for (const area of deps.packs) {
    const next = area.boardDates.filter((d) => d >= today && d <= horizon).sort()[0];
    if (!next) continue;
    const doneKey = `board-posted:${next}`;
    if (await deps.settings.get(area.id, doneKey)) continue;
    const channel = await deps.settings.get(area.id, BOARD_CHANNEL_SETTING);
    if (!channel) continue;
    const { card } = await boardReportFor(deps, area);
    try {
      if ((await deps.notifier.toChannel(area.id, channel, card)) !== undefined) {
        await deps.settings.set(area.id, doneKey, now.toISOString(), "timer", now);
        posted++;
      }
    } catch (err) {
      // Not marked as posted, so tomorrow's run tries again.
      deps.log.error("Could not post the board roll-up", { error: err, area: area.id });
    }
  }
  return posted;
}

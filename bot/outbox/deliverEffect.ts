import type { Effect } from "../../domain/effects";
import { isActionOverdue } from "../../domain/workstreams";
import { londonDate } from "../../domain/workingDays";
import { requestUpdateCard } from "../../cards/requestCards";
import { slaReminderCard } from "../../cards/triageCards";
import { actionReminderCard, weeklyDigestCard } from "../../cards/workstreamCards";
import { SETTING_TRIAGE_CHANNEL } from "../../storage/settingsRepository";
import { recordTriagePost } from "../../usecases/triageBookkeeping";
import { recordActionCard } from "../../usecases/workstreamSteps";
import type { BotDeps } from "../deps";
import { buildTriageCard } from "../triagePosting";
import { actionCardFor, boardReportFor } from "../workstreamPosting";

/** Delivered (or nothing left to do), or parked until a person or channel can be reached. */
export type DeliveryOutcome = { delivered: true } | { waitingFor: string };

const DONE: DeliveryOutcome = { delivered: true };
export const waitingForUser = (aadObjectId: string) => `user:${aadObjectId}`;
export const waitingForChannel = (conversationId: string) => `channel:${conversationId}`;
export const WAITING_FOR_TRIAGE_CHANNEL = "setting:triage-channel";

/**
 * Carries out one effect against Teams, rendering its card from the latest stored state (so a
 * retried card update never shows something older than what is saved). Throws when Teams or
 * storage fails, for the worker to retry with backoff.
 */
export async function deliverEffect(deps: BotDeps, effectId: string, effect: Effect): Promise<DeliveryOutcome> {
  const area = deps.packs.find((p) => p.id === effect.areaId);
  if (!area) return DONE; // the area was removed from the deployment: nothing to deliver to
  const toUser = async (aadObjectId: string, card: Parameters<BotDeps["notifier"]["toUser"]>[2]) =>
    (await deps.notifier.toUser(area.id, aadObjectId, card)) ? DONE : { waitingFor: waitingForUser(aadObjectId) };
  const request = async (reference: string) => (await deps.requests.store.get(area.id, reference))?.request;
  const schoolName = (id: string) => area.schools.find((s) => s.id === id)?.name ?? id;

  switch (effect.kind) {
    case "audit":
      await deps.audit.appendOnce(area.id, new Date(effect.at), effectId, { actor: effect.actor, action: effect.action, subject: effect.subject, detail: effect.detail });
      return DONE;
    case "triage-post": {
      const r = await request(effect.reference);
      if (!r || r.triagePost) return DONE; // already posted (a retry after the post was recorded)
      const channel = await deps.settings.get(area.id, SETTING_TRIAGE_CHANNEL);
      if (!channel) return { waitingFor: WAITING_FOR_TRIAGE_CHANNEL };
      const activityId = await deps.notifier.toChannel(area.id, channel, await buildTriageCard(deps, area, r));
      if (!activityId) return { waitingFor: waitingForChannel(channel) };
      await recordTriagePost(deps.requests, area.id, r.reference, { conversationId: channel, activityId });
      return DONE;
    }
    case "triage-refresh": {
      const r = await request(effect.reference);
      // Not posted yet: the post, when it goes, shows the latest state.
      if (!r?.triagePost) return DONE;
      const updated = await deps.notifier.updateInChannel(area.id, r.triagePost.conversationId, r.triagePost.activityId, await buildTriageCard(deps, area, r));
      return updated ? DONE : { waitingFor: waitingForChannel(r.triagePost.conversationId) };
    }
    case "senco-update": {
      const r = await request(effect.reference);
      if (!r) return DONE;
      const event = (await deps.requests.store.listEvents(area.id, r.reference)).find((e) => e.sequence === effect.sequence);
      if (!event) return DONE;
      return toUser(r.sencoAadObjectId, requestUpdateCard(r, event));
    }
    case "advisor-handover": {
      const r = await request(effect.reference);
      if (!r) return DONE;
      return toUser(effect.advisorAadObjectId, await buildTriageCard(deps, area, r, `${effect.byName} has passed this request to you.`));
    }
    case "sla-alert": {
      const r = await request(effect.reference);
      if (!r) return DONE;
      const card = slaReminderCard(r, effect.alert, schoolName(r.schoolId));
      if (effect.to !== "channel") return toUser(effect.to.advisorAadObjectId, card);
      const channel = await deps.settings.get(area.id, SETTING_TRIAGE_CHANNEL);
      if (!channel) return { waitingFor: WAITING_FOR_TRIAGE_CHANNEL };
      return (await deps.notifier.toChannel(area.id, channel, card)) ? DONE : { waitingFor: waitingForChannel(channel) };
    }
    case "action-card-post": {
      const stored = await deps.actions.get(area.id, effect.workstreamId, effect.actionId);
      if (!stored) return DONE;
      const activityId = await deps.notifier.toChannel(area.id, effect.channelId, await actionCardFor(deps, area, stored.action));
      if (!activityId) return { waitingFor: waitingForChannel(effect.channelId) };
      await recordActionCard(deps.actions, stored.action, { conversationId: effect.channelId, activityId });
      return DONE;
    }
    case "action-card-refresh": {
      const stored = await deps.actions.get(area.id, effect.workstreamId, effect.actionId);
      const post = stored?.action.cardPost;
      if (!stored || !post) return DONE;
      const updated = await deps.notifier.updateInChannel(area.id, post.conversationId, post.activityId, await actionCardFor(deps, area, stored.action));
      return updated ? DONE : { waitingFor: waitingForChannel(post.conversationId) };
    }
    case "lead-reminder": {
      const found = await Promise.all(effect.items.map(async (i) => ({ stored: await deps.actions.get(area.id, effect.workstreamId, i.actionId), reason: i.reason })));
      const items = found.flatMap((f) => (f.stored ? [{ action: f.stored.action, reason: f.reason }] : []));
      return items.length ? toUser(effect.leadAadObjectId, actionReminderCard(items)) : DONE;
    }
    case "weekly-digest": {
      const actions = await deps.actions.listActions(area.id, effect.workstreamId);
      const titles = new Map(actions.map((a) => [a.id, a.title]));
      const changes = (await deps.actions.listUpdates(area.id, effect.workstreamId, undefined, effect.since)).map((u) => ({ title: titles.get(u.actionId) ?? u.actionId, summary: u.summary, by: u.byName, at: u.at }));
      const overdue = actions.filter((a) => isActionOverdue(a, londonDate(deps.now())));
      const title = area.priorities.flatMap((p) => p.workstreams).find((w) => w.id === effect.workstreamId)?.title ?? effect.workstreamId;
      return (await deps.notifier.toChannel(area.id, effect.channelId, weeklyDigestCard(title, changes, overdue))) ? DONE : { waitingFor: waitingForChannel(effect.channelId) };
    }
    case "board-rollup": {
      const { card } = await boardReportFor(deps, area);
      return (await deps.notifier.toChannel(area.id, effect.channelId, card)) ? DONE : { waitingFor: waitingForChannel(effect.channelId) };
    }
  }
}

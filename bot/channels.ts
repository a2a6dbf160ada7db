import { TeamsInfo, TurnContext, type ConversationReference } from "botbuilder";
import { ConversationRefRepository } from "../storage/conversationRefs";
import { SETTING_TRIAGE_CHANNEL } from "../storage/settingsRepository";
import type { Caller } from "./caller";
import type { BotDeps } from "./deps";
import { BOARD_CHANNEL_SETTING, workstreamChannelSetting } from "../usecases/workstreamRhythm";
import { WAITING_FOR_TRIAGE_CHANNEL, waitingForChannel } from "./outbox/deliverEffect";
import { releaseWaiting } from "./outbox/outboxWorker";

/**
 * When the bot joins a team, it reads the team's channel list and remembers every channel, so the
 * triage channel named in the area pack is found even when it is not General.
 */
export async function discoverChannels(context: TurnContext, deps: BotDeps, who: Caller): Promise<string[]> {
  if (!who.area) return [];
  const channels = await TeamsInfo.getTeamChannels(context);
  const base = TurnContext.getConversationReference(context.activity);
  const teamId = (context.activity.channelData as { team?: { id?: string } } | undefined)?.team?.id;
  const found: string[] = [];
  for (const ch of channels) {
    if (!ch.id) continue;
    const reference: Partial<ConversationReference> = { ...base, conversation: { ...base.conversation, id: ch.id, conversationType: "channel", isGroup: true, name: ch.name ?? "" } };
    await deps.conversationRefs.save(who.area.id, ConversationRefRepository.channelKey(ch.id), { scope: "channel", reference, teamId }, deps.now());
    found.push(ch.name ?? "General");
  }
  // Channels the pack names by purpose are found in the list by id or name; a setting made by a
  // command in a channel is kept.
  for (const wanted of who.area.teams.flatMap((t) => t.channels)) {
    const setting = wanted.purpose === "triage" ? SETTING_TRIAGE_CHANNEL : wanted.purpose === "board" ? BOARD_CHANNEL_SETTING : wanted.purpose === "workstream" && wanted.workstreamId ? workstreamChannelSetting(wanted.workstreamId) : undefined;
    if (!setting) continue;
    const match = channels.find((c) => (wanted.id && c.id === wanted.id) || (c.name ?? "General").toLowerCase() === wanted.name.toLowerCase());
    if (match?.id && !(await deps.settings.get(who.area.id, setting))) await deps.settings.set(who.area.id, setting, match.id, "team-install", deps.now());
  }
  // Posts that waited for these channels (or for a triage channel to be chosen) can go now.
  for (const ch of channels) if (ch.id) await releaseWaiting(deps, who.area.id, waitingForChannel(ch.id));
  await releaseWaiting(deps, who.area.id, WAITING_FOR_TRIAGE_CHANNEL);
  return found;
}

import { createHash } from "node:crypto";
import { TurnContext } from "botbuilder";
import { Application, type TurnState } from "@microsoft/teams-ai";
import { ConversationRefRepository, type ConversationScope } from "../storage/conversationRefs";
import type { FunctionsTeamsAdapter } from "./adapter";
import { resolveCaller } from "./caller";
import type { BotDeps } from "./deps";
import { waitingForChannel, waitingForUser } from "./outbox/deliverEffect";
import { releaseWaiting } from "./outbox/outboxWorker";
import { registerAdviceLine } from "./routes/adviceLine";
import { registerAvailability } from "./routes/availability";
import { registerBasics, registerFallback } from "./routes/basics";
import { registerDeliveries } from "./routes/deliveries";
import { registerRequests } from "./routes/requests";
import { registerTriage } from "./routes/triage";
import { registerWorkstreams } from "./routes/workstreams";

/**
 * Builds the Teams AI application with every route; called once per process by app/composition.
 * No turn-state storage: every route keeps what it needs in the product's own tables, so a turn
 * makes no state round trips and a storage fault cannot strike after a change was committed.
 */
export function buildBotApplication(adapter: FunctionsTeamsAdapter, deps: BotDeps): Application<TurnState> {
  const app = new Application<TurnState>({
    adapter,
    botAppId: deps.config.bot.id,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });

  app.turn("beforeTurn", async (context) => {
    const caller = await resolveCaller(context, deps.packs, deps.directory);
    const allowed = deps.config.allowedTenantIds;
    if (allowed.length > 0 && (!caller.tenantId || !allowed.includes(caller.tenantId))) {
      deps.log.warn("Refused an activity from a tenant that is not allowed", { tenantId: caller.tenantId, type: context.activity.type });
      if (context.activity.type === "message")
        await context.sendActivity("Sorry, this service is not available to your organisation. Please contact your council's SEND team.");
      return false;
    }
    await rememberConversation(context, deps);
    return firstDelivery(context, deps, caller.area?.id);
  });


  registerBasics(app, deps);
  registerRequests(app, deps);
  registerTriage(app, deps);
  registerWorkstreams(app, deps);
  registerDeliveries(app, deps);
  registerAvailability(app, deps);
  registerAdviceLine(app, deps);
  registerFallback(app, deps);

  app.error(async (context, error) => {
    deps.log.error("Unhandled error in a turn", {
      error,
      activityType: context.activity.type,
      activityId: context.activity.id,
      conversationType: context.activity.conversation?.conversationType,
    });
    if (context.activity.type === "message")
      await context.sendActivity("Sorry, something went wrong on our side and nothing was saved. Please try again in a minute.");
  });

  return app;
}

/**
 * The idempotency key of a typed message or a conversation update (an install's welcome): its
 * activity id within its conversation. Card presses have their own keys (bot/cardActions.ts).
 */
function messageKey(context: TurnContext): string | undefined {
  const a = context.activity;
  if ((a.type !== "message" && a.type !== "conversationUpdate") || !a.id) return undefined;
  return `message|${createHash("sha256").update(a.conversation?.id ?? "").digest("hex").slice(0, 16)}|${a.id}`;
}

/**
 * False for a message already answered (or being answered): Teams redelivered it. The claim is the
 * one write this costs; Teams redelivers within seconds, and a claim older than two minutes may be
 * taken over, so a turn whose instance died is answered when the message comes again.
 */
async function firstDelivery(context: TurnContext, deps: BotDeps, areaId: string | undefined): Promise<boolean> {
  const key = messageKey(context);
  if (!key || !areaId) return true;
  const claim = await deps.processed.claim(areaId, key, deps.now());
  if (claim.status === "claimed") return true;
  deps.log.info("Skipped a message that was already answered", { activityId: context.activity.id });
  return false;
}

/** Stores where to reach this person or channel later; skipped for unknown areas. */
async function rememberConversation(context: TurnContext, deps: BotDeps): Promise<void> {
  const caller = await resolveCaller(context, deps.packs, deps.directory);
  if (!caller.area) return;
  const { conversation } = context.activity;
  const type = conversation?.conversationType;
  const scope: ConversationScope | undefined = type === "personal" ? "personal" : type === "channel" ? "channel" : type === "groupChat" ? "groupChat" : undefined;
  if (!scope) return;
  const reference = TurnContext.getConversationReference(context.activity);
  const channelData = context.activity.channelData as { team?: { id?: string } } | undefined;
  if (scope === "personal") {
    if (!caller.aadObjectId) return;
    // A person's first chat with the bot: messages that waited for them can go now.
    if (await deps.conversationRefs.save(caller.area.id, ConversationRefRepository.userKey(caller.aadObjectId), { scope, reference, teamId: undefined }, deps.now()))
      await releaseWaiting(deps, caller.area.id, waitingForUser(caller.aadObjectId));
    return;
  }
  // A reply in a channel thread carries ";messageid=..."; the channel itself is the part before it.
  const channelConversationId = conversation.id.split(";")[0] ?? conversation.id;
  const isNew = await deps.conversationRefs.save(
    caller.area.id,
    ConversationRefRepository.channelKey(channelConversationId),
    // No activityId: a later post to the channel starts a new thread rather than replying to this message.
    { scope, reference: { ...reference, activityId: undefined, conversation: { ...reference.conversation, id: channelConversationId } }, teamId: channelData?.team?.id },
    deps.now(),
  );
  if (isNew) await releaseWaiting(deps, caller.area.id, waitingForChannel(channelConversationId));
}

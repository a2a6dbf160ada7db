import { ActivityTypes, CardFactory, type TurnContext } from "botbuilder";
import { z } from "zod";
import type { AdviceRequest } from "../../domain/adviceRequest";
import type { AdaptiveCardJson } from "../../cards/card";
import { requestUpdateCard } from "../../cards/requestCards";
import { QUEUES } from "../../storage/queues";
import type { BotDeps } from "../deps";

export async function sendCard(context: TurnContext, card: AdaptiveCardJson): Promise<void> {
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}

/**
 * Answers an Action.Execute with a card for the person who pressed only. Teams AI otherwise writes
 * a card that has a refresh over the shared message, for everyone in the channel (and then keeps
 * doing so for that verb). A card holding someone's unsaved text must never go there: it may hold
 * the pupil identifier that was just refused. Its refresh is dropped too, so Teams' automatic
 * refresh does not wipe what they typed.
 */
export async function replyToPresserOnly(context: TurnContext, card: AdaptiveCardJson): Promise<AdaptiveCardJson> {
  const { refresh: _refresh, ...own } = card;
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: own } } });
  return own;
}

/** A message that could not be delivered at once, for the notifications queue to retry. */
export const PendingNotification = z.object({
  kind: z.enum(["senco-update", "triage-refresh"]),
  areaId: z.string().min(1),
  reference: z.string().min(1),
  sequence: z.number().int().min(0).optional(),
});
export type PendingNotification = z.infer<typeof PendingNotification>;

/** Sends one event of a request to its SENCO's chat; throws if it cannot (the queue retries). */
export async function deliverSencoUpdate(deps: BotDeps, request: AdviceRequest, sequence?: number): Promise<boolean> {
  const events = await deps.requests.store.listEvents(request.areaId, request.reference);
  const event = sequence === undefined ? events.at(-1) : events.find((e) => e.sequence === sequence);
  if (!event || event.actorRole !== "advisor") return false;
  return deps.notifier.toUser(request.areaId, request.sencoAadObjectId, requestUpdateCard(request, event));
}

/**
 * Tells the SENCO about the latest step on their request, in their personal chat. The change is
 * already saved; if Teams cannot be reached now, the message goes to the notifications queue.
 */
export async function notifySenco(deps: BotDeps, request: AdviceRequest): Promise<boolean> {
  const sequence = request.eventCount - 1;
  try {
    // The request was just written, so it is passed on rather than read again.
    return await deliverSencoUpdate(deps, request, sequence);
  } catch (err) {
    deps.log.warn("Could not notify the SENCO now; queued for retry", { error: err, reference: request.reference });
    await queueNotification(deps, { kind: "senco-update", areaId: request.areaId, reference: request.reference, sequence });
    return false;
  }
}

export async function queueNotification(deps: BotDeps, message: PendingNotification): Promise<void> {
  try {
    await deps.queues.send(QUEUES.notifications, message);
  } catch (err) {
    deps.log.error("Could not queue a notification", { error: err, ...message });
  }
}

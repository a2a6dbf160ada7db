import { CardFactory, type TurnContext } from "botbuilder";
import type { AdviceRequest } from "../../domain/adviceRequest";
import type { AdaptiveCardJson } from "../../cards/card";
import { requestUpdateCard } from "../../cards/requestCards";
import type { BotDeps } from "../deps";

export async function sendCard(context: TurnContext, card: AdaptiveCardJson): Promise<void> {
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}

/** Tells the SENCO about the latest step on their request, in their personal chat. */
export async function notifySenco(deps: BotDeps, request: AdviceRequest): Promise<boolean> {
  const events = await deps.requests.store.listEvents(request.areaId, request.reference);
  const latest = events.at(-1);
  if (!latest || latest.actorRole !== "advisor") return false;
  try {
    return await deps.notifier.toUser(request.areaId, request.sencoAadObjectId, requestUpdateCard(request, latest));
  } catch (err) {
    // The change is saved and in the history; a failed chat message must not undo it.
    deps.log.error("Could not notify the SENCO", { error: err, reference: request.reference });
    return false;
  }
}

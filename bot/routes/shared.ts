import { CardFactory, type TurnContext } from "botbuilder";
import type { AdaptiveCardJson } from "../../cards/card";

export async function sendCard(context: TurnContext, card: AdaptiveCardJson): Promise<void> {
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}

import { CardFactory, type TurnContext } from "botbuilder";
import type { Application, TurnState } from "@microsoft/teams-ai";
import { capabilitiesFor } from "../../domain/capabilities";
import { helpCard, personalWelcomeCard, profileCard, teamWelcomeCard } from "../../cards/welcomeCards";
import { VERBS } from "../../cards/verbs";
import { resolveCaller } from "../caller";
import { PRODUCT_NAME, type BotDeps } from "../deps";
import { profileOf, viewerOf } from "../viewer";

/** Welcome on install, help, "my details", and a helpful answer to anything not understood. */
export function registerBasics(app: Application<TurnState>, deps: BotDeps): void {
  const caller = (context: TurnContext) => resolveCaller(context, deps.packs, deps.directory);

  app.conversationUpdate("membersAdded", async (context) => {
    const botId = context.activity.recipient.id;
    const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === botId);
    if (!botAdded) return;
    const who = await caller(context);
    const card =
      context.activity.conversation.conversationType === "personal"
        ? personalWelcomeCard(viewerOf(who), PRODUCT_NAME)
        : teamWelcomeCard(PRODUCT_NAME, who.area?.name);
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  });

  app.message(/^\s*(help|\?|what can you do\??)\s*$/i, async (context) => {
    const who = await caller(context);
    const card = helpCard(viewerOf(who), capabilitiesFor(who.person?.roles ?? []));
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  });

  app.message(/^\s*(my details|who am i\??)\s*$/i, async (context) => {
    const who = await caller(context);
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(profileCard(profileOf(who)))] });
  });

  app.adaptiveCards.actionExecute(VERBS.helpShow, async (context) => {
    const who = await caller(context);
    return helpCard(viewerOf(who), capabilitiesFor(who.person?.roles ?? []));
  });

  app.adaptiveCards.actionExecute(VERBS.profileShow, async (context) => profileCard(profileOf(await caller(context))));
}

/** Registered last so every specific route gets its chance first. Never repeats the user's words back. */
export function registerFallback(app: Application<TurnState>, deps: BotDeps): void {
  app.activity("message", async (context) => {
    const who = await caller(context);
    const hasText = (context.activity.text ?? "").trim().length > 0;
    const commands = capabilitiesFor(who.person?.roles ?? [])
      .map((c) => `- ${c.title}: ${c.howTo}`)
      .join("\n");
    await context.sendActivity(
      hasText
        ? `Sorry, I didn't understand that. Here is what I can help with:\n\n${commands}`
        : `I can only read typed messages and card buttons. Type **help** to see what I can do.`,
    );
  });

  function caller(context: TurnContext) {
    return resolveCaller(context, deps.packs, deps.directory);
  }
}

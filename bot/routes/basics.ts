import { CardFactory, type TurnContext } from "botbuilder";
import type { Application, TurnState } from "@microsoft/teams-ai";
import { capabilitiesFor } from "../../domain/capabilities";
import { helpCard, personalWelcomeCard, profileCard, teamWelcomeCard } from "../../cards/welcomeCards";
import { VERBS } from "../../cards/verbs";
import { resolveCaller } from "../caller";
import { answerQuestion } from "./adviceLine";
import { discoverChannels } from "../channels";
import { PRODUCT_NAME, type BotDeps } from "../deps";
import { onCardAction } from "../cardActions";
import { profileOf, viewerOf } from "../viewer";

/** Welcome on install, help, "my details", and a helpful answer to anything not understood. */
export function registerBasics(app: Application<TurnState>, deps: BotDeps): void {
  const caller = (context: TurnContext) => resolveCaller(context, deps.packs, deps.directory);

  app.conversationUpdate("membersAdded", async (context) => {
    const botId = context.activity.recipient.id;
    const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === botId);
    if (!botAdded) return;
    const who = await caller(context);
    const personal = context.activity.conversation.conversationType === "personal";
    const card = personal ? personalWelcomeCard(viewerOf(who), PRODUCT_NAME) : teamWelcomeCard(PRODUCT_NAME, who.area?.name);
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
    if (!personal && context.activity.conversation.conversationType === "channel")
      await discoverChannels(context, deps, who).catch((err: unknown) => deps.log.warn("Could not read the team's channel list", { error: err }));
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

  onCardAction(app, deps, VERBS.helpShow, async ({ context }) => {
    const who = await caller(context);
    return helpCard(viewerOf(who), capabilitiesFor(who.person?.roles ?? []));
  });

  onCardAction(app, deps, VERBS.profileShow, async ({ context }) => profileCard(profileOf(await caller(context))));
}

/** Words that are not a question, answered kindly instead of searched. */
const SMALL_TALK = /^\s*(hi|hello|hey|thanks|thank you|thank you very much|cheers|ok|okay|bye|good (morning|afternoon))[.!\s]*$/i;

/**
 * Registered last so every specific route gets its chance first. In personal chat a registered
 * person's text is a question for the advice line; anything else gets help. Never echoes.
 */
export function registerFallback(app: Application<TurnState>, deps: BotDeps): void {
  app.activity("message", async (context) => {
    const who = await caller(context);
    const text = (context.activity.text ?? "").trim();
    const personal = context.activity.conversation.conversationType === "personal";
    if (personal && who.person && text && !SMALL_TALK.test(text)) return answerQuestion(context, deps, who, text);
    const commands = capabilitiesFor(who.person?.roles ?? [])
      .map((c) => `- ${c.title}: ${c.howTo}`)
      .join("\n");
    if (!text) return void (await context.sendActivity("I can only read typed messages and card buttons. Type **help** to see what I can do."));
    const opening = SMALL_TALK.test(text) ? `Hello ${who.displayName}.` : "Sorry, I didn't understand that.";
    await context.sendActivity(`${opening} Here is what I can help with:\n\n${commands}`);
  });

  function caller(context: TurnContext) {
    return resolveCaller(context, deps.packs, deps.directory);
  }
}

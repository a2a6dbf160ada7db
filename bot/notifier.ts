import { CardFactory, type ConversationReference, type TurnContext } from "botbuilder";
import type { Logger } from "../app/log";
import type { AdaptiveCardJson } from "../cards/card";
import { ConversationRefRepository } from "../storage/conversationRefs";
import type { FunctionsTeamsAdapter } from "./adapter";

/** Sends cards to a person's chat or a channel later, from the references stored on their turns. */
export class ProactiveNotifier {
  constructor(
    private readonly adapter: FunctionsTeamsAdapter,
    private readonly botAppId: string,
    private readonly refs: ConversationRefRepository,
    private readonly log: Logger,
  ) {}

  /** True when the message went; false (logged) when we have no chat with that person yet. */
  async toUser(areaId: string, aadObjectId: string, card: AdaptiveCardJson): Promise<boolean> {
    return this.send(areaId, ConversationRefRepository.userKey(aadObjectId), card);
  }

  async toChannel(areaId: string, conversationId: string, card: AdaptiveCardJson): Promise<string | undefined> {
    let id: string | undefined;
    await this.send(areaId, ConversationRefRepository.channelKey(conversationId), card, (sent) => (id = sent));
    return id;
  }

  /** Replaces a card we posted earlier, so everyone in the channel sees the latest state. */
  async updateInChannel(areaId: string, conversationId: string, activityId: string, card: AdaptiveCardJson): Promise<boolean> {
    const stored = await this.refs.find(areaId, ConversationRefRepository.channelKey(conversationId));
    if (!stored) return false;
    await this.run(stored.reference, (context) => context.updateActivity({ id: activityId, type: "message", attachments: [CardFactory.adaptiveCard(card)] }));
    return true;
  }

  private async send(areaId: string, key: string, card: AdaptiveCardJson, onSent?: (id: string | undefined) => void): Promise<boolean> {
    const stored = await this.refs.find(areaId, key);
    if (!stored) {
      this.log.warn("No stored conversation to notify", { areaId, key });
      return false;
    }
    await this.run(stored.reference, async (context) => {
      const sent = await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
      onSent?.(sent?.id);
    });
    return true;
  }

  /**
   * The adapter hands errors inside a proactive turn to its turn-error handler, which only logs;
   * callers must know a send failed (so it can be queued for retry), so the error is rethrown here.
   */
  private async run(reference: unknown, work: (context: TurnContext) => Promise<unknown>): Promise<void> {
    let failure: unknown;
    await this.adapter.continueConversationAsync(this.botAppId, reference as Partial<ConversationReference>, async (context) => {
      try {
        await work(context);
      } catch (err) {
        failure = err;
      }
    });
    if (failure) throw failure instanceof Error ? failure : new Error(`Proactive send failed: ${JSON.stringify(failure)}`);
  }
}

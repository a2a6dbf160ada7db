import { ActivityTypes, INVOKE_RESPONSE_KEY, type TurnContext } from "botbuilder";
import type { Application, TurnState } from "@microsoft/teams-ai";
import type { AdaptiveCardJson } from "../cards/card";
import { PRESS_ID } from "../cards/verbs";
import { actionFailedCard, actionSlowCard } from "../cards/outcomeCards";
import type { BotDeps } from "./deps";

/** Teams gives an Action.Execute about five seconds; answer well inside it, network included. */
export const CARD_ACTION_DEADLINE_MS = 4000;

/** One press of a card button, as a handler sees it. */
export interface CardPress {
  context: TurnContext;
  data: unknown;
  /**
   * This press's idempotency key: the card's per-render action id (or the activity id) and the
   * presser, so a redelivered or double-clicked press is applied once, while someone else pressing
   * the same shared card gets their own answer.
   */
  key: string;
  /** Call once the change is committed, so a later failure can say it was saved. */
  saved(reference: string): void;
  /** Mark the answer as private to the presser's typing: Teams must not refresh it away. */
  keepTyped(): void;
}

/**
 * Registers Action.Execute handlers that always answer: within the deadline, with a card, to the
 * presser only. The invoke response is sent here rather than by Teams AI, which would otherwise
 * write any card that has a refresh over the shared message for everyone. The shared card changes
 * only through the outbox. A handler that throws or runs late gets a card that says whether it was
 * saved; never an empty response or a 5xx.
 */
export function onCardAction(app: Application<TurnState>, deps: BotDeps, verbs: string | string[], handler: (press: CardPress) => Promise<AdaptiveCardJson>): void {
  app.adaptiveCards.actionExecute(verbs, async (context, _state, data) => {
    let saved: string | undefined;
    let typed = false;
    const rawVerb = (context.activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb;
    const verb = typeof rawVerb === "string" ? rawVerb : "";
    const press: CardPress = { context, data, key: pressKey(context, data, verb), saved: (r) => void (saved = r), keepTyped: () => void (typed = true) };
    const work = handler(press);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), CARD_ACTION_DEADLINE_MS)));
    let card: AdaptiveCardJson;
    try {
      const result = await Promise.race([work, late]);
      if (result === "late") {
        deps.log.warn("A card action ran past the deadline; answered before it finished", { verb, saved: !!saved });
        work.catch((err: unknown) => deps.log.error("A late card action failed", { verb, reason: reasonOf(err) }));
        card = actionSlowCard(saved);
      } else card = result;
    } catch (err) {
      deps.log.error("A card action failed", { verb, saved: !!saved, reason: reasonOf(err) });
      card = actionFailedCard(saved);
    } finally {
      clearTimeout(timer);
    }
    if (!context.turnState.get(INVOKE_RESPONSE_KEY)) await answerPresser(context, typed ? withoutRefresh(card) : card);
    return card;
  });
}

/** The invoke response: the card the presser sees in place of the one they pressed. */
export async function answerPresser(context: TurnContext, card: AdaptiveCardJson): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: card } } });
}

/** A card holding someone's unsaved text loses its refresh, so Teams' auto-refresh does not wipe it. */
export function withoutRefresh(card: AdaptiveCardJson): AdaptiveCardJson {
  const { refresh: _refresh, ...own } = card;
  return own;
}

function pressKey(context: TurnContext, data: unknown, verb: string): string {
  const d = (typeof data === "object" && data !== null ? data : {}) as Record<string, unknown>;
  const nonce = typeof d[PRESS_ID] === "string" && d[PRESS_ID].length <= 100 ? d[PRESS_ID] : (context.activity.id ?? "");
  return `${verb}|${nonce}|${context.activity.from?.aadObjectId ?? context.activity.from?.id ?? ""}`;
}

/** The error's kind only: messages can carry request text. */
function reasonOf(err: unknown): string {
  if (typeof err === "object" && err !== null && "statusCode" in err) return `HTTP ${String(err.statusCode)}`;
  return err instanceof Error ? err.name : "unknown";
}

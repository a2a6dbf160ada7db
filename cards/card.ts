/** Minimal Adaptive Card 1.5 JSON types: enough to build cards with checks, no framework needed. */
export type CardElement = Record<string, unknown> & { type: string };
export type CardAction = Record<string, unknown> & { type: "Action.Execute" | "Action.OpenUrl" | "Action.ShowCard" | "Action.ToggleVisibility" };

export interface AdaptiveCardJson {
  type: "AdaptiveCard";
  $schema: string;
  version: "1.5";
  body: CardElement[];
  actions?: CardAction[];
  refresh?: { action: CardAction; userIds?: string[] };
  fallbackText?: string;
  speak?: string;
}

/** Teams refuses messages over about 28 KB; cards stay well under with room for the envelope. */
export const TEAMS_CARD_MAX_BYTES = 28_000;

export function adaptiveCard(body: CardElement[], actions: CardAction[] = [], extra: Partial<AdaptiveCardJson> = {}): AdaptiveCardJson {
  return {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: "1.5",
    body,
    ...(actions.length ? { actions } : {}),
    ...extra,
  };
}

export const heading = (text: string): CardElement => ({
  type: "TextBlock",
  text,
  size: "Large",
  weight: "Bolder",
  wrap: true,
  style: "heading",
});

export const text = (value: string, options: Record<string, unknown> = {}): CardElement => ({
  type: "TextBlock",
  text: value,
  wrap: true,
  ...options,
});

export const facts = (items: Array<[string, string]>): CardElement => ({
  type: "FactSet",
  facts: items.map(([title, value]) => ({ title, value })),
});

export const execute = (title: string, verb: string, data: Record<string, unknown> = {}): CardAction => ({
  type: "Action.Execute",
  title,
  verb,
  data: { verb, ...data },
});

/** A one-line card saying why something cannot be shown or done (replaces the card that was pressed). */
export function noticeCard(message: string): AdaptiveCardJson {
  return adaptiveCard([{ type: "TextBlock", text: message, wrap: true, color: "Attention" }], [], { fallbackText: message });
}

export function cardBytes(card: AdaptiveCardJson): number {
  return Buffer.byteLength(JSON.stringify(card), "utf8");
}

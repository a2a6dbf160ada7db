import { randomUUID } from "node:crypto";
import { PRESS_ID } from "./verbs";
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

/** How a run of text looks; RichTextBlock puts these on each TextRun, not on the block. */
export interface TextRunStyle {
  size?: "Small" | "Default" | "Medium" | "Large" | "ExtraLarge";
  weight?: "Lighter" | "Default" | "Bolder";
  color?: "Default" | "Dark" | "Light" | "Accent" | "Good" | "Warning" | "Attention";
  isSubtle?: boolean;
}

export interface TypedTextOptions extends TextRunStyle {
  spacing?: "None" | "Small" | "Default" | "Medium" | "Large" | "ExtraLarge" | "Padding";
  separator?: boolean;
  /** Our own words before the typed text, in bold ("Advice: "). */
  label?: string;
  /** A web address to open from the text; given only when the text is that address, so what is seen is where it goes. */
  url?: string;
}

/**
 * Text a person typed (or built from it), shown exactly as typed. Teams reads Markdown in TextBlock
 * and FactSet text, so a typed "[link](https://…)" would become a live link for everyone else;
 * TextRun text is never read as Markdown. A RichTextBlock wraps on its own.
 */
export function typedText(value: string, options: TypedTextOptions = {}): CardElement {
  const { spacing, separator, label, url, ...style } = options;
  const inlines: Array<Record<string, unknown>> = [];
  if (label) inlines.push({ type: "TextRun", text: label, ...style, weight: "Bolder" });
  if (value) inlines.push({ type: "TextRun", text: value, ...style, ...(url ? { selectAction: { type: "Action.OpenUrl", url } } : {}) });
  return { type: "RichTextBlock", inlines, ...(spacing ? { spacing } : {}), ...(separator ? { separator } : {}) };
}

/** A bold heading of ours over text a person typed. */
export function typedSection(title: string, value: string): CardElement[] {
  return [text(title, { weight: "Bolder", spacing: "Medium" }), typedText(value, { spacing: "None" })];
}

/** Only for the council's own words and configuration: values are read as Markdown. */
export const facts = (items: Array<[string, string]>): CardElement => ({
  type: "FactSet",
  facts: items.map(([title, value]) => ({ title, value })),
});

/** A button; its data carries a fresh press id, so pressing it twice (or a redelivery) acts once. */
export const execute = (title: string, verb: string, data: Record<string, unknown> = {}): CardAction => ({
  type: "Action.Execute",
  title,
  verb,
  data: { verb, [PRESS_ID]: randomUUID(), ...data },
});

/**
 * A one-line card saying why something cannot be shown or done (replaces the card that was pressed).
 * Plain text: a refusal can quote what was typed, masked ("S** J****"), which Markdown would garble.
 */
export function noticeCard(message: string): AdaptiveCardJson {
  return adaptiveCard([typedText(message, { color: "Attention" })], [], { fallbackText: message });
}

export function cardBytes(card: AdaptiveCardJson): number {
  return Buffer.byteLength(JSON.stringify(card), "utf8");
}

import { createRequire } from "node:module";
import { expect } from "vitest";
import type * as AdaptiveCards from "adaptivecards";
import { cardBytes, TEAMS_CARD_MAX_BYTES, type AdaptiveCardJson } from "../../cards/card";
import { VERBS } from "../../cards/verbs";

// The SDK's lib/ build is ESM without a module marker; its UMD bundle loads cleanly in Node.
const AC = createRequire(__filename)("adaptivecards/dist/adaptivecards.js") as typeof AdaptiveCards;

const KNOWN_VERBS = new Set<string>(Object.values(VERBS));

/** Parses a card with the Adaptive Cards SDK and checks the rules every card we send must meet. */
export function expectValidCard(card: AdaptiveCardJson): void {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  const events = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
  expect(events, "Adaptive Cards SDK parse warnings/errors").toEqual([]);
  expect(parsed.version?.toString()).toBe("1.5");
  expect(cardBytes(card)).toBeLessThan(TEAMS_CARD_MAX_BYTES);
  const verbs: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const o = node as Record<string, unknown>;
      if (o.type === "Action.Execute") verbs.push(String(o.verb));
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  for (const v of verbs) expect(KNOWN_VERBS.has(v), `verb ${v} is a shared constant`).toBe(true);
}

/** An input of a card (also inside Action.ShowCard cards), by its id. */
export function findInput(card: unknown, id: string): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const o = node as Record<string, unknown>;
      if (o.id === id && typeof o.type === "string" && o.type.startsWith("Input.")) found = o;
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** The value an input holds: what the person sees in the box when the card comes back. */
export const inputValue = (card: unknown, id: string): unknown => findInput(card, id)?.value;

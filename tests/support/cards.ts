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

/**
 * A card's text by how it is shown. `formatted`: what Teams may read as Markdown (TextBlock text,
 * fact titles and values) and our own labels (action and choice titles, input labels, placeholders
 * and error messages). `plain`: what is shown exactly as given (each RichTextBlock's TextRuns and
 * string inlines, joined as seen, and input values). Action data is not shown, so it is skipped.
 */
export function cardTexts(card: unknown): { formatted: string[]; plain: string[] } {
  const formatted: string[] = [];
  const plain: string[] = [];
  const str = (v: unknown) => (typeof v === "string" ? [v] : []);
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const o = node as Record<string, unknown>;
      const type = typeof o.type === "string" ? o.type : "";
      if (type === "TextBlock") formatted.push(...str(o.text));
      if (type === "RichTextBlock" && Array.isArray(o.inlines))
        plain.push(o.inlines.map((i: unknown) => (typeof i === "string" ? i : str((i as { text?: unknown }).text).join(""))).join(""));
      if (type === "FactSet" && Array.isArray(o.facts)) for (const f of o.facts as Array<Record<string, unknown>>) formatted.push(...str(f.value));
      if (type === "" || type.startsWith("Action")) formatted.push(...str(o.title)); // fact, choice and action titles
      if (type.startsWith("Input.")) {
        formatted.push(...str(o.label), ...str(o.placeholder), ...str(o.errorMessage));
        plain.push(...str(o.value));
      }
      for (const [key, value] of Object.entries(o)) if (key !== "data") walk(value);
    }
  };
  walk(card);
  return { formatted, plain };
}

/**
 * Text a person typed is never where Teams reads Markdown or where our labels go: each marker (the
 * start of one typed value) is absent from `formatted`; each value in `shown` is in plain text, whole.
 */
export function expectTypedTextPlain(card: unknown, markers: readonly string[], shown: readonly string[] = []): void {
  const { formatted, plain } = cardTexts(card);
  for (const marker of markers) expect(formatted.filter((t) => t.includes(marker)), `"${marker}" outside plain text`).toEqual([]);
  for (const value of shown) expect(plain.some((t) => t.includes(value)), `${JSON.stringify(value)} shown as typed`).toBe(true);
}

/** The TextRun a card shows the given text in, if any (for example tests). */
export function textRunWith(card: unknown, value: string): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const o = node as Record<string, unknown>;
      if (o.type === "TextRun" && typeof o.text === "string" && o.text.includes(value)) found ??= o;
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

import { inject } from "vitest";
import { buildRuntime, loadStaticSetup, type Runtime } from "../../app/composition";
import { processBotRequest } from "../../bot/httpBridge";
import { uniquePrefix } from "./storage";

/** A full runtime (real adapter, real Application, real Azurite tables under a fresh prefix). */
export async function testRuntime(env: Record<string, string> = {}, now?: () => Date): Promise<Runtime> {
  const setup = loadStaticSetup({
    STORAGE_CONNECTION_STRING: inject("storageConnectionString"),
    TABLE_PREFIX: uniquePrefix(),
    LOG_LEVEL: "error",
    ...env,
  });
  return buildRuntime(setup, now);
}

export async function deliver(rt: Runtime, activity: unknown, authorization = "") {
  return processBotRequest({ authorization, bodyText: JSON.stringify(activity) }, rt.adapter, rt.bot, rt.log, { localMode: !rt.config.bot.authenticated });
}

type Attachment = { contentType?: string; content?: unknown };

/** Every text a sent activity shows: its text and the TextBlocks and fact values of its cards. */
export function visibleText(body: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof body.text === "string") parts.push(body.text);
  for (const a of (body.attachments as Attachment[] | undefined) ?? []) parts.push(cardText(a.content));
  return parts.join("\n");
}

export function cardText(card: unknown): string {
  const parts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const o = node as Record<string, unknown>;
      if (o.type === "TextBlock" && typeof o.text === "string") parts.push(o.text);
      // Typed text is shown in RichTextBlocks (never read as Markdown): one line per block, as seen.
      if (o.type === "RichTextBlock" && Array.isArray(o.inlines))
        parts.push(o.inlines.map((i: unknown) => (typeof i === "string" ? i : typeof (i as { text?: unknown } | null)?.text === "string" ? (i as { text: string }).text : "")).join(""));
      if (typeof o.title === "string" && (o.type === undefined || (typeof o.type === "string" && o.type.startsWith("Action")))) parts.push(o.title);
      if (typeof o.value === "string" && o.type === undefined) parts.push(o.value);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return parts.join("\n");
}

import { z } from "zod";

/**
 * Ids become Table keys (1 KiB at most, with other parts, and up to three bytes per character
 * once `/ \ # ? %` are encoded) and HTTP headers sent back to Teams (ASCII only). Teams' own ids
 * are printable ASCII and far shorter.
 */
export const MAX_ID_LENGTH = 256;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/** People's, teams' and channels' display names: far longer than Teams allows, still bounded. */
export const MAX_NAME_LENGTH = 1024;
/** Teams refuses messages over about 28 KB, so nothing longer is a real message. */
export const MAX_TEXT_LENGTH = 28_000;
export const MAX_MEMBERS = 1000;
export const MAX_ENTITIES = 256;
const MAX_SHORT = 128;
const MAX_URL_LENGTH = 2048;

// C0, DEL and C1: Table keys refuse them, and the SDK puts conversation ids in HTTP headers.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// TypeScript's ES2023 lib lacks String.prototype.isWellFormed: a high surrogate not followed by a
// low one, or a low one not preceded by a high one, cannot be encoded as UTF-8 or in a URL.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isWellFormed = (s: string): boolean => !LONE_SURROGATE.test(s);

/** Printable, well-formed text of bounded length; messages never quote the value sent. */
function label(max: number, min = 0) {
  return z
    .string()
    .min(min, "must not be empty")
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !CONTROL.test(s), "must not contain control characters")
    .refine(isWellFormed, "must be well-formed Unicode text (no unpaired surrogates)");
}

const id = label(MAX_ID_LENGTH, 1).refine((s) => PRINTABLE_ASCII.test(s), "must be printable ASCII, as Teams' ids are");
const name = label(MAX_NAME_LENGTH);
const short = label(MAX_SHORT);

const account = z.object({ id, name: name.nullish(), aadObjectId: id.nullish() }).passthrough();

// getMentions() lower-cases every entity's type and removeRecipientMention() reads mentioned.id.
const entity = z
  .object({ type: label(MAX_SHORT, 1), mentioned: account.optional(), text: z.string().max(MAX_NAME_LENGTH).optional() })
  .passthrough()
  .refine((e) => e.type.toLowerCase() !== "mention" || e.mentioned !== undefined, { message: "a mention must say who is mentioned", path: ["mentioned"] });

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Replies go to serviceUrl, so only Teams' https endpoints, or this machine in local mode. */
function serviceUrl(localMode: boolean) {
  return label(MAX_URL_LENGTH, 1).superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return void ctx.addIssue({ code: "custom", message: "must be a URL" });
    }
    if (url.username || url.password) return void ctx.addIssue({ code: "custom", message: "must not contain a user name or password" });
    if (url.protocol === "https:") return;
    if (localMode && url.protocol === "http:" && LOOPBACK.has(url.hostname)) return;
    ctx.addIssue({ code: "custom", message: localMode ? "must be an https: URL, or an http: URL on this machine (127.0.0.1, localhost or ::1)" : "must be an https: URL" });
  });
}

const named = z.object({ id: id.nullish(), name: name.nullish() }).passthrough();

function build(localMode: boolean) {
  return z
    .object({
      // Required fields first, so the first reasons in a 400 are the ones that matter most.
      type: label(MAX_SHORT, 1),
      channelId: id,
      serviceUrl: serviceUrl(localMode),
      conversation: z.object({ id, conversationType: short.nullish(), tenantId: id.nullish() }).passthrough(),
      from: account,
      recipient: account,
      id: id.nullish(),
      name: label(MAX_NAME_LENGTH, 1).nullish(),
      locale: short.nullish(),
      timestamp: short.nullish(),
      localTimestamp: short.nullish(),
      replyToId: id.nullish(),
      membersAdded: z.array(account).max(MAX_MEMBERS, `must list at most ${MAX_MEMBERS} members`).nullish(),
      membersRemoved: z.array(account).max(MAX_MEMBERS, `must list at most ${MAX_MEMBERS} members`).nullish(),
      // Not nullish: the SDK reads entities.length whenever entities is not undefined.
      entities: z.array(entity).max(MAX_ENTITIES, `must list at most ${MAX_ENTITIES} entities`).optional(),
      text: z.string().max(MAX_TEXT_LENGTH, `must be at most ${MAX_TEXT_LENGTH} characters`).nullish(),
      value: z.unknown().optional(),
      channelData: z.object({ tenant: z.object({ id: id.nullish() }).passthrough().nullish(), team: named.nullish(), channel: named.nullish() }).passthrough().nullish(),
    })
    .passthrough()
    .superRefine((a, ctx) => {
      // removeRecipientMention() edits the text of a message that mentions the bot.
      const mentionsBot = a.entities?.some((e) => e.type.toLowerCase() === "mention" && e.mentioned?.id === a.recipient.id);
      if (a.type === "message" && mentionsBot && typeof a.text !== "string")
        ctx.addIssue({ code: "custom", path: ["text"], message: "is required in a message that mentions the bot" });
    });
}

const schemas = { local: build(true), azure: build(false) };

export interface ActivityRules {
  /** No bot authentication (playground and tests): http: to this machine is allowed too. */
  localMode: boolean;
}

/**
 * The shape every incoming Bot Framework activity must have before the adapter sees it: every
 * field our code or the SDK reads, by type and size. Anything else passes through for the SDK.
 */
export function incomingActivity(rules: ActivityRules) {
  return rules.localMode ? schemas.local : schemas.azure;
}
export type IncomingActivity = z.infer<ReturnType<typeof build>>;

/** The reasons for a 400, naming fields but never quoting what was sent. */
export function describeIssues(error: z.ZodError, max = 8): string {
  const reasons = error.issues.slice(0, max).map((i) => `${i.path.join(".") || "body"}: ${i.message}`);
  const more = error.issues.length - reasons.length;
  return reasons.join("; ") + (more > 0 ? `; and ${more} more` : "");
}

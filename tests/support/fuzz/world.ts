import { VERBS, type Verb } from "../../../cards/verbs";
import type { Person } from "../../../domain/areaPack";
import { DEMO_TENANT, demoPerson, executeActivity, type ActivityOptions } from "../activities";

/*
 * Who acts and where, for both fuzz properties: the demo people, someone the area does not know,
 * and a known id from another tenant, in a personal chat, a channel or a group chat.
 */

export const BOT_ID = "28:send-early-help-bot";
export const TRIAGE = "19:early-help-triage@thread.tacv2";
export const WORKSTREAM_CHANNEL = "19:right-support@thread.tacv2";
export const GROUP_CHAT = "19:group-chat@thread.v2";
export const UNKNOWN_TENANT = "00000000-0000-4000-8000-00000000dead";
export const ALL_VERBS = Object.values(VERBS) as Verb[];
/** Both "something went wrong" cards (the bridge's and onCardAction's) say this. */
export const CRASH_WORDS = /something went wrong on our side/i;

export type InvokeBody = { statusCode?: unknown; type?: unknown; value?: { type?: unknown } };

export interface Presser {
  label: string;
  aadObjectId: string;
  name: string;
  tenantId: string;
  /** Their registration as the bot will find it (none for the unknown person or tenant). */
  person: Person | undefined;
}

const registered = (name: string): Presser => {
  const p = demoPerson(name);
  return { label: name, aadObjectId: p.aadObjectId, name: p.name, tenantId: DEMO_TENANT, person: p };
};
export const sam = registered("Sam Senco");
export const sunita = registered("Sunita Shah");
export const ada = registered("Ada Advisor");
export const tara = registered("Tara Triage");
export const leo = registered("Leo Lead");
export const pat = registered("Pat Programme");
export const PRESSERS: Presser[] = [
  sam,
  sunita,
  ada,
  tara,
  leo,
  pat,
  { label: "an unknown person", aadObjectId: "5e5d0000-0000-4000-8000-0000000009ff", name: "Una Known", tenantId: DEMO_TENANT, person: undefined },
  { label: "Sam's id from an unknown tenant", aadObjectId: sam.aadObjectId, name: "Sam Senco", tenantId: UNKNOWN_TENANT, person: undefined },
];

export type Where = "personal" | "triage channel" | "workstream channel" | "group chat";
export const WHERE: Where[] = ["personal", "triage channel", "workstream channel", "group chat"];

export function options(serviceUrl: string, who: Presser, where: Where): ActivityOptions {
  const from = { aadObjectId: who.aadObjectId, name: who.name };
  if (where === "personal") return { serviceUrl, from, tenantId: who.tenantId };
  if (where === "group chat") return { serviceUrl, from, tenantId: who.tenantId, conversationType: "groupChat", conversationId: GROUP_CHAT };
  return { serviceUrl, from, tenantId: who.tenantId, conversationType: "channel", conversationId: where === "triage channel" ? TRIAGE : WORKSTREAM_CHANNEL };
}

/** An Action.Execute press carrying `data` exactly (not merged into an object), as JSON will carry it. */
export function pressActivity(o: ActivityOptions, verb: string, data: unknown) {
  const a = executeActivity(o, verb);
  return { ...a, value: { ...a.value, action: { ...a.value.action, data } } };
}

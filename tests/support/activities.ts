import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { AreaPack } from "../../domain/areaPack";

/** The shipped demo pack, so tests act as the same people a user clicks through in the playground. */
export const demoPack = AreaPack.parse(JSON.parse(readFileSync("areas/wiltshire/area.json", "utf8")));
export const DEMO_TENANT = demoPack.tenantIds[0] ?? "";

export function demoPerson(name: string) {
  const p = demoPack.people.find((x) => x.name === name);
  if (!p) throw new Error(`No demo person ${name}`);
  return p;
}

const BOT = { id: "28:send-early-help-bot", name: "SEND Early Help" };

export interface ActivityOptions {
  serviceUrl: string;
  from: { aadObjectId: string; name: string };
  tenantId?: string;
  conversationType?: "personal" | "channel" | "groupChat";
  conversationId?: string;
}

function base(o: ActivityOptions) {
  const tenantId = o.tenantId ?? DEMO_TENANT;
  const conversationType = o.conversationType ?? "personal";
  return {
    id: randomUUID(),
    channelId: "msteams",
    serviceUrl: o.serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: `29:${o.from.aadObjectId}`, name: o.from.name, aadObjectId: o.from.aadObjectId },
    recipient: BOT,
    conversation: { id: o.conversationId ?? `a:${o.from.aadObjectId}`, conversationType, tenantId },
    channelData: { tenant: { id: tenantId }, ...(conversationType === "channel" ? { team: { id: "team-1" }, channel: { id: o.conversationId } } : {}) },
  };
}

export function messageActivity(o: ActivityOptions, text: string) {
  return { ...base(o), type: "message", text };
}

export function installActivity(o: ActivityOptions) {
  return { ...base(o), type: "conversationUpdate", membersAdded: [{ id: BOT.id }] };
}

export function executeActivity(o: ActivityOptions, verb: string, data: Record<string, unknown> = {}) {
  return {
    ...base(o),
    type: "invoke",
    name: "adaptiveCard/action",
    replyToId: "card-message-1", // the message holding the card, as Teams sends it
    value: { action: { type: "Action.Execute", verb, data: { verb, ...data } }, trigger: "manual" },
  };
}

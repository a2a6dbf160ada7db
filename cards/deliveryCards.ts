import { adaptiveCard, execute, heading, text, type AdaptiveCardJson, type CardElement } from "./card";
import { VERBS } from "./verbs";

export interface DeliveriesView {
  /** People who have not opened a chat with the bot yet, and how many messages wait for each. */
  waitingForPeople: Array<{ name: string; count: number }>;
  waitingForChannels: number;
  waitingForTriageChannel: number;
  /** Being retried after Teams refused them (an outage, throttling). */
  retrying: number;
  /** Gave up after every retry: what they were, for the council to try again. */
  failed: Array<{ what: string; count: number }>;
}

/**
 * Messages and posts that have not reached Teams yet, so nothing vanishes silently: who they wait
 * for, what is being retried, and what failed after every retry (with a button to try again).
 */
export function deliveriesCard(v: DeliveriesView, notice?: string): AdaptiveCardJson {
  const body: CardElement[] = [heading("Messages and posts not yet delivered")];
  if (notice) body.push(text(notice, { weight: "Bolder" }));
  const nothing = !v.waitingForPeople.length && !v.waitingForChannels && !v.waitingForTriageChannel && !v.retrying && !v.failed.length;
  if (nothing) body.push(text("Everything has been delivered."));
  if (v.waitingForPeople.length) {
    body.push(text("Waiting for people to open a chat with the bot in Teams (they will get these when they do):", { weight: "Bolder", spacing: "Medium" }));
    for (const p of v.waitingForPeople) body.push(text(`- ${p.name}: ${p.count} message${p.count === 1 ? "" : "s"}`));
  }
  if (v.waitingForTriageChannel) body.push(text(`Waiting for a triage channel to be chosen: ${v.waitingForTriageChannel}. A triage manager types "use this channel for triage" in it.`, { spacing: "Medium" }));
  if (v.waitingForChannels) body.push(text(`Waiting for a channel the bot cannot reach yet: ${v.waitingForChannels}. Add the bot to that team.`, { spacing: "Medium" }));
  if (v.retrying) body.push(text(`Being retried after Teams refused them: ${v.retrying}.`, { spacing: "Medium" }));
  if (v.failed.length) {
    body.push(text("Not delivered after every retry:", { weight: "Bolder", spacing: "Medium", color: "Attention" }));
    for (const f of v.failed) body.push(text(`- ${f.what}: ${f.count}`));
  }
  const actions = [execute("Check again", VERBS.deliveriesShow), ...(v.failed.length ? [execute("Try the failed ones again", VERBS.deliveriesRetry)] : [])];
  return adaptiveCard(body, actions, { fallbackText: "Messages and posts not yet delivered" });
}

import type { TurnContext } from "botbuilder";
import type { Application, TurnState } from "@microsoft/teams-ai";
import type { EffectKind } from "../../domain/effects";
import { noticeCard, type AdaptiveCardJson } from "../../cards/card";
import { deliveriesCard, type DeliveriesView } from "../../cards/deliveryCards";
import { VERBS } from "../../cards/verbs";
import { encodeKey } from "../../storage/keys";
import { onCardAction } from "../cardActions";
import { resolveCaller, type Caller } from "../caller";
import type { BotDeps } from "../deps";
import { outboxPartitions } from "../outbox/outboxWorker";
import { sendCard } from "./shared";

const WHAT: Record<EffectKind, string> = {
  audit: "Audit records",
  "triage-post": "New requests for the triage channel",
  "triage-refresh": "Updates to triage cards",
  "senco-update": "Updates to SENCOs",
  "advisor-handover": "Requests passed to an advisor",
  "sla-alert": "Response-time reminders",
  "action-card-post": "Workstream action cards",
  "action-card-refresh": "Updates to workstream action cards",
  "lead-reminder": "Reminders to workstream leads",
  "weekly-digest": "Weekly digests",
  "board-rollup": "Board highlight reports",
};

/** Who may see and retry what has not been delivered: the people who run the service. */
const mayManage = (who: Caller) => !!who.person?.roles.some((r) => r.role === "triage-manager" || r.role === "programme-office");

/** "deliveries": what the outbox still holds for the caller's area, and trying failed ones again. */
export function registerDeliveries(app: Application<TurnState>, deps: BotDeps): void {
  const caller = (context: TurnContext) => resolveCaller(context, deps.packs, deps.directory);

  app.message(/^\s*(deliveries|undelivered|delivery status)\s*$/i, async (context) => {
    await sendCard(context, await view(deps, await caller(context)));
  });
  onCardAction(app, deps, VERBS.deliveriesShow, async ({ context }) => view(deps, await caller(context)));
  onCardAction(app, deps, VERBS.deliveriesRetry, async ({ context }) => {
    const who = await caller(context);
    if (!who.area || !mayManage(who)) return noticeCard("Only triage managers and the programme office can see undelivered messages.");
    let revived = 0;
    for (const p of areaPartitions(deps, who.area.id)) {
      const rows = deps.outbox.rows(p.table);
      for (const e of (await rows.undelivered(p.partitionKey)).filter((r) => r.state === "dead")) {
        if (await rows.revive(p.partitionKey, e.effectId)) {
          await deps.outbox.queue.send({ ...p, effectId: e.effectId }, 0);
          revived++;
        }
      }
    }
    await deps.audit.append(who.area.id, deps.now(), { actor: who.aadObjectId ?? "", action: "deliveries-retried", subject: "", detail: String(revived) });
    return view(deps, who, `Trying ${revived} again now.`);
  });
}

function areaPartitions(deps: BotDeps, areaId: string) {
  return outboxPartitions(deps).filter((p) => p.partitionKey === encodeKey(areaId) || p.partitionKey.startsWith(`${encodeKey(areaId)}|`));
}

async function view(deps: BotDeps, who: Caller, notice?: string): Promise<AdaptiveCardJson> {
  if (!who.area || !mayManage(who)) return noticeCard("Only triage managers and the programme office can see undelivered messages.");
  const area = who.area;
  const rows = (await Promise.all(areaPartitions(deps, area.id).map((p) => deps.outbox.rows(p.table).undelivered(p.partitionKey)))).flat();
  const people = new Map<string, number>();
  const failed = new Map<string, number>();
  const v: DeliveriesView = { waitingForPeople: [], waitingForChannels: 0, waitingForTriageChannel: 0, retrying: 0, failed: [] };
  for (const r of rows) {
    if (r.state === "dead") failed.set(WHAT[r.effectKind as EffectKind] ?? r.effectKind, (failed.get(WHAT[r.effectKind as EffectKind] ?? r.effectKind) ?? 0) + 1);
    else if (r.state === "pending" && r.attempts > 0) v.retrying++;
    else if (r.state === "waiting" && r.waitingFor?.startsWith("user:")) people.set(r.waitingFor.slice(5), (people.get(r.waitingFor.slice(5)) ?? 0) + 1);
    else if (r.state === "waiting" && r.waitingFor === "setting:triage-channel") v.waitingForTriageChannel++;
    else if (r.state === "waiting") v.waitingForChannels++;
  }
  v.waitingForPeople = await Promise.all([...people].map(async ([aad, count]) => ({ name: (await deps.directory.findPerson(area.id, aad))?.name ?? "Someone no longer in the directory", count })));
  v.failed = [...failed].map(([what, count]) => ({ what, count }));
  return deliveriesCard(v, notice);
}

import type { TurnContext } from "botbuilder";
import type { Application, TurnState } from "@microsoft/teams-ai";
import { z } from "zod";
import {
  CloseOutcome,
  PupilDataRefusal,
  REFERENCE_PATTERN,
  ReferralDestination,
  RequestConflict,
  RequestRefusal,
} from "../../domain/adviceRequest";
import { isCouncilStaff, type Actor } from "../../domain/adviceRequests";
import { askSchool, claimRequest, closeRequest, referOn, reassignRequest, reopenRequest, sendAdvice } from "../../usecases/triageSteps";
import type { StepResult } from "../../usecases/requestChange";
import { roleOf } from "../../domain/directory";
import { reportOnRequests, summariseQueue } from "../../domain/triageReports";
import { noticeCard, type AdaptiveCardJson } from "../../cards/card";
import { queueCard, REPORT_PERIODS, reportCard, type TriageDraft } from "../../cards/triageCards";
import { VERBS } from "../../cards/verbs";
import { SETTING_TRIAGE_CHANNEL } from "../../storage/settingsRepository";
import { resolveCaller, type Caller } from "../caller";
import type { BotDeps } from "../deps";
import { onCardAction, type CardPress } from "../cardActions";
import { releaseWaiting } from "../outbox/outboxWorker";
import { WAITING_FOR_TRIAGE_CHANNEL } from "../outbox/deliverEffect";
import { buildTriageCard } from "../triagePosting";
import { sendCard } from "./shared";

const Ref = z.object({ reference: z.string().max(40).regex(REFERENCE_PATTERN) });
const WithText = Ref.extend({ text: z.string().trim().max(4000).default("") });
const Refer = WithText.extend({ destination: ReferralDestination });
const Close = WithText.extend({ outcome: CloseOutcome });
const Reassign = Ref.extend({ advisor: z.string().min(1).max(200) });
const ReportData = z.object({ days: z.enum(Object.keys(REPORT_PERIODS) as [keyof typeof REPORT_PERIODS]).default("30") });

type TriageOp = (actor: Actor, data: Record<string, unknown>, key: string) => Promise<StepResult>;

/** Triage: the shared cards in the triage channel, the queue view and the report. */
export function registerTriage(app: Application<TurnState>, deps: BotDeps): void {
  const caller = (context: TurnContext) => resolveCaller(context, deps.packs, deps.directory);
  const r = deps.requests;

  // Each op parses its card data once; a ZodError becomes a "Please check" notice on the card.
  const ops: Array<[string, TriageOp]> = [
    [VERBS.triageClaim, (a, d, k) => claimRequest(r, a, Ref.parse(d).reference, k)],
    [VERBS.triageReassign, (a, d, k) => withParsed(Reassign, d, (x) => reassignRequest(r, a, x.reference, x.advisor, k))],
    [VERBS.triageAskSchool, (a, d, k) => withParsed(WithText, d, (x) => askSchool(r, a, x.reference, x.text, k))],
    [VERBS.triageAdvise, (a, d, k) => withParsed(WithText, d, (x) => sendAdvice(r, a, x.reference, x.text, k))],
    [VERBS.triageRefer, (a, d, k) => withParsed(Refer, d, (x) => referOn(r, a, x.reference, x.destination, x.text, k))],
    [VERBS.triageClose, (a, d, k) => withParsed(Close, d, (x) => closeRequest(r, a, x.reference, x.outcome, x.text, k))],
    [VERBS.triageReopen, (a, d, k) => reopenRequest(r, a, Ref.parse(d).reference, k)],
  ];
  for (const [verb, op] of ops) onCardAction(app, deps, verb, async (press) => runTriageAction(press, deps, await caller(press.context), verb, op));

  onCardAction(app, deps, VERBS.triageRefresh, async ({ context, data }) => {
    const who = await caller(context);
    const parsed = Ref.safeParse(data);
    if (!parsed.success || !who.area || !who.person || !isCouncilStaff(who.person)) return noticeCard("Only the council's inclusion team can see triage cards.");
    const stored = await deps.requests.store.get(who.area.id, parsed.data.reference);
    if (!stored) return noticeCard(`I can't find ${parsed.data.reference}.`);
    await deps.audit.append(who.area.id, deps.now(), { actor: who.person.aadObjectId, action: "request-viewed", subject: stored.request.reference, detail: "triage card" });
    return buildTriageCard(deps, who.area, stored.request);
  });

  app.message(/^\s*(use this channel for triage|set triage channel)\s*$/i, async (context) => {
    const who = await caller(context);
    if (context.activity.conversation.conversationType !== "channel") return void (await context.sendActivity("Type this in the team channel you want new requests posted to."));
    if (!who.area || !who.person || !roleOf(who.person.roles, "triage-manager")) return void (await context.sendActivity("Only a triage manager can choose the triage channel."));
    const channelId = context.activity.conversation.id.split(";")[0] ?? context.activity.conversation.id;
    await deps.settings.set(who.area.id, SETTING_TRIAGE_CHANNEL, channelId, who.person.aadObjectId, deps.now());
    // Requests sent while no triage channel was chosen wait for one: they are posted now.
    const waiting = await releaseWaiting(deps, who.area.id, WAITING_FOR_TRIAGE_CHANNEL);
    await context.sendActivity(`Done: new advice requests will be posted in this channel.${waiting ? ` ${waiting} waiting ${waiting === 1 ? "item" : "items"} will be posted here shortly.` : ""}`);
  });

  // Open any request's triage card where you are (e.g. after a restart, or from the queue).
  app.message(/^\s*(show|open)\s+EH-\d{4}-\d{4,8}\s*$/i, async (context) => {
    const who = await caller(context);
    const reference = /EH-\d{4}-\d{4,8}/i.exec(context.activity.text ?? "")?.[0]?.toUpperCase() ?? "";
    if (!who.area || !who.person || !isCouncilStaff(who.person)) return void (await context.sendActivity("Only the council's inclusion team can open triage cards. Type **my requests** to see yours."));
    const stored = await deps.requests.store.get(who.area.id, reference);
    if (!stored) return void (await context.sendActivity(`I can't find ${reference}.`));
    await deps.audit.append(who.area.id, deps.now(), { actor: who.person.aadObjectId, action: "request-viewed", subject: reference, detail: "triage card" });
    await sendCard(context, await buildTriageCard(deps, who.area, stored.request));
  });

  app.message(/^\s*(queue|triage queue)\s*$/i, async (context) => {
    await sendCard(context, await queueFor(deps, await caller(context)));
  });
  onCardAction(app, deps, VERBS.triageQueue, async ({ context, data }) => {
    const page = z.object({ page: z.coerce.number().int().min(0).max(1000) }).safeParse(data);
    return queueFor(deps, await caller(context), page.success ? page.data.page : 0);
  });

  app.message(/^\s*report\s*$/i, async (context) => {
    await sendCard(context, await reportFor(deps, await caller(context), "30"));
  });
  onCardAction(app, deps, VERBS.triageReport, async ({ context, data }) => {
    const parsed = ReportData.safeParse(data);
    return reportFor(deps, await caller(context), parsed.success ? parsed.data.days : "30");
  });
}

function withParsed<S extends z.ZodTypeAny, R>(schema: S, data: unknown, act: (value: z.infer<S>) => R): R {
  return act(schema.parse(data) as z.infer<S>);
}

async function runTriageAction(press: CardPress, deps: BotDeps, who: Caller, verb: string, op: TriageOp): Promise<AdaptiveCardJson> {
  const { data } = press;
  const reference = Ref.safeParse(data);
  if (!who.area || !who.person || !isCouncilStaff(who.person)) {
    deps.log.warn("Refused a triage action from someone who is not council staff", { actor: who.aadObjectId });
    return noticeCard("Only the council's inclusion advisors and triage managers can act on requests.");
  }
  if (!reference.success) return noticeCard("That card is out of date. Type 'queue' to see the current requests.");
  const actor: Actor = { person: who.person, area: who.area };
  try {
    // The change, its history line, audit, the SENCO's message and the channel card's redraw are
    // one transaction; the outbox delivers the rest. The presser sees the result at once.
    const { request } = await op(actor, (data ?? {}) as Record<string, unknown>, press.key);
    press.saved(request.reference);
    return buildTriageCard(deps, who.area, request);
  } catch (err) {
    const notice = noticeFor(err);
    if (!notice) throw err;
    const stored = await deps.requests.store.get(who.area.id, reference.data.reference);
    if (!stored) return noticeCard(notice);
    // Text refused (a pupil identifier, or a form to check) comes back in its form, unsaved, to the
    // advisor who typed it only: never onto the channel's shared card.
    if (err instanceof PupilDataRefusal || err instanceof z.ZodError) {
      press.keepTyped();
      return buildTriageCard(deps, who.area, stored.request, notice, typedDraft(verb, data));
    }
    return buildTriageCard(deps, who.area, stored.request, `Not saved: ${notice}`);
  }
}

function typedDraft(verb: string, data: unknown): TriageDraft {
  const d = (data ?? {}) as Record<string, unknown>;
  const str = (k: string) => (typeof d[k] === "string" ? d[k] : undefined);
  return { verb, text: str("text") ?? "", ...(str("destination") ? { destination: str("destination") } : {}), ...(str("outcome") ? { outcome: str("outcome") } : {}) };
}

function noticeFor(err: unknown): string | undefined {
  if (err instanceof z.ZodError) return `Please check: ${err.issues.map((i) => String(i.path[0] ?? "the form")).join(", ")}.`;
  if (err instanceof PupilDataRefusal || err instanceof RequestRefusal || err instanceof RequestConflict) return err.message;
  return undefined;
}

async function queueFor(deps: BotDeps, who: Caller, page = 0): Promise<AdaptiveCardJson> {
  if (!who.area || !who.person || !isCouncilStaff(who.person)) return noticeCard("The triage queue is for the council's inclusion team.");
  const open = await deps.requests.store.listOpen(who.area.id);
  return queueCard(summariseQueue(who.area, open, deps.now()), deps.now(), page);
}

async function reportFor(deps: BotDeps, who: Caller, days: keyof typeof REPORT_PERIODS): Promise<AdaptiveCardJson> {
  if (!who.area || !who.person || !isCouncilStaff(who.person)) return noticeCard("Reports are for the council's inclusion team.");
  const to = deps.now();
  const from = new Date(to.getTime() - Number(days) * 24 * 60 * 60 * 1000);
  const all = await deps.requests.store.listCreatedBetween(who.area.id, from, to);
  const report = reportOnRequests(who.area, all, from, to, deps.requests.calendarFor(who.area));
  return reportCard({ periodLabel: REPORT_PERIODS[days], ...report });
}

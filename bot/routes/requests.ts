import type { TurnContext } from "botbuilder";
import type { Application, TurnState } from "@microsoft/teams-ai";
import { z } from "zod";
import {
  AdviceRequestDraft,
  PossibleSafeguarding,
  PupilDataRefusal,
  REFERENCE_PATTERN,
  RequestConflict,
  RequestRefusal,
  SafeguardingRedirect,
} from "../../domain/adviceRequest";
import { viewRequest, type Actor } from "../../domain/adviceRequests";
import type { StepResult } from "../../usecases/requestChange";
import { addInformation, withdrawRequest } from "../../usecases/schoolSteps";
import { submitAdviceRequest } from "../../usecases/submitRequest";
import { claimRequest } from "../../usecases/triageSteps";
import { roleOf } from "../../domain/directory";
import type { AdaptiveCardJson } from "../../cards/card";
import { myRequestsCard, requestDetailCard, requestSentCard, requestUpdateCard, type AddInformationForm } from "../../cards/requestCards";
import { VERBS } from "../../cards/verbs";
import { resolveCaller, type Caller } from "../caller";
import { CardId, parseCardData, splitList } from "../cardData";
import type { BotDeps } from "../deps";
import { onCardAction, type CardPress } from "../cardActions";
import { formPrefill, requestForm, safeguardingRedirect } from "./adviceLine";
import { sendCard } from "./shared";

const SubmitData = AdviceRequestDraft.extend({
  draftId: CardId,
  riskOfHarm: z.enum(["no", "yes"], { message: "answer whether the child may be at risk of harm" }),
  otherNeeds: z.preprocess(splitList, z.array(AdviceRequestDraft.shape.otherNeeds.removeDefault().element).max(3)).default([]),
});
const ReferenceData = z.object({ reference: z.string().max(40).regex(REFERENCE_PATTERN) });
const AddInfoData = ReferenceData.extend({ information: z.string().trim().min(1, "type the information to add").max(2000) });
/** What was typed in the add-information box, read leniently so it can always be given back. */
const AddInfoTyped = z.object({
  information: z.string().catch(""),
  riskOfHarm: z.enum(["yes", "no"]).optional().catch(undefined),
  from: z.literal("answer").optional().catch(undefined),
});

/** Requests per page of "my requests"; older ones are a button away (a continuation token). */
const MY_REQUESTS_PAGE = 10;
const PageData = z.object({ schoolId: z.string().max(200), page: z.string().min(1).max(4000) });

/** Advice requests from the SENCO's side: send, list, view, add information, withdraw. */
export function registerRequests(app: Application<TurnState>, deps: BotDeps): void {
  const caller = (context: TurnContext) => resolveCaller(context, deps.packs, deps.directory);

  app.message(/^\s*(my requests|requests|status)\s*$/i, async (context) => {
    await sendCard(context, await myRequests(deps, await caller(context)));
  });

  onCardAction(app, deps, VERBS.requestList, async ({ context, data }) => {
    const from = PageData.safeParse(data);
    return myRequests(deps, await caller(context), from.success ? from.data : undefined);
  });

  onCardAction(app, deps, VERBS.requestSubmit, async (press) => {
    const { context, data } = press;
    const who = await caller(context);
    const actor = actorOf(who);
    const prefill = formPrefill(data);
    const draftId = typeof (data as { draftId?: unknown }).draftId === "string" ? (data as { draftId: string }).draftId : undefined;
    if (!actor) return requestForm(who, prefill, "Only a registered SENCO can ask an inclusion advisor. Ask your council's SEND team to register you.");
    const parsed = parseCardData(SubmitData, data);
    if (!parsed.ok) return requestForm(who, prefill, parsed.message, draftId);
    if (parsed.value.riskOfHarm === "yes") return safeguardingRedirect(deps, who, "request form: risk of harm");
    try {
      // The form asks the risk-of-harm question every time, so a possible signal is already answered "No".
      const { draftId: key, riskOfHarm, ...draft } = parsed.value;
      // Saved with its triage post and audit line in one transaction; the outbox posts it.
      const { request } = await submitAdviceRequest(deps.requests, actor, draft, key, { riskOfHarmAnswered: riskOfHarm });
      press.saved(request.reference);
      return requestSentCard(request, schoolName(who, request.schoolId));
    } catch (err) {
      if (err instanceof SafeguardingRedirect) return safeguardingRedirect(deps, who, "request form");
      if (err instanceof PupilDataRefusal || err instanceof RequestRefusal || err instanceof PossibleSafeguarding) return requestForm(who, prefill, err.message, draftId);
      throw err;
    }
  });

  onCardAction(app, deps, VERBS.requestView, async ({ context, data }) => {
    const who = await caller(context);
    const parsed = parseCardData(ReferenceData, data);
    if (!parsed.ok) return myRequests(deps, who);
    return detail(deps, who, parsed.value.reference);
  });

  onCardAction(app, deps, VERBS.requestAddInfo, async (press) => {
    const { context, data } = press;
    const who = await caller(context);
    const reference = ReferenceData.safeParse(data);
    if (!reference.success) return myRequests(deps, who);
    const typed = AddInfoTyped.parse(data ?? {});
    const form: AddInformationForm = { information: typed.information, ...(typed.riskOfHarm === "no" ? { riskOfHarm: "no" } : {}), ...(typed.from ? { from: typed.from } : {}) };
    // "Yes" to the risk-of-harm question: the safeguarding route, and nothing saved.
    if (typed.riskOfHarm === "yes") return safeguardingRedirect(deps, who, "added information: risk of harm");
    const parsed = parseCardData(AddInfoData, data);
    if (!parsed.ok) return detail(deps, who, reference.data.reference, parsed.message, form);
    const answered = typed.riskOfHarm === "no" ? ({ riskOfHarmAnswered: "no" } as const) : {};
    return change(deps, press, who, reference.data.reference, (actor) => addInformation(deps.requests, actor, parsed.value.reference, parsed.value.information, answered, press.key), "Added. The advisor will see it.", form);
  });

  onCardAction(app, deps, VERBS.requestWithdraw, async (press) => {
    const who = await caller(press.context);
    const parsed = parseCardData(ReferenceData, press.data);
    if (!parsed.ok) return myRequests(deps, who);
    return change(deps, press, who, parsed.value.reference, (actor) => withdrawRequest(deps.requests, actor, parsed.value.reference, press.key), "Withdrawn. Thank you for letting us know.");
  });

  // Until the triage channel's cards land, an advisor can claim from any chat with "claim EH-2026-0001".
  app.message(/^\s*claim\s+(EH-\d{4}-\d{4,8})\s*$/i, async (context) => {
    const who = await caller(context);
    const reference = /EH-\d{4}-\d{4,8}/i.exec(context.activity.text ?? "")?.[0]?.toUpperCase() ?? "";
    const actor = actorOf(who);
    if (!actor) return void (await context.sendActivity("You're not registered with a local area, so you can't claim requests."));
    try {
      // The message's activity id makes a redelivered "claim" one claim.
      const { request } = await claimRequest(deps.requests, actor, reference, context.activity.id ? `message|${context.activity.id}` : undefined);
      await context.sendActivity(`You have claimed ${request.reference}. The school will be told.`);
    } catch (err) {
      if (err instanceof RequestRefusal || err instanceof RequestConflict) return void (await context.sendActivity(err.message));
      throw err;
    }
  });
}

/** A page of the SENCO's requests, newest first; `from` is an older page of one setting. */
async function myRequests(deps: BotDeps, who: Caller, from?: { schoolId: string; page: string }): Promise<AdaptiveCardJson> {
  const senco = who.person ? roleOf(who.person.roles, "senco") : undefined;
  if (!who.area || !senco) return myRequestsCard([], (id) => id);
  const areaId = who.area.id;
  const paging = !!from && senco.schoolIds.includes(from.schoolId);
  const schools = paging && from ? [from.schoolId] : senco.schoolIds;
  const pages = await Promise.all(schools.map((s) => deps.requests.store.pageForSchool(areaId, s, MY_REQUESTS_PAGE, paging ? from?.page : undefined)));
  const all = pages.flatMap((p) => p.requests).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const older = schools.flatMap((s, i) => {
    const next = pages[i]?.next;
    return next ? [{ schoolId: s, page: next, label: senco.schoolIds.length > 1 ? `Older from ${schoolName(who, s)}` : "Show older requests" }] : [];
  });
  return myRequestsCard(all, (id) => schoolName(who, id), older, paging);
}

/**
 * The request as the SENCO sees it. With `form`, what they typed comes back in the box they used
 * (the reply on the advisor's question, or the request's add-information box) for them to edit.
 */
async function detail(deps: BotDeps, who: Caller, reference: string, notice?: string, form?: AddInformationForm): Promise<AdaptiveCardJson> {
  const actor = actorOf(who);
  if (!actor) return myRequestsCard([], (id) => id);
  try {
    const { request, events } = await viewRequest(deps.requests, actor, reference);
    await audit(deps, who, "request-viewed", reference);
    const asked = events.findLast((e) => e.kind === "asked-school");
    if (form?.from === "answer" && request.status === "awaiting-school" && asked) return requestUpdateCard(request, asked, { ...form, ...(notice ? { notice } : {}) });
    const canChange = !!roleOf(actor.person.roles, "senco")?.schoolIds.includes(request.schoolId);
    return requestDetailCard({ request, events, schoolName: schoolName(who, request.schoolId), canChange, ...(notice ? { notice } : {}), ...(form ? { form } : {}) });
  } catch (err) {
    if (err instanceof RequestRefusal) return myRequestsCardWithNotice(deps, who, err.message);
    throw err;
  }
}

/** Makes a SENCO's change; a refusal brings back what they typed (`form`), unsaved, to edit. */
async function change(deps: BotDeps, press: CardPress, who: Caller, reference: string, act: (actor: Actor) => Promise<StepResult>, done: string, form?: AddInformationForm): Promise<AdaptiveCardJson> {
  const actor = actorOf(who);
  if (!actor) return myRequestsCard([], (id) => id);
  try {
    await act(actor);
    press.saved(reference);
    return detail(deps, who, reference, done);
  } catch (err) {
    if (err instanceof PossibleSafeguarding) return detail(deps, who, reference, err.prompt || err.message, form && { ...form, riskOfHarm: "ask" });
    if (err instanceof PupilDataRefusal || err instanceof RequestRefusal || err instanceof RequestConflict) return detail(deps, who, reference, err.message, form);
    if (err instanceof SafeguardingRedirect) return safeguardingRedirect(deps, who, "added information");
    throw err;
  }
}

async function myRequestsCardWithNotice(deps: BotDeps, who: Caller, notice: string): Promise<AdaptiveCardJson> {
  const card = await myRequests(deps, who);
  card.body.splice(1, 0, { type: "TextBlock", text: notice, wrap: true, color: "Attention" });
  return card;
}

function actorOf(who: Caller): Actor | undefined {
  return who.person && who.area ? { person: who.person, area: who.area } : undefined;
}

function schoolName(who: Caller, id: string): string {
  return who.area?.schools.find((s) => s.id === id)?.name ?? id;
}

async function audit(deps: BotDeps, who: Pick<Caller, "area" | "aadObjectId">, action: string, reference: string): Promise<void> {
  if (!who.area) return;
  await deps.audit.append(who.area.id, deps.now(), { actor: who.aadObjectId ?? "", action, subject: reference, detail: "" });
}

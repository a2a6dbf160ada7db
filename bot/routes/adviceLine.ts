import { randomUUID } from "node:crypto";
import type { TurnContext } from "botbuilder";
import type { Application, TurnState } from "@microsoft/teams-ai";
import { z } from "zod";
import { NeedArea } from "../../domain/areaPack";
import { adviseOnForm, adviseOnFreeText, triedForIn, type AdviceAnswer } from "../../domain/adviceLine";
import { TriedFor, Urgency, YearGroup } from "../../domain/adviceRequest";
import { roleOf } from "../../domain/directory";
import { screenSchoolTextWithSecondOpinion, type SchoolTextOptions } from "../../domain/textScreening";
import {
  adviceAnswerCard,
  askPromptCard,
  feedbackThanksCard,
  possibleSafeguardingCard,
  pupilDataRefusalCard,
  requestFormCard,
  safeguardingCard,
  type AdviceItem,
  type QuestionContext,
} from "../../cards/adviceCards";
import type { AdaptiveCardJson } from "../../cards/card";
import { VERBS } from "../../cards/verbs";
import { resolveCaller, type Caller } from "../caller";
import { CardId, parseCardData, splitList } from "../cardData";
import type { BotDeps } from "../deps";
import { onCardAction } from "../cardActions";
import { sendCard } from "./shared";

const QuestionContextData = z.object({
  question: z.string().max(4000),
  yearGroup: z.string().optional(),
  primaryNeed: NeedArea.optional(),
  otherNeeds: z.array(NeedArea).optional(),
  tried: z.string().max(4000).optional(),
  triedFor: z.string().optional(),
  urgency: Urgency.optional(),
});

const AskFormData = z.object({
  draftId: CardId,
  schoolId: z.string().optional(),
  yearGroup: YearGroup,
  primaryNeed: NeedArea,
  otherNeeds: z.preprocess(splitList, z.array(NeedArea).max(3)).default([]),
  tried: z.string().trim().max(2000).default(""),
  triedFor: TriedFor,
  question: z.string().trim().min(10, "say a little more about what you would like help with").max(2000),
  urgency: Urgency.default("routine"),
  riskOfHarm: z.enum(["no", "yes"], { message: "answer whether the child may be at risk of harm" }),
});

const FeedbackData = z.object({ feedbackId: CardId, helpful: z.boolean(), articleIds: z.array(z.string().max(100)).max(10), context: QuestionContextData });
const DraftData = z.object({ context: QuestionContextData });
const RiskAnswerData = z.object({ answer: z.enum(["yes", "no"]), context: QuestionContextData });

/** The advice line: free-text questions, the "Ask the advice line" form, feedback, and the hand-over to a person. */
export function registerAdviceLine(app: Application<TurnState>, deps: BotDeps): void {
  const caller = (context: TurnContext) => resolveCaller(context, deps.packs, deps.directory);

  app.message(/^\s*(ask|ask the advice line|new question)\s*$/i, async (context) => {
    const who = await caller(context);
    await sendCard(context, who.person ? askForm(who, {}) : askPromptCard());
  });

  onCardAction(app, deps, VERBS.askForm, async ({ context }) => askForm(await caller(context), {}));

  onCardAction(app, deps, VERBS.askSubmit, async ({ context, data }) => {
    const who = await caller(context);
    const parsed = parseCardData(AskFormData, data);
    const prefill = formPrefill(data);
    if (!parsed.ok) return askForm(who, prefill, parsed.message);
    const form = parsed.value;
    if (form.riskOfHarm === "yes") return safeguardingRedirect(deps, who, "ask form: risk of harm");
    // The form has already asked whether the child may be at risk, and the answer was no.
    const screened = await screen(deps, who, { riskOfHarmAnswered: "no" }, form.question, form.tried);
    if (screened.card) return screened.pupilData ? askForm(who, prefill, screened.pupilData) : screened.card;
    const index = deps.guidance.get(who.area?.id ?? "");
    const answer = index ? adviseOnForm(index, form) : emptyAnswer();
    return answerCard(who, answer, form);
  });

  onCardAction(app, deps, VERBS.adviceFeedback, async ({ context, data }) => {
    const who = await caller(context);
    const parsed = parseCardData(FeedbackData, data);
    if (!parsed.ok || !who.area) return askPromptCard();
    const { feedbackId, helpful, articleIds, context: question } = parsed.value;
    const index = deps.guidance.get(who.area.id);
    const answer = index ? adviseOnFreeText(index, question.question) : emptyAnswer();
    await deps.feedback.record(who.area.id, feedbackId, {
      helpful,
      articleIds,
      phase: answer.phase ?? "",
      needAreas: answer.needAreas,
      actorAadObjectId: who.aadObjectId ?? "",
      at: deps.now().toISOString(),
    });
    const items = answer.articles.filter((a) => articleIds.includes(a.id)).map(toItem);
    return feedbackThanksCard(items.length ? items : answer.articles.map(toItem), question, helpful, isSenco(who));
  });

  // The answer to "is this child safe?": yes gives the safeguarding route, no gives the advice.
  onCardAction(app, deps, VERBS.adviceRiskAnswer, async ({ context, data, key }) => {
    const who = await caller(context);
    const parsed = parseCardData(RiskAnswerData, data);
    if (!parsed.ok) return askPromptCard();
    const { answer, context: asked } = parsed.value;
    // A redelivered or double-clicked answer is counted once; the person still gets their card.
    const first = await firstPress(deps, who, key);
    if (first) await auditScreening(deps, who, "safeguarding-question-answered", answer);
    if (answer === "yes") return first ? safeguardingRedirect(deps, who, "possible: answered yes") : safeguardingCardFor(who);
    const screened = await screen(deps, who, { riskOfHarmAnswered: "no" }, asked.question, asked.tried ?? "");
    if (screened.card) return screened.card;
    const index = deps.guidance.get(who.area?.id ?? "");
    return answerCard(who, index ? adviseOnFreeText(index, asked.question) : emptyAnswer(), asked);
  });

  onCardAction(app, deps, VERBS.requestDraft, async ({ context, data }) => {
    const who = await caller(context);
    const parsed = parseCardData(DraftData, data);
    if (!isSenco(who)) return askPromptCard();
    return requestForm(who, parsed.ok ? parsed.value.context : { question: "" });
  });
}

/** Any other text in personal chat from a registered person is a question for the advice line. */
export async function answerQuestion(context: TurnContext, deps: BotDeps, who: Caller, text: string): Promise<void> {
  const screened = await screen(deps, who, {}, text);
  if (screened.card) return sendCard(context, screened.card);
  const index = deps.guidance.get(who.area?.id ?? "");
  const answer = index ? adviseOnFreeText(index, text) : emptyAnswer();
  await sendCard(context, answerCard(who, answer, { question: text }));
}

export function askForm(who: Caller, prefill: Partial<QuestionContext> & { schoolId?: string }, error?: string): AdaptiveCardJson {
  return requestFormCard({ mode: "ask", schools: schoolsOf(who), prefill: { question: "", ...prefill }, draftId: randomUUID(), ...(error ? { error } : {}) });
}

export function requestForm(who: Caller, prefill: QuestionContext & { schoolId?: string }, error?: string, draftId: string = randomUUID()): AdaptiveCardJson {
  return requestFormCard({ mode: "request", schools: schoolsOf(who), prefill, draftId, ...(error ? { error } : {}) });
}

/**
 * A concern first, then pupil identifiers, then a possible concern (asked about with one click).
 * Only the outcome is recorded, never the text that led to it.
 */
export async function screen(deps: BotDeps, who: Caller, options: SchoolTextOptions, ...texts: string[]): Promise<{ card?: AdaptiveCardJson; pupilData?: string }> {
  const result = await screenSchoolTextWithSecondOpinion(texts, options, deps.secondOpinion);
  if (result.outcome === "safeguarding") return { card: await safeguardingRedirect(deps, who, result.assessment.categories.join(",")) };
  if (result.outcome === "pupil-data") return { card: pupilDataRefusalCard({ found: result.explanation }), pupilData: result.explanation };
  if (result.outcome === "possible-safeguarding") {
    await auditScreening(deps, who, "safeguarding-question-asked", result.assessment.categories.join(","));
    return { card: possibleSafeguardingCard(result.assessment.prompt, { question: texts[0] ?? "", ...(texts[1] ? { tried: texts[1] } : {}) }) };
  }
  return {};
}

/**
 * Counts for the council (how often the screen asked, and what people answered); no text. A
 * failed write is logged and passed over: a SENCO reporting a child at risk must get the
 * safeguarding route even while storage is down.
 */
async function auditScreening(deps: BotDeps, who: Caller, action: string, detail: string): Promise<void> {
  if (!who.area) return;
  try {
    await deps.audit.append(who.area.id, deps.now(), { actor: who.aadObjectId ?? "", action, subject: "", detail });
  } catch (err) {
    deps.log.error("Screening outcome not recorded", { action, area: who.area.id, reason: err instanceof Error ? err.name : "unknown" });
  }
}

/** False for a press already counted. A storage fault counts it again rather than hold up the answer. */
async function firstPress(deps: BotDeps, who: Caller, key: string): Promise<boolean> {
  if (!who.area) return true;
  try {
    return (await deps.processed.claim(who.area.id, `press|${key}`, deps.now())).status === "claimed";
  } catch {
    return true;
  }
}

/** The safeguarding route, and a record that it was shown (never the text that led to it). */
export async function safeguardingRedirect(deps: BotDeps, who: Caller, detail: string): Promise<AdaptiveCardJson> {
  await auditScreening(deps, who, "safeguarding-redirect", detail);
  return safeguardingCardFor(who);
}

function safeguardingCardFor(who: Caller): AdaptiveCardJson {
  const c = who.area?.contacts;
  return safeguardingCard({
    frontDoorName: c?.childrensServicesFrontDoor.name ?? "your local children's services front door",
    frontDoorPhone: c?.childrensServicesFrontDoor.phone ?? "the number on your council's website",
    frontDoorHours: c?.childrensServicesFrontDoor.hours,
    outOfHoursName: c?.outOfHours?.name,
    outOfHoursPhone: c?.outOfHours?.phone,
  });
}

function answerCard(who: Caller, answer: AdviceAnswer, asked: QuestionContext): AdaptiveCardJson {
  const triedFor = asked.triedFor ?? triedForIn(asked.question);
  const context: QuestionContext = {
    ...asked,
    ...(triedFor ? { triedFor } : {}),
    ...(asked.yearGroup ? {} : answer.yearGroup ? { yearGroup: answer.yearGroup } : {}),
    ...(asked.primaryNeed ? {} : answer.needAreas[0] ? { primaryNeed: answer.needAreas[0] } : {}),
  };
  return adviceAnswerCard(answer.articles.map(toItem), context, randomUUID(), isSenco(who));
}

function toItem(a: AdviceAnswer["articles"][number]): AdviceItem {
  return { articleId: a.id, title: a.title, summary: a.summary, strategies: a.strategies, basis: a.basis };
}

function emptyAnswer(): AdviceAnswer {
  return { articles: [], phase: undefined, needAreas: [], yearGroup: undefined };
}

function isSenco(who: Caller): boolean {
  return !!who.person && !!roleOf(who.person.roles, "senco");
}

function schoolsOf(who: Caller): Array<{ id: string; name: string }> {
  const ids = who.person ? (roleOf(who.person.roles, "senco")?.schoolIds ?? []) : [];
  return ids.map((id) => ({ id, name: who.area?.schools.find((s) => s.id === id)?.name ?? id }));
}

/** What the person had typed, to put back in the form alongside an error. */
export function formPrefill(data: unknown): QuestionContext & { schoolId?: string } {
  const d = (typeof data === "object" && data !== null ? data : {}) as Record<string, unknown>;
  const str = (k: string): string | undefined => {
    const v = d[k];
    return typeof v === "string" ? v : undefined;
  };
  const needs = splitList(d.otherNeeds);
  const parsedNeeds = z.array(NeedArea).safeParse(needs);
  const primary = NeedArea.safeParse(d.primaryNeed);
  const urgency = Urgency.safeParse(d.urgency);
  return {
    question: str("question") ?? "",
    ...(str("yearGroup") ? { yearGroup: str("yearGroup") } : {}),
    ...(primary.success ? { primaryNeed: primary.data } : {}),
    ...(parsedNeeds.success ? { otherNeeds: parsedNeeds.data } : {}),
    ...(str("tried") ? { tried: str("tried") } : {}),
    ...(str("triedFor") ? { triedFor: str("triedFor") } : {}),
    ...(urgency.success ? { urgency: urgency.data } : {}),
    ...(str("schoolId") ? { schoolId: str("schoolId") } : {}),
  };
}


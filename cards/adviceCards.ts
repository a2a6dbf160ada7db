import { NEED_AREA_LABELS, NEED_AREAS, type NeedArea } from "../domain/areaPack";
import { TRIED_FOR, URGENCY_LABELS, YEAR_GROUPS, type Urgency } from "../domain/adviceRequest";
import { adaptiveCard, execute, heading, text, typedText, type AdaptiveCardJson, type CardAction, type CardElement } from "./card";
import { VERBS } from "./verbs";

/** What the advice card shows for one guidance article. */
export interface AdviceItem {
  articleId: string;
  title: string;
  summary: string;
  strategies: string[];
  basis: string;
}

/** The context carried in card data so "Ask an inclusion advisor" can prefill the request. */
export interface QuestionContext {
  question: string;
  yearGroup?: string;
  primaryNeed?: NeedArea;
  otherNeeds?: NeedArea[];
  tried?: string;
  triedFor?: string;
  urgency?: Urgency;
}

export function adviceAnswerCard(items: AdviceItem[], context: QuestionContext, feedbackId: string, canAskAdvisor: boolean): AdaptiveCardJson {
  const body: CardElement[] = [heading(items.length ? "Early advice from the council's guidance" : "I couldn't find guidance that fits")];
  if (items.length === 0)
    body.push(text("None of our guidance matched your question closely enough to be useful. An inclusion advisor can help: press the button below and check the details."));
  items.forEach((item, i) => {
    body.push(
      text(`${i + 1}. ${item.title}`, { weight: "Bolder", size: "Medium", spacing: "Large" }),
      text(item.summary, { spacing: "Small" }),
      text(item.strategies.slice(0, 3).map((s) => `- ${s}`).join("\n"), { spacing: "Small" }),
      text(`Source: ${item.basis}`, { isSubtle: true, size: "Small", spacing: "Small" }),
    );
  });
  body.push(
    text("Review any strategy you try after about six weeks (assess, plan, do, review), and keep the child and their parents involved.", { isSubtle: true, spacing: "Medium" }),
    text("Worried that a child may be at risk of harm? Don't wait for advice: speak to your designated safeguarding lead today.", { isSubtle: true, size: "Small" }),
  );
  const actions: CardAction[] = [];
  if (items.length) {
    const ids = items.map((i) => i.articleId);
    actions.push(execute("This helped", VERBS.adviceFeedback, { feedbackId, helpful: true, articleIds: ids, context }), execute("This didn't help", VERBS.adviceFeedback, { feedbackId, helpful: false, articleIds: ids, context }));
  }
  if (canAskAdvisor) actions.push(execute("Ask an inclusion advisor", VERBS.requestDraft, { context }));
  return adaptiveCard(body, actions, { fallbackText: items.length ? `Early advice: ${items.map((i) => i.title).join("; ")}` : "I couldn't find guidance that fits your question." });
}

/** After feedback: the same advice, with thanks in place of the feedback buttons. */
export function feedbackThanksCard(items: AdviceItem[], context: QuestionContext, helpful: boolean, canAskAdvisor: boolean): AdaptiveCardJson {
  const card = adviceAnswerCard(items, context, "", canAskAdvisor);
  card.body.push(
    text(helpful ? "Thank you: glad it helped." : "Thank you for telling us. An inclusion advisor can look at it with you.", { color: "Good", weight: "Bolder" }),
  );
  card.actions = (card.actions ?? []).filter((a) => a.verb !== VERBS.adviceFeedback);
  return card;
}

export interface RequestFormOptions {
  mode: "ask" | "request";
  schools: Array<{ id: string; name: string }>;
  prefill: QuestionContext & { schoolId?: string };
  draftId: string;
  error?: string;
}

const choices = (values: readonly string[], label: (v: string) => string = (v) => v) => values.map((v) => ({ title: label(v), value: v }));

/**
 * One form for both ways in: "ask" gets advice at once; "request" sends it to an advisor. Every
 * field is labelled for screen readers, and nothing asks for the child's identity.
 */
export function requestFormCard(o: RequestFormOptions): AdaptiveCardJson {
  const p = o.prefill;
  const body: CardElement[] = [
    heading(o.mode === "ask" ? "Ask the advice line" : "Ask an inclusion advisor"),
    text(
      o.mode === "ask"
        ? "Tell us about the need and what you have tried. You'll get ideas from the council's guidance straight away."
        : "Check the details, then send. An inclusion advisor will reply in this chat. Please don't include the child's name or other identifying details.",
    ),
  ];
  // An error can quote typed text (masked, "S** J****"): plain text, never Markdown.
  if (o.error) body.push(typedText(o.error, { color: "Attention", weight: "Bolder" }));
  if (o.schools.length > 1 || !o.schools[0])
    body.push({ type: "Input.ChoiceSet", id: "schoolId", label: "Setting", isRequired: true, errorMessage: "Choose your setting", value: p.schoolId ?? "", choices: o.schools.map((s) => ({ title: s.name, value: s.id })) });
  else body.push(text(`Setting: ${o.schools[0].name}`, { isSubtle: true }));
  body.push(
    { type: "Input.ChoiceSet", id: "yearGroup", label: "Year group", isRequired: true, errorMessage: "Choose a year group", value: p.yearGroup ?? "", choices: choices(YEAR_GROUPS) },
    { type: "Input.ChoiceSet", id: "primaryNeed", label: "Main area of need", isRequired: true, errorMessage: "Choose the main area of need", value: p.primaryNeed ?? "", choices: choices(NEED_AREAS, (v) => NEED_AREA_LABELS[v as NeedArea]) },
    { type: "Input.ChoiceSet", id: "otherNeeds", label: "Other areas of need (optional)", isMultiSelect: true, value: (p.otherNeeds ?? []).join(","), choices: choices(NEED_AREAS, (v) => NEED_AREA_LABELS[v as NeedArea]) },
    { type: "Input.Text", id: "tried", label: "What have you tried so far?", isMultiline: true, maxLength: 2000, value: p.tried ?? "", placeholder: "For example: small-group phonics three times a week" },
    { type: "Input.ChoiceSet", id: "triedFor", label: "For how long?", isRequired: true, errorMessage: "Say how long you have tried it", value: p.triedFor ?? "", choices: choices(TRIED_FOR) },
    { type: "Input.Text", id: "question", label: "What would you like help with?", isMultiline: true, isRequired: true, maxLength: 2000, errorMessage: "Say what you would like help with", value: p.question },
    { type: "Input.ChoiceSet", id: "urgency", label: "How soon do you need a reply?", isRequired: true, value: p.urgency ?? "routine", choices: choices(Object.keys(URGENCY_LABELS), (v) => URGENCY_LABELS[v as Urgency]) },
    // Asked every time: a phrase list cannot recognise every way a worry about harm is put.
    {
      type: "Input.ChoiceSet",
      id: "riskOfHarm",
      label: "Do you think this child may be at risk of harm?",
      isRequired: true,
      errorMessage: "Please answer: it decides whether this is a safeguarding matter",
      choices: [
        { title: "No", value: "no" },
        { title: "Yes, or I'm not sure", value: "yes" },
      ],
    },
  );
  const data = { draftId: o.draftId, ...(o.schools.length === 1 && o.schools[0] ? { schoolId: o.schools[0].id } : {}) };
  const action =
    o.mode === "ask"
      ? execute("Get advice", VERBS.askSubmit, data)
      : execute("Send to an inclusion advisor", VERBS.requestSubmit, data);
  return adaptiveCard(body, [{ ...action, associatedInputs: "auto" }], { fallbackText: "Ask the advice line" });
}

export interface SafeguardingContacts {
  frontDoorName: string;
  frontDoorPhone: string;
  frontDoorHours: string | undefined;
  outOfHoursName: string | undefined;
  outOfHoursPhone: string | undefined;
}

/** Safeguarding is not early help: say what to do now, plainly, and queue nothing. */
export function safeguardingCard(c: SafeguardingContacts): AdaptiveCardJson {
  return adaptiveCard(
    [
      heading("This sounds like a safeguarding concern"),
      text("If you think a child may be at risk of harm, please act now rather than waiting for advice:", { weight: "Bolder" }),
      text(
        [
          "- **In an emergency, or if a child is in immediate danger, call 999.**",
          "- Speak to your setting's designated safeguarding lead today.",
          `- Contact ${c.frontDoorName} on ${c.frontDoorPhone}${c.frontDoorHours ? ` (${c.frontDoorHours})` : ""}.`,
          c.outOfHoursName && c.outOfHoursPhone ? `- Out of hours: ${c.outOfHoursName} on ${c.outOfHoursPhone}.` : "",
        ]
          .filter(Boolean)
          .join("\n"),
      ),
      text("I have not saved your message and it has not gone to the advice line. The advice line is for early help with special educational needs, not for safeguarding.", { isSubtle: true }),
    ],
    [],
    { fallbackText: `This sounds like a safeguarding concern. Call 999 in an emergency; speak to your designated safeguarding lead; contact ${c.frontDoorName} on ${c.frontDoorPhone}.` },
  );
}

/**
 * Something in the message may point to harm: before any advice, the SENCO says whether they think
 * the child may be at risk. The question travels in the card's data, so nothing is stored.
 */
export function possibleSafeguardingCard(prompt: string, context: QuestionContext): AdaptiveCardJson {
  return adaptiveCard(
    [
      heading("Before I answer: is this child safe?"),
      text(prompt, { wrap: true }),
      text("Do you think this child may be at risk of harm?", { weight: "Bolder" }),
      text("If you are not sure, choose Yes: your designated safeguarding lead can help you decide.", { isSubtle: true, size: "Small" }),
    ],
    [
      execute("Yes, they may be at risk", VERBS.adviceRiskAnswer, { answer: "yes", context }),
      execute("No, this is about their needs", VERBS.adviceRiskAnswer, { answer: "no", context }),
    ],
    { fallbackText: "Before I answer: do you think this child may be at risk of harm?" },
  );
}

export interface PupilDataWarning {
  found: string;
}

export function pupilDataRefusalCard(w: PupilDataWarning): AdaptiveCardJson {
  return adaptiveCard(
    [
      heading("Please remove the child's details"),
      // What was found, masked from what was typed: plain text, never Markdown.
      typedText(w.found),
      text("I haven't saved or searched your message. Send it again without these details: describe the need instead, for example 'a Year 4 boy who is reading well below his peers'.", { spacing: "Medium" }),
      text("Why: information about a child's special educational needs is sensitive personal data, so we only keep what an advisor needs to help, never who the child is.", { isSubtle: true, size: "Small" }),
    ],
    [],
    { fallbackText: "Please remove the child's details and send your question again." },
  );
}

export function askPromptCard(): AdaptiveCardJson {
  return adaptiveCard(
    [heading("Ask the advice line"), text("Type your question in your own words, for example 'Year 4, reading well below peers, we've tried phonics catch-up for a term'. Or use the form for a fuller answer.")],
    [execute("Open the form", VERBS.askForm)],
  );
}

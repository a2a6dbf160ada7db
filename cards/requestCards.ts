import { NEED_AREA_LABELS } from "../domain/areaPack";
import { STATUS_LABELS, URGENCY_LABELS, type AdviceRequest, type RequestEvent } from "../domain/adviceRequest";
import { adaptiveCard, execute, facts, heading, text, typedSection, typedText, type AdaptiveCardJson, type CardAction, type CardElement } from "./card";
import { VERBS } from "./verbs";

/** What has been tried, without claiming "nothing" when the school simply didn't describe it. */
export function describeTried(r: Pick<AdviceRequest, "tried" | "triedFor">): string {
  if (r.tried) return r.triedFor === "not yet" ? r.tried : `${r.tried} (for ${r.triedFor})`;
  return r.triedFor === "not yet" ? "Nothing yet" : `Not described (for ${r.triedFor})`;
}

/** UK date and time, in the council's time zone, as people read it. */
export function ukDateTime(iso: string): string {
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" }).format(new Date(iso));
}

export function requestSentCard(request: AdviceRequest, schoolName: string): AdaptiveCardJson {
  return adaptiveCard(
    [
      heading("Sent to the inclusion team"),
      text(`Your reference is **${request.reference}**. An inclusion advisor will reply in this chat, and you'll see each step here.`),
      facts([
        ["Setting", schoolName],
        ["Year group", request.yearGroup],
        ["Main need", NEED_AREA_LABELS[request.primaryNeed]],
        ["Urgency", URGENCY_LABELS[request.urgency]],
      ]),
    ],
    [execute("View request", VERBS.requestView, { reference: request.reference }), execute("My requests", VERBS.requestList)],
    { fallbackText: `Sent to the inclusion team. Your reference is ${request.reference}.` },
  );
}

/** A "Show older requests" button: one per setting that has more, carrying its continuation token. */
export interface OlderPage {
  schoolId: string;
  page: string;
  label: string;
}

export function myRequestsCard(requests: AdviceRequest[], schoolNames: (id: string) => string, older: OlderPage[] = [], paging = false): AdaptiveCardJson {
  const body: CardElement[] = [heading(paging ? "My requests: older ones" : "My requests")];
  if (requests.length === 0) body.push(text(paging ? "There are no older requests." : "You have no advice requests yet. Ask a question, and choose 'Ask an inclusion advisor' if you'd like a person to help."));
  for (const r of requests)
    body.push({
      type: "Container",
      separator: true,
      spacing: "Medium",
      selectAction: execute(`View ${r.reference}`, VERBS.requestView, { reference: r.reference }),
      items: [
        text(`**${r.reference}**: ${STATUS_LABELS[r.status]}`),
        text(`${r.yearGroup}, ${NEED_AREA_LABELS[r.primaryNeed].toLowerCase()}, ${schoolNames(r.schoolId)}`, { isSubtle: true, spacing: "None" }),
        text(`Last update ${ukDateTime(r.updatedAt)}: ${r.lastUpdate}`, { size: "Small", spacing: "None" }),
      ],
    });
  const actions: CardAction[] = [
    ...requests.slice(0, 3).map((r) => execute(`View ${r.reference}`, VERBS.requestView, { reference: r.reference })),
    ...older.slice(0, 3).map((o) => execute(o.label, VERBS.requestList, { schoolId: o.schoolId, page: o.page })),
    ...(paging ? [execute("Back to the newest", VERBS.requestList)] : []),
  ];
  return adaptiveCard(body, actions, { fallbackText: `My requests: ${requests.map((r) => `${r.reference} ${STATUS_LABELS[r.status]}`).join("; ") || "none"}` });
}

export interface RequestDetailOptions {
  request: AdviceRequest;
  events: RequestEvent[];
  schoolName: string;
  /** The SENCO of the setting sees add-information and withdraw. */
  canChange: boolean;
  notice?: string;
  /** What the SENCO typed, when the card comes back to them unsaved. */
  form?: AddInformationForm;
}

/** The add-information box as the SENCO left it, when it comes back unsaved for them to edit. */
export interface AddInformationForm {
  information: string;
  /**
   * "ask": the text may point to harm, so the risk-of-harm question must be answered before it is
   * saved; "no": they have answered No, which stays chosen while they edit.
   */
  riskOfHarm?: "ask" | "no";
  /** The card it came from: "answer" is the reply box on the advisor's question in the SENCO's chat. */
  from?: "answer";
}

export const RISK_OF_HARM_QUESTION = "Do you think this child may be at risk of harm?";

export function requestDetailCard(o: RequestDetailOptions): AdaptiveCardJson {
  const r = o.request;
  const open = r.status === "submitted" || r.status === "assigned" || r.status === "awaiting-school";
  const body: CardElement[] = [heading(`Request ${r.reference}`)];
  // Notices can quote typed text (masked), so they are plain text too.
  if (o.notice) body.push(typedText(o.notice, { color: "Attention", weight: "Bolder" }));
  body.push(
    // Only our own words and configuration go in the facts: Teams reads fact values as Markdown.
    facts([
      ["Status", STATUS_LABELS[r.status]],
      ["Advisor", r.assignedToName ?? "Not yet assigned"],
      ["Setting", o.schoolName],
      ["Year group", r.yearGroup],
      ["Main need", NEED_AREA_LABELS[r.primaryNeed]],
      ...(r.otherNeeds.length ? ([["Other needs", r.otherNeeds.map((n) => NEED_AREA_LABELS[n]).join(", ")]] as Array<[string, string]>) : []),
      ["Urgency", URGENCY_LABELS[r.urgency]],
      ["Sent", ukDateTime(r.createdAt)],
    ]),
    ...typedSection("What has been tried", describeTried(r)),
    ...typedSection("Question", r.question),
    text("History", { weight: "Bolder", spacing: "Medium" }),
    ...o.events.map((e) => typedText(`${ukDateTime(e.at)}: ${e.summary} (${e.actorName})${e.detail ? `\n${e.detail}` : ""}`, { size: "Small", spacing: "Small" })),
  );
  const actions: CardAction[] = [];
  if (o.canChange && (open || r.status === "advised" || r.status === "referred")) {
    body.push(...addInformationInputs("Add information for the advisor", false, o.form));
    actions.push({ ...execute("Add information", VERBS.requestAddInfo, { reference: r.reference }), associatedInputs: "auto" });
  }
  if (o.canChange && open)
    actions.push({
      type: "Action.ShowCard",
      title: "Withdraw",
      card: adaptiveCard([text(`Withdraw ${r.reference}? The inclusion team will stop working on it.`)], [{ ...execute("Yes, withdraw it", VERBS.requestWithdraw, { reference: r.reference }), associatedInputs: "none" }]),
    });
  actions.push({ ...execute("My requests", VERBS.requestList), associatedInputs: "none" });
  return adaptiveCard(body, actions, { fallbackText: `Request ${r.reference}: ${STATUS_LABELS[r.status]}` });
}

/** The message a SENCO gets in their chat when their request moves on. */
export function requestUpdateCard(request: AdviceRequest, event: RequestEvent, form?: AddInformationForm & { notice?: string }): AdaptiveCardJson {
  const asking = event.kind === "asked-school" && request.status === "awaiting-school";
  const body: CardElement[] = [
    heading(`Update on ${request.reference}`),
    text(event.summary),
    ...(event.detail && event.actorRole === "advisor" ? [typedText(event.detail, { weight: asking ? "Bolder" : "Default" })] : []),
    facts([
      ["Status", STATUS_LABELS[request.status]],
      ["When", ukDateTime(event.at)],
    ]),
  ];
  const actions: CardAction[] = [];
  if (asking) {
    if (form?.notice) body.push(typedText(form.notice, { color: "Attention", weight: "Bolder" }));
    body.push(...addInformationInputs("Your answer", true, form));
    actions.push({ ...execute("Send answer", VERBS.requestAddInfo, { reference: request.reference, from: "answer" }), associatedInputs: "auto" });
  }
  actions.push({ ...execute("View request", VERBS.requestView, { reference: request.reference }), associatedInputs: "none" });
  return adaptiveCard(body, actions, { fallbackText: `Update on ${request.reference}: ${event.summary}` });
}

/**
 * The add-information box, holding what was typed when it comes back unsaved, and the risk-of-harm
 * question when the text may point to harm (required, radio buttons, labelled for screen readers).
 */
function addInformationInputs(label: string, required: boolean, form: AddInformationForm | undefined): CardElement[] {
  const elements: CardElement[] = [
    {
      type: "Input.Text",
      id: "information",
      label,
      isMultiline: true,
      maxLength: 2000,
      placeholder: "No names or other identifying details, please",
      value: form?.information ?? "",
      ...(required ? { isRequired: true, errorMessage: "Type your answer" } : {}),
    },
  ];
  if (form?.riskOfHarm)
    elements.push(
      text("Something in what you wrote may mean a child is at risk of harm. Please answer before it is saved; if you're not sure, choose Yes and you'll be shown who to contact now.", { spacing: "Medium" }),
      {
        type: "Input.ChoiceSet",
        id: "riskOfHarm",
        label: RISK_OF_HARM_QUESTION,
        style: "expanded",
        isRequired: true,
        errorMessage: "Please answer: it decides whether this is a safeguarding matter",
        ...(form.riskOfHarm === "no" ? { value: "no" } : {}),
        choices: [
          { title: "Yes", value: "yes" },
          { title: "No", value: "no" },
        ],
      },
    );
  return elements;
}

import {
  OUTCOME_LABELS,
  REFERRAL_LABELS,
  RequestRefusal,
  STATUS_LABELS,
  type AdviceRequest,
  type CloseOutcome,
  type ReferralDestination,
  type RequestEvent,
  type RequestStatus,
} from "../domain/adviceRequest";
import { requireOpen, requireStaff, requireText, type Actor, type Change, type RequestDeps } from "../domain/adviceRequests";
import { roleOf } from "../domain/directory";
import type { Effect } from "../domain/effects";
import { guardStaffText } from "../domain/requestTextGuards";
import { changeRequest, type StepKey, type StepResult } from "./requestChange";

/** Every advisor step reaches the SENCO's chat and redraws the triage card for everyone. */
const tellSchoolAndChannel = (request: AdviceRequest, event: RequestEvent): Effect[] => [
  { kind: "senco-update", areaId: request.areaId, reference: request.reference, sequence: event.sequence },
  { kind: "triage-refresh", areaId: request.areaId, reference: request.reference },
];

function step(deps: RequestDeps, actor: Actor, reference: string, key: StepKey, decide: (r: AdviceRequest) => Change, extra: (r: AdviceRequest) => Effect[] = () => []): Promise<StepResult> {
  return changeRequest(deps, actor, reference, key, decide, (request, event) => [...tellSchoolAndChannel(request, event), ...extra(request)]);
}

const closedOrWithdrawn = (r: AdviceRequest) => r.status === "closed" || r.status === "withdrawn";

/** An advisor takes the request. Two at once: one wins, the other is told who has it. */
export async function claimRequest(deps: RequestDeps, actor: Actor, reference: string, key?: StepKey): Promise<StepResult> {
  if (!roleOf(actor.person.roles, "inclusion-advisor")) throw new RequestRefusal("Only an inclusion advisor can claim a request.");
  return step(deps, actor, reference, key, (request) => {
    if (request.status !== "submitted")
      throw new RequestRefusal(request.assignedToName ? `${request.assignedToName} has already claimed ${reference}.` : `Request ${reference} is ${STATUS_LABELS[request.status].toLowerCase()}.`);
    return { status: "assigned", kind: "claimed", summary: `${actor.person.name} is looking at this request`, detail: undefined, role: "advisor", assignTo: actor.person };
  });
}

/** A triage manager or advisor hands the request to a named advisor, who is told in their chat. */
export async function reassignRequest(deps: RequestDeps, actor: Actor, reference: string, toAadObjectId: string, key?: StepKey): Promise<StepResult> {
  requireStaff(actor);
  const to = (await deps.people.listStaff(actor.area.id)).find((p) => p.aadObjectId === toAadObjectId && roleOf(p.roles, "inclusion-advisor"));
  if (!to) throw new RequestRefusal("Choose an inclusion advisor from the list.");
  return step(
    deps,
    actor,
    reference,
    key,
    (request) => {
      requireOpen(request, reference);
      if (request.assignedToAadObjectId === to.aadObjectId) throw new RequestRefusal(`${to.name} already has ${reference}.`);
      const status: RequestStatus = request.status === "submitted" ? "assigned" : request.status;
      return { status, kind: "reassigned", summary: `${to.name} is now looking at this request`, detail: undefined, role: "advisor", assignTo: to };
    },
    (request) => [{ kind: "advisor-handover", areaId: request.areaId, reference, advisorAadObjectId: to.aadObjectId, byName: actor.person.name }],
  );
}

/** The advisor needs more from the school: the request waits and its clock pauses. */
export async function askSchool(deps: RequestDeps, actor: Actor, reference: string, question: string, key?: StepKey): Promise<StepResult> {
  requireStaff(actor);
  requireText(question, "Type your question for the school.");
  guardStaffText(question);
  return step(deps, actor, reference, key, (request) => {
    requireOpen(request, reference);
    if (request.status === "awaiting-school") throw new RequestRefusal(`${reference} is already waiting for the school to answer.`);
    return { status: "awaiting-school", kind: "asked-school", summary: `${actor.person.name} asked the school for more information`, detail: question, role: "advisor", assignToIfNone: actor.person, firstResponse: true, pauseClock: true };
  });
}

export async function sendAdvice(deps: RequestDeps, actor: Actor, reference: string, advice: string, key?: StepKey): Promise<StepResult> {
  requireStaff(actor);
  requireText(advice, "Type the advice for the school.");
  guardStaffText(advice);
  return step(deps, actor, reference, key, (request) => {
    if (closedOrWithdrawn(request)) throw new RequestRefusal(`${reference} is ${STATUS_LABELS[request.status].toLowerCase()}; reopen it first.`);
    return { status: "advised", kind: "advised", summary: `${actor.person.name} sent advice`, detail: advice, role: "advisor", assignToIfNone: actor.person, firstResponse: true, resumeClock: true };
  });
}

export async function referOn(deps: RequestDeps, actor: Actor, reference: string, destination: ReferralDestination, note: string, key?: StepKey): Promise<StepResult> {
  requireStaff(actor);
  guardStaffText(note);
  return step(deps, actor, reference, key, (request) => {
    if (closedOrWithdrawn(request)) throw new RequestRefusal(`${reference} is ${STATUS_LABELS[request.status].toLowerCase()}; reopen it first.`);
    const summary = `${actor.person.name} referred this on to ${REFERRAL_LABELS[destination].toLowerCase()}`;
    return { status: "referred", kind: "referred", summary, detail: note || undefined, role: "advisor", assignToIfNone: actor.person, firstResponse: true, resumeClock: true, referredTo: destination };
  });
}

export async function closeRequest(deps: RequestDeps, actor: Actor, reference: string, outcome: CloseOutcome, note: string, key?: StepKey): Promise<StepResult> {
  requireStaff(actor);
  guardStaffText(note);
  return step(deps, actor, reference, key, (request) => {
    if (closedOrWithdrawn(request)) throw new RequestRefusal(`${reference} is already ${STATUS_LABELS[request.status].toLowerCase()}.`);
    return { status: "closed", kind: "closed", summary: `${actor.person.name} closed this request: ${OUTCOME_LABELS[outcome].toLowerCase()}`, detail: note || undefined, role: "advisor", resumeClock: true, outcome };
  });
}

export async function reopenRequest(deps: RequestDeps, actor: Actor, reference: string, key?: StepKey): Promise<StepResult> {
  requireStaff(actor);
  return step(deps, actor, reference, key, (request) => {
    if (request.status !== "closed" && request.status !== "advised" && request.status !== "referred")
      throw new RequestRefusal(`${reference} is ${STATUS_LABELS[request.status].toLowerCase()}, so it can't be reopened.`);
    return { status: "assigned", kind: "reopened", summary: `${actor.person.name} reopened this request`, detail: undefined, role: "advisor", assignToIfNone: actor.person, clearOutcome: true };
  });
}

import type { AreaPack, Person } from "./areaPack";
import {
  formatReference,
  OPEN_STATUSES,
  OUTCOME_LABELS,
  phaseOfYearGroup,
  REFERRAL_LABELS,
  RequestConflict,
  RequestRefusal,
  STATUS_LABELS,
  type AdviceRequest,
  type AdviceRequestDraft,
  type CloseOutcome,
  type ReferralDestination,
  type RequestEvent,
  type RequestEventKind,
  type RequestStatus,
} from "./adviceRequest";
import { StaleWriteError, type AdviceRequestStore, type IdempotencyStore, type StoredRequest } from "./adviceRequestStore";
import { roleOf } from "./directory";
import { routeToAdvisor } from "./routing";
import { guardSchoolText, guardStaffText } from "./requestTextGuards";
import type { screenSchoolText, SchoolTextOptions } from "./textScreening";
import { londonDate, type WorkingCalendar } from "./workingDays";

export interface RequestDeps {
  store: AdviceRequestStore;
  idempotency: IdempotencyStore;
  now: () => Date;
  calendarFor: (area: AreaPack) => WorkingCalendar;
  /** The school-text screening; injectable so tests can exercise a "possible" outcome. */
  screenSchoolText?: typeof screenSchoolText;
}

export interface Actor {
  person: Person;
  area: AreaPack;
}

/** Can this person see the request? Its school's SENCO, or the area's advisors and triage managers. */
export function canSeeRequest(person: Person, request: AdviceRequest): boolean {
  const senco = roleOf(person.roles, "senco");
  if (senco?.schoolIds.includes(request.schoolId)) return true;
  return isCouncilStaff(person);
}

export function isCouncilStaff(person: Person): boolean {
  return person.roles.some((r) => r.role === "inclusion-advisor" || r.role === "triage-manager");
}

/**
 * Opens an advice request, with the clock started and an advisor suggested. The draft id from the
 * card makes a double click or a redelivered activity return the request already made. `answered`
 * carries the form's "No" to the risk-of-harm question.
 */
export async function submitAdviceRequest(
  deps: RequestDeps,
  actor: Actor,
  draft: AdviceRequestDraft,
  idempotencyKey: string,
  answered: SchoolTextOptions = {},
): Promise<{ request: AdviceRequest; created: boolean }> {
  const senco = roleOf(actor.person.roles, "senco");
  if (!senco) throw new RequestRefusal("Only a registered SENCO can ask an inclusion advisor. Ask your council's SEND team to register you.");
  if (!senco.schoolIds.includes(draft.schoolId)) throw new RequestRefusal("You can only ask about children at a setting you are registered for.");
  const school = actor.area.schools.find((s) => s.id === draft.schoolId);
  if (!school) throw new RequestRefusal("That setting is not known to the council.");
  // question and tried are the draft's only free text; the rest are choices.
  guardSchoolText([draft.question, draft.tried], answered, deps.screenSchoolText);

  const key = `draft:${idempotencyKey}`;
  const claim = await deps.idempotency.claim(actor.area.id, key, deps.now());
  if (claim.status === "done") {
    const existing = await deps.store.get(actor.area.id, claim.result);
    if (existing) return { request: existing.request, created: false };
  }
  if (claim.status === "in-progress") throw new RequestRefusal("We're already opening this request. Type 'my requests' in a moment to see it.");

  try {
    const now = deps.now();
    const number = await deps.store.nextReferenceNumber(actor.area.id, now.getUTCFullYear());
    const reference = formatReference(now.getUTCFullYear(), number);
    const at = now.toISOString();
    const phase = phaseOfYearGroup(draft.yearGroup);
    const days = draft.urgency === "urgent" ? actor.area.serviceLevels.urgentFirstResponseWorkingDays : actor.area.serviceLevels.firstResponseWorkingDays;
    const suggestion = routeToAdvisor(actor.area, { localityId: school.localityId, primaryNeed: draft.primaryNeed, phase }, await deps.store.openLoads(actor.area.id), londonDate(now));
    const request: AdviceRequest = {
      ...draft,
      areaId: actor.area.id,
      reference,
      localityId: school.localityId,
      phase,
      sencoAadObjectId: actor.person.aadObjectId,
      sencoName: actor.person.name,
      status: "submitted",
      assignedToAadObjectId: undefined,
      assignedToName: undefined,
      createdAt: at,
      updatedAt: at,
      firstResponseAt: undefined,
      firstResponseDueAt: deps.calendarFor(actor.area).dueAt(now, days).toISOString(),
      pausedIntervals: [],
      pausedSince: undefined,
      suggestedAdvisorAadObjectId: suggestion?.person.aadObjectId,
      suggestedAdvisorName: suggestion?.person.name,
      referredTo: undefined,
      outcome: undefined,
      triagePost: undefined,
      alerts: {},
      lastUpdate: "Request sent to the inclusion team",
      eventCount: 1,
    };
    await deps.store.create(request, event(request, 0, "submitted", actor.person, "senco", "Request sent to the inclusion team", undefined, at));
    await deps.idempotency.complete(actor.area.id, key, reference);
    return { request, created: true };
  } catch (err) {
    await deps.idempotency.release(actor.area.id, key);
    throw err;
  }
}

/** Reads a request the person may see, or refuses in words they understand. */
export async function viewRequest(deps: RequestDeps, actor: Actor, reference: string): Promise<{ request: AdviceRequest; events: RequestEvent[] }> {
  const stored = await deps.store.get(actor.area.id, reference);
  if (!stored || !canSeeRequest(actor.person, stored.request)) throw new RequestRefusal(`I can't find request ${reference} for you. You can see requests from your own setting only.`);
  return { request: stored.request, events: await deps.store.listEvents(actor.area.id, reference) };
}

/**
 * The school adds information (or answers the advisor's question); if the advisor was waiting for
 * it, the request goes back to them. `answered` carries the school's "No" to the risk-of-harm question.
 */
export async function addInformation(deps: RequestDeps, actor: Actor, reference: string, text: string, answered: SchoolTextOptions = {}): Promise<AdviceRequest> {
  if (!text.trim()) throw new RequestRefusal("Type the information you'd like to add first.");
  guardSchoolText([text], answered, deps.screenSchoolText);
  return changeRequest(deps, actor, reference, (request) => {
    requireOwnSchool(actor, request);
    if (request.status === "closed" || request.status === "withdrawn")
      throw new RequestRefusal(`Request ${reference} is ${STATUS_LABELS[request.status].toLowerCase()}, so it can't take more information. Ask a new question instead.`);
    if (request.status === "awaiting-school")
      return { status: "assigned", kind: "school-answered", summary: "The school answered the advisor's question", detail: text, role: "senco", resumeClock: true };
    return { status: request.status, kind: "information-added", summary: "The school added information", detail: text, role: "senco" };
  });
}

export async function withdrawRequest(deps: RequestDeps, actor: Actor, reference: string): Promise<AdviceRequest> {
  return changeRequest(deps, actor, reference, (request) => {
    requireOwnSchool(actor, request);
    if (!OPEN_STATUSES.includes(request.status))
      throw new RequestRefusal(`Request ${reference} is ${STATUS_LABELS[request.status].toLowerCase()}, so there is nothing to withdraw.`);
    return { status: "withdrawn", kind: "withdrawn", summary: "The school withdrew the request", detail: undefined, role: "senco", resumeClock: true };
  });
}

/** An advisor takes the request. Two at once: one wins, the other is told who has it. */
export async function claimRequest(deps: RequestDeps, actor: Actor, reference: string): Promise<AdviceRequest> {
  if (!roleOf(actor.person.roles, "inclusion-advisor")) throw new RequestRefusal("Only an inclusion advisor can claim a request.");
  return changeRequest(deps, actor, reference, (request) => {
    if (request.status !== "submitted")
      throw new RequestRefusal(
        request.assignedToName ? `${request.assignedToName} has already claimed ${reference}.` : `Request ${reference} is ${STATUS_LABELS[request.status].toLowerCase()}.`,
      );
    return { status: "assigned", kind: "claimed", summary: `${actor.person.name} is looking at this request`, detail: undefined, role: "advisor", assignTo: actor.person };
  });
}

/** A triage manager or advisor hands the request to a named advisor. */
export async function reassignRequest(deps: RequestDeps, actor: Actor, reference: string, toAadObjectId: string): Promise<AdviceRequest> {
  requireStaff(actor);
  const to = actor.area.people.find((p) => p.aadObjectId === toAadObjectId && roleOf(p.roles, "inclusion-advisor"));
  if (!to) throw new RequestRefusal("Choose an inclusion advisor from the list.");
  return changeRequest(deps, actor, reference, (request) => {
    requireOpen(request, reference);
    if (request.assignedToAadObjectId === to.aadObjectId) throw new RequestRefusal(`${to.name} already has ${reference}.`);
    const status: RequestStatus = request.status === "submitted" ? "assigned" : request.status;
    return { status, kind: "reassigned", summary: `${to.name} is now looking at this request`, detail: undefined, role: "advisor", assignTo: to };
  });
}

/** The advisor needs more from the school: the request waits and its clock pauses. */
export async function askSchool(deps: RequestDeps, actor: Actor, reference: string, question: string): Promise<AdviceRequest> {
  requireStaff(actor);
  requireText(question, "Type your question for the school.");
  guardStaffText(question);
  return changeRequest(deps, actor, reference, (request) => {
    requireOpen(request, reference);
    if (request.status === "awaiting-school") throw new RequestRefusal(`${reference} is already waiting for the school to answer.`);
    return { status: "awaiting-school", kind: "asked-school", summary: `${actor.person.name} asked the school for more information`, detail: question, role: "advisor", assignToIfNone: actor.person, firstResponse: true, pauseClock: true };
  });
}

export async function sendAdvice(deps: RequestDeps, actor: Actor, reference: string, advice: string): Promise<AdviceRequest> {
  requireStaff(actor);
  requireText(advice, "Type the advice for the school.");
  guardStaffText(advice);
  return changeRequest(deps, actor, reference, (request) => {
    if (request.status === "closed" || request.status === "withdrawn") throw new RequestRefusal(`${reference} is ${STATUS_LABELS[request.status].toLowerCase()}; reopen it first.`);
    return { status: "advised", kind: "advised", summary: `${actor.person.name} sent advice`, detail: advice, role: "advisor", assignToIfNone: actor.person, firstResponse: true, resumeClock: true };
  });
}

export async function referOn(deps: RequestDeps, actor: Actor, reference: string, destination: ReferralDestination, note: string): Promise<AdviceRequest> {
  requireStaff(actor);
  guardStaffText(note);
  return changeRequest(deps, actor, reference, (request) => {
    if (request.status === "closed" || request.status === "withdrawn") throw new RequestRefusal(`${reference} is ${STATUS_LABELS[request.status].toLowerCase()}; reopen it first.`);
    return { status: "referred", kind: "referred", summary: `${actor.person.name} referred this on to ${REFERRAL_LABELS[destination].toLowerCase()}`, detail: note || undefined, role: "advisor", assignToIfNone: actor.person, firstResponse: true, resumeClock: true, referredTo: destination };
  });
}

export async function closeRequest(deps: RequestDeps, actor: Actor, reference: string, outcome: CloseOutcome, note: string): Promise<AdviceRequest> {
  requireStaff(actor);
  guardStaffText(note);
  return changeRequest(deps, actor, reference, (request) => {
    if (request.status === "closed" || request.status === "withdrawn") throw new RequestRefusal(`${reference} is already ${STATUS_LABELS[request.status].toLowerCase()}.`);
    return { status: "closed", kind: "closed", summary: `${actor.person.name} closed this request: ${OUTCOME_LABELS[outcome].toLowerCase()}`, detail: note || undefined, role: "advisor", resumeClock: true, outcome };
  });
}

export async function reopenRequest(deps: RequestDeps, actor: Actor, reference: string): Promise<AdviceRequest> {
  requireStaff(actor);
  return changeRequest(deps, actor, reference, (request) => {
    if (request.status !== "closed" && request.status !== "advised" && request.status !== "referred") throw new RequestRefusal(`${reference} is ${STATUS_LABELS[request.status].toLowerCase()}, so it can't be reopened.`);
    return { status: "assigned", kind: "reopened", summary: `${actor.person.name} reopened this request`, detail: undefined, role: "advisor", assignToIfNone: actor.person, clearOutcome: true };
  });
}

/** Records the triage card's place, so later changes update it for everyone. Not a history event. */
export async function recordTriagePost(deps: RequestDeps, areaId: string, reference: string, post: { conversationId: string; activityId: string }): Promise<void> {
  await patchRequest(deps, areaId, reference, (r) => ({ ...r, triagePost: post }));
}

export async function recordAlert(deps: RequestDeps, areaId: string, reference: string, kind: "dueSoon" | "overdue", at: Date): Promise<boolean> {
  let first = false;
  await patchRequest(deps, areaId, reference, (r) => {
    first = !r.alerts[kind];
    return first ? { ...r, alerts: { ...r.alerts, [kind]: at.toISOString() } } : undefined;
  });
  return first;
}

interface Change {
  status: RequestStatus;
  kind: RequestEventKind;
  summary: string;
  detail: string | undefined;
  role: RequestEvent["actorRole"];
  assignTo?: Person;
  assignToIfNone?: Person;
  firstResponse?: boolean;
  pauseClock?: boolean;
  resumeClock?: boolean;
  referredTo?: ReferralDestination;
  outcome?: CloseOutcome;
  clearOutcome?: boolean;
}

/**
 * Read, decide, write with the ETag, append the event in the same transaction. On a conflict
 * the decision is made again on the latest state, so a rule that no longer holds refuses clearly.
 */
async function changeRequest(deps: RequestDeps, actor: Actor, reference: string, decide: (request: AdviceRequest) => Change): Promise<AdviceRequest> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const stored = await deps.store.get(actor.area.id, reference);
    if (!stored || !canSeeRequest(actor.person, stored.request)) throw new RequestRefusal(`I can't find request ${reference} for you.`);
    const change = decide(stored.request);
    const next = apply(stored, change, actor, deps);
    try {
      await deps.store.update(next.request, stored.etag, [next.event]);
      return next.request;
    } catch (err) {
      if (!(err instanceof StaleWriteError)) throw err;
      // Someone else wrote first: loop and decide again on what they wrote.
    }
  }
  const latest = await deps.store.get(actor.area.id, reference);
  if (latest) throw new RequestConflict(latest.request);
  throw new RequestRefusal(`I can't find request ${reference} for you.`);
}

/** A change of bookkeeping only (no history line), still ETag-guarded. */
async function patchRequest(deps: RequestDeps, areaId: string, reference: string, patch: (r: AdviceRequest) => AdviceRequest | undefined): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const stored = await deps.store.get(areaId, reference);
    if (!stored) return;
    const next = patch(stored.request);
    if (!next) return;
    try {
      await deps.store.update(next, stored.etag, []);
      return;
    } catch (err) {
      if (!(err instanceof StaleWriteError)) throw err;
    }
  }
}

function apply(stored: StoredRequest, change: Change, actor: Actor, deps: RequestDeps): { request: AdviceRequest; event: RequestEvent } {
  const now = deps.now();
  const at = now.toISOString();
  const before = stored.request;
  let pausedIntervals = before.pausedIntervals;
  let pausedSince = before.pausedSince;
  if (change.resumeClock && pausedSince) {
    pausedIntervals = [...pausedIntervals, { from: pausedSince, to: at }];
    pausedSince = undefined;
  }
  if (change.pauseClock && !pausedSince) pausedSince = at;
  const assignee = change.assignTo ?? (before.assignedToAadObjectId ? undefined : change.assignToIfNone);
  const days = before.urgency === "urgent" ? actor.area.serviceLevels.urgentFirstResponseWorkingDays : actor.area.serviceLevels.firstResponseWorkingDays;
  const request: AdviceRequest = {
    ...before,
    status: change.status,
    updatedAt: at,
    lastUpdate: change.summary,
    eventCount: before.eventCount + 1,
    pausedIntervals,
    pausedSince,
    firstResponseDueAt: deps
      .calendarFor(actor.area)
      .dueAt(new Date(before.createdAt), days, pausedIntervals.map((p) => ({ from: new Date(p.from), to: new Date(p.to) })))
      .toISOString(),
    ...(assignee ? { assignedToAadObjectId: assignee.aadObjectId, assignedToName: assignee.name } : {}),
    ...(change.firstResponse && !before.firstResponseAt ? { firstResponseAt: at } : {}),
    ...(change.referredTo ? { referredTo: change.referredTo } : {}),
    ...(change.outcome ? { outcome: change.outcome } : {}),
    ...(change.clearOutcome ? { outcome: undefined } : {}),
  };
  return { request, event: event(request, before.eventCount, change.kind, actor.person, change.role, change.summary, change.detail, at) };
}

function event(request: AdviceRequest, sequence: number, kind: RequestEventKind, person: Person, role: RequestEvent["actorRole"], summary: string, detail: string | undefined, at: string): RequestEvent {
  return { sequence, kind, at, actorAadObjectId: person.aadObjectId, actorName: person.name, actorRole: role, summary, detail, statusAfter: request.status };
}

function requireOwnSchool(actor: Actor, request: AdviceRequest): void {
  const senco = roleOf(actor.person.roles, "senco");
  if (!senco?.schoolIds.includes(request.schoolId)) throw new RequestRefusal("Only the SENCO of the setting that asked can change this request.");
}

function requireStaff(actor: Actor): void {
  if (!isCouncilStaff(actor.person)) throw new RequestRefusal("Only the council's inclusion advisors and triage managers can act on requests.");
}

function requireOpen(request: AdviceRequest, reference: string): void {
  if (!OPEN_STATUSES.includes(request.status)) throw new RequestRefusal(`${reference} is ${STATUS_LABELS[request.status].toLowerCase()}.`);
}

function requireText(text: string, message: string): void {
  if (!text.trim()) throw new RequestRefusal(message);
}

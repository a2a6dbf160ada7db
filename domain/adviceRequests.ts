import type { AreaPack, Person } from "./areaPack";
import {
  OPEN_STATUSES,
  RequestRefusal,
  STATUS_LABELS,
  type AdviceRequest,
  type CloseOutcome,
  type ReferralDestination,
  type RequestEvent,
  type RequestEventKind,
  type RequestStatus,
} from "./adviceRequest";
import type { AdviceRequestStore, StoredRequest } from "./adviceRequestStore";
import type { EffectDispatcher } from "./effects";
import { roleOf, type Directory } from "./directory";
import type { screenSchoolText } from "./textScreening";
import type { WorkingCalendar } from "./workingDays";

export interface RequestDeps {
  store: AdviceRequestStore;
  /** Hands a committed change's effects to the outbox worker. */
  effects: EffectDispatcher;
  now: () => Date;
  calendarFor: (area: AreaPack) => WorkingCalendar;
  /** The stored directory: who may be routed to or handed a request (never the pack in memory). */
  people: Pick<Directory, "listStaff">;
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

/** Reads a request the person may see, or refuses in words they understand. */
export async function viewRequest(deps: RequestDeps, actor: Actor, reference: string): Promise<{ request: AdviceRequest; events: RequestEvent[] }> {
  const stored = await deps.store.get(actor.area.id, reference);
  if (!stored || !canSeeRequest(actor.person, stored.request)) throw new RequestRefusal(`I can't find request ${reference} for you. You can see requests from your own setting only.`);
  return { request: stored.request, events: await deps.store.listEvents(actor.area.id, reference) };
}

/** What a step decides: the new status, the history line, and how assignment and the clock move. */
export interface Change {
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

/** The request and history line a change makes, with the response clock paused, resumed and re-dated. */
export function applyChange(stored: StoredRequest, change: Change, actor: Actor, deps: Pick<RequestDeps, "now" | "calendarFor">): { request: AdviceRequest; event: RequestEvent } {
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
  return { request, event: makeEvent(request, before.eventCount, change.kind, actor.person, change.role, change.summary, change.detail, at) };
}

export function makeEvent(request: AdviceRequest, sequence: number, kind: RequestEventKind, person: Person, role: RequestEvent["actorRole"], summary: string, detail: string | undefined, at: string): RequestEvent {
  return { sequence, kind, at, actorAadObjectId: person.aadObjectId, actorName: person.name, actorRole: role, summary, detail, statusAfter: request.status };
}

export function requireOwnSchool(actor: Actor, request: AdviceRequest): void {
  const senco = roleOf(actor.person.roles, "senco");
  if (!senco?.schoolIds.includes(request.schoolId)) throw new RequestRefusal("Only the SENCO of the setting that asked can change this request.");
}

export function requireStaff(actor: Actor): void {
  if (!isCouncilStaff(actor.person)) throw new RequestRefusal("Only the council's inclusion advisors and triage managers can act on requests.");
}

export function requireOpen(request: AdviceRequest, reference: string): void {
  if (!OPEN_STATUSES.includes(request.status)) throw new RequestRefusal(`${reference} is ${STATUS_LABELS[request.status].toLowerCase()}.`);
}

export function requireText(text: string, message: string): void {
  if (!text.trim()) throw new RequestRefusal(message);
}

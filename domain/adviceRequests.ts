import type { AreaPack, Person } from "./areaPack";
import {
  formatReference,
  OPEN_STATUSES,
  phaseOfYearGroup,
  RequestConflict,
  RequestRefusal,
  STATUS_LABELS,
  type AdviceRequest,
  type AdviceRequestDraft,
  type RequestEvent,
  type RequestEventKind,
  type RequestStatus,
} from "./adviceRequest";
import { StaleWriteError, type AdviceRequestStore, type IdempotencyStore, type StoredRequest } from "./adviceRequestStore";
import { roleOf } from "./directory";

export interface RequestDeps {
  store: AdviceRequestStore;
  idempotency: IdempotencyStore;
  now: () => Date;
}

export interface Actor {
  person: Person;
  area: AreaPack;
}

/** Can this person see the request? Its school's SENCO, or the area's advisors and triage managers. */
export function canSeeRequest(person: Person, request: AdviceRequest): boolean {
  const senco = roleOf(person.roles, "senco");
  if (senco?.schoolIds.includes(request.schoolId)) return true;
  return person.roles.some((r) => r.role === "inclusion-advisor" || r.role === "triage-manager");
}

export function isCouncilStaff(person: Person): boolean {
  return person.roles.some((r) => r.role === "inclusion-advisor" || r.role === "triage-manager");
}

/**
 * Opens an advice request. The draft id from the card makes a double click or a redelivered
 * activity return the request already made instead of opening a second one.
 */
export async function submitAdviceRequest(deps: RequestDeps, actor: Actor, draft: AdviceRequestDraft, idempotencyKey: string): Promise<{ request: AdviceRequest; created: boolean }> {
  const senco = roleOf(actor.person.roles, "senco");
  if (!senco) throw new RequestRefusal("Only a registered SENCO can ask an inclusion advisor. Ask your council's SEND team to register you.");
  if (!senco.schoolIds.includes(draft.schoolId)) throw new RequestRefusal("You can only ask about children at a setting you are registered for.");
  const school = actor.area.schools.find((s) => s.id === draft.schoolId);
  if (!school) throw new RequestRefusal("That setting is not known to the council.");

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
    const request: AdviceRequest = {
      ...draft,
      areaId: actor.area.id,
      reference,
      localityId: school.localityId,
      phase: phaseOfYearGroup(draft.yearGroup),
      sencoAadObjectId: actor.person.aadObjectId,
      sencoName: actor.person.name,
      status: "submitted",
      assignedToAadObjectId: undefined,
      assignedToName: undefined,
      createdAt: at,
      updatedAt: at,
      firstResponseAt: undefined,
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

export async function addInformation(deps: RequestDeps, actor: Actor, reference: string, text: string): Promise<AdviceRequest> {
  return changeRequest(deps, actor, reference, (request) => {
    requireOwnSchool(actor, request);
    if (!OPEN_STATUSES.includes(request.status) && request.status !== "advised" && request.status !== "referred")
      throw new RequestRefusal(`Request ${reference} is ${STATUS_LABELS[request.status].toLowerCase()}, so it can't take more information. Ask a new question instead.`);
    // Answering the advisor's question hands the request back to them.
    const status: RequestStatus = request.status === "awaiting-school" ? "assigned" : request.status;
    return { status, kind: "information-added", summary: "The school added information", detail: text, role: "senco" };
  });
}

export async function withdrawRequest(deps: RequestDeps, actor: Actor, reference: string): Promise<AdviceRequest> {
  return changeRequest(deps, actor, reference, (request) => {
    requireOwnSchool(actor, request);
    if (!OPEN_STATUSES.includes(request.status))
      throw new RequestRefusal(`Request ${reference} is ${STATUS_LABELS[request.status].toLowerCase()}, so there is nothing to withdraw.`);
    return { status: "withdrawn", kind: "withdrawn", summary: "The school withdrew the request", detail: undefined, role: "senco" };
  });
}

/** An advisor takes the request. Two at once: one wins, the other is told who has it. */
export async function claimRequest(deps: RequestDeps, actor: Actor, reference: string): Promise<AdviceRequest> {
  if (!roleOf(actor.person.roles, "inclusion-advisor")) throw new RequestRefusal("Only an inclusion advisor can claim a request.");
  return changeRequest(
    deps,
    actor,
    reference,
    (request) => {
      if (request.status !== "submitted")
        throw new RequestRefusal(
          request.assignedToName ? `${request.assignedToName} has already claimed ${reference}.` : `Request ${reference} is ${STATUS_LABELS[request.status].toLowerCase()}.`,
        );
      return { status: "assigned", kind: "claimed", summary: `${actor.person.name} is looking at this request`, detail: undefined, role: "advisor", assignTo: actor.person, firstResponse: true };
    },
  );
}

interface Change {
  status: RequestStatus;
  kind: RequestEventKind;
  summary: string;
  detail: string | undefined;
  role: RequestEvent["actorRole"];
  assignTo?: Person;
  firstResponse?: boolean;
}

/**
 * Read, decide, write with the ETag, append the event in the same transaction. On a conflict
 * the decision is made again on the latest state, so a rule that no longer holds refuses clearly.
 */
async function changeRequest(deps: RequestDeps, actor: Actor, reference: string, decide: (request: AdviceRequest) => Change): Promise<AdviceRequest> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const stored = await deps.store.get(actor.area.id, reference);
    if (!stored || !canSeeRequest(actor.person, stored.request)) throw new RequestRefusal(`I can't find request ${reference} for you.`);
    const change = decide(stored.request);
    const next = apply(stored, change, actor.person, deps.now());
    try {
      await deps.store.update(next.request, stored.etag, next.event);
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

function apply(stored: StoredRequest, change: Change, person: Person, now: Date): { request: AdviceRequest; event: RequestEvent } {
  const at = now.toISOString();
  const request: AdviceRequest = {
    ...stored.request,
    status: change.status,
    updatedAt: at,
    lastUpdate: change.summary,
    eventCount: stored.request.eventCount + 1,
    ...(change.assignTo ? { assignedToAadObjectId: change.assignTo.aadObjectId, assignedToName: change.assignTo.name } : {}),
    ...(change.firstResponse && !stored.request.firstResponseAt ? { firstResponseAt: at } : {}),
  };
  return { request, event: event(request, stored.request.eventCount, change.kind, person, change.role, change.summary, change.detail, at) };
}

function event(request: AdviceRequest, sequence: number, kind: RequestEventKind, person: Person, role: RequestEvent["actorRole"], summary: string, detail: string | undefined, at: string): RequestEvent {
  return { sequence, kind, at, actorAadObjectId: person.aadObjectId, actorName: person.name, actorRole: role, summary, detail, statusAfter: request.status };
}

function requireOwnSchool(actor: Actor, request: AdviceRequest): void {
  const senco = roleOf(actor.person.roles, "senco");
  if (!senco?.schoolIds.includes(request.schoolId)) throw new RequestRefusal("Only the SENCO of the setting that asked can change this request.");
}

import { randomUUID } from "node:crypto";
import { formatReference, phaseOfYearGroup, RequestRefusal, type AdviceRequest, type AdviceRequestDraft } from "../domain/adviceRequest";
import { AlreadyApplied } from "../domain/adviceRequestStore";
import { makeEvent, type Actor, type RequestDeps } from "../domain/adviceRequests";
import { roleOf } from "../domain/directory";
import { auditEffect } from "../domain/effects";
import { guardSchoolText } from "../domain/requestTextGuards";
import { routeToAdvisor } from "../domain/routing";
import type { SchoolTextOptions } from "../domain/textScreening";
import { londonDate } from "../domain/workingDays";

/**
 * Opens an advice request, with the clock started, an advisor suggested, and its triage post and
 * audit line in the same transaction. The form's draft id is the idempotency key: a double click,
 * a redelivered activity or two instances racing open one request and return it to each.
 * `answered` carries the form's "No" to the risk-of-harm question.
 */
export async function submitAdviceRequest(
  deps: RequestDeps,
  actor: Actor,
  draft: AdviceRequestDraft,
  draftId: string,
  answered: SchoolTextOptions = {},
): Promise<{ request: AdviceRequest; created: boolean }> {
  const senco = roleOf(actor.person.roles, "senco");
  if (!senco) throw new RequestRefusal("Only a registered SENCO can ask an inclusion advisor. Ask your council's SEND team to register you.");
  if (!senco.schoolIds.includes(draft.schoolId)) throw new RequestRefusal("You can only ask about children at a setting you are registered for.");
  const school = actor.area.schools.find((s) => s.id === draft.schoolId);
  if (!school) throw new RequestRefusal("That setting is not known to the council.");
  // question and tried are the draft's only free text; the rest are choices.
  guardSchoolText([draft.question, draft.tried], answered, deps.screenSchoolText);

  const marker = `draft:${draftId}`;
  const done = await deps.store.findMarker(actor.area.id, marker);
  if (done !== undefined) return existing(deps, actor, done);

  const now = deps.now();
  const number = await deps.store.nextReferenceNumber(actor.area.id, now.getUTCFullYear());
  const reference = formatReference(now.getUTCFullYear(), number);
  const at = now.toISOString();
  const phase = phaseOfYearGroup(draft.yearGroup);
  const days = draft.urgency === "urgent" ? actor.area.serviceLevels.urgentFirstResponseWorkingDays : actor.area.serviceLevels.firstResponseWorkingDays;
  const suggestion = routeToAdvisor(await deps.people.listStaff(actor.area.id), { localityId: school.localityId, primaryNeed: draft.primaryNeed, phase }, await deps.store.openLoads(actor.area.id), londonDate(now));
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
  const first = makeEvent(request, 0, "submitted", actor.person, "senco", "Request sent to the inclusion team", undefined, at);
  const effects = [
    { id: randomUUID(), effect: auditEffect(actor.area.id, now, actor.person.aadObjectId, "request-submitted", reference) },
    // "Posted to triage" is a state the outbox worker drives: it posts, then records where.
    { id: randomUUID(), effect: { kind: "triage-post" as const, areaId: actor.area.id, reference } },
  ];
  try {
    await deps.effects.dispatch(await deps.store.create(request, first, { effects, marker: { key: marker, result: reference } }));
    return { request, created: true };
  } catch (err) {
    // The same draft was sent by another delivery meanwhile: theirs is the request (this number is skipped).
    if (err instanceof AlreadyApplied) return existing(deps, actor, err.result);
    throw err;
  }
}

async function existing(deps: RequestDeps, actor: Actor, reference: string): Promise<{ request: AdviceRequest; created: boolean }> {
  const stored = await deps.store.get(actor.area.id, reference);
  if (!stored) throw new RequestRefusal("We're already opening this request. Type 'my requests' in a moment to see it.");
  return { request: stored.request, created: false };
}

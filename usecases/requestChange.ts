import { randomUUID } from "node:crypto";
import { RequestConflict, RequestRefusal, type AdviceRequest, type RequestEvent } from "../domain/adviceRequest";
import { AlreadyApplied, StaleWriteError } from "../domain/adviceRequestStore";
import { applyChange, canSeeRequest, type Actor, type Change, type RequestDeps } from "../domain/adviceRequests";
import { auditEffect, type Effect, type PlannedEffect } from "../domain/effects";

/** What a step returns: the request after it, and whether this call made the change. */
export interface StepResult {
  request: AdviceRequest;
  /** False when the same card press or message had already been applied (nothing was changed). */
  applied: boolean;
}

/** The id of one delivery of a step (a card press's id, a message's activity id); same id, same outcome. */
export type StepKey = string | undefined;

const plan = (effects: readonly Effect[]): PlannedEffect[] => effects.map((effect) => ({ id: randomUUID(), effect }));

/**
 * Read, decide, then write the request, its history line, the effects the change causes and the
 * step's idempotency marker in one transaction, guarded by the ETag. On a conflict the decision is
 * made again on the latest state, so a rule that no longer holds refuses clearly. The effects go
 * to the outbox worker once committed.
 */
export async function changeRequest(
  deps: RequestDeps,
  actor: Actor,
  reference: string,
  key: StepKey,
  decide: (request: AdviceRequest) => Change,
  effectsOf: (request: AdviceRequest, event: RequestEvent) => Effect[],
): Promise<StepResult> {
  const marker = key ? `step:${key}` : undefined;
  for (let attempt = 0; attempt < 8; attempt++) {
    if (marker && (await deps.store.findMarker(actor.area.id, marker)) !== undefined) return current(deps, actor, reference);
    const stored = await deps.store.get(actor.area.id, reference);
    if (!stored || !canSeeRequest(actor.person, stored.request)) throw new RequestRefusal(`I can't find request ${reference} for you.`);
    const next = applyChange(stored, decide(stored.request), actor, deps);
    const effects = plan([auditEffect(actor.area.id, deps.now(), actor.person.aadObjectId, `request-${next.event.kind}`, reference, next.request.status), ...effectsOf(next.request, next.event)]);
    try {
      const written = await deps.store.update(next.request, stored.etag, [next.event], { effects, ...(marker ? { marker: { key: marker, result: reference } } : {}) }, stored.request);
      await deps.effects.dispatch(written);
      return { request: next.request, applied: true };
    } catch (err) {
      if (err instanceof AlreadyApplied) return current(deps, actor, reference);
      if (!(err instanceof StaleWriteError)) throw err;
      // Someone else wrote first: decide again on what they wrote, after a short random pause.
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 15 * (attempt + 1)));
    }
  }
  const latest = await deps.store.get(actor.area.id, reference);
  if (latest) throw new RequestConflict(latest.request);
  throw new RequestRefusal(`I can't find request ${reference} for you.`);
}

async function current(deps: RequestDeps, actor: Actor, reference: string): Promise<StepResult> {
  const stored = await deps.store.get(actor.area.id, reference);
  if (!stored || !canSeeRequest(actor.person, stored.request)) throw new RequestRefusal(`I can't find request ${reference} for you.`);
  return { request: stored.request, applied: false };
}

/** The conflict that outlived every retry; callers log it and the worker or timer tries again. */
export class BookkeepingConflict extends Error {
  override name = "BookkeepingConflict";
}

/**
 * A change of bookkeeping only (no history line), ETag-guarded, with any effects it causes.
 * `patch` returning undefined means there is nothing to do. Throws after repeated conflicts
 * rather than giving up silently.
 */
export async function patchRequest(
  deps: RequestDeps,
  areaId: string,
  reference: string,
  patch: (r: AdviceRequest) => { request: AdviceRequest; effects?: Effect[] } | undefined,
): Promise<AdviceRequest | undefined> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const stored = await deps.store.get(areaId, reference);
    if (!stored) return undefined;
    const next = patch(stored.request);
    if (!next) return undefined;
    try {
      const written = await deps.store.update(next.request, stored.etag, [], { effects: plan(next.effects ?? []) }, stored.request);
      await deps.effects.dispatch(written);
      return next.request;
    } catch (err) {
      if (!(err instanceof StaleWriteError)) throw err;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 15 * (attempt + 1)));
    }
  }
  throw new BookkeepingConflict(`Request ${reference} kept changing; the update will be tried again`);
}

export { plan as planEffects };

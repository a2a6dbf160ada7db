import { OPEN_STATUSES, RequestRefusal, STATUS_LABELS } from "../domain/adviceRequest";
import { requireOwnSchool, type Actor, type RequestDeps } from "../domain/adviceRequests";
import type { Effect } from "../domain/effects";
import { guardSchoolText } from "../domain/requestTextGuards";
import type { SchoolTextOptions } from "../domain/textScreening";
import { changeRequest, type StepKey, type StepResult } from "./requestChange";

/** A school's step changes the triage card everyone sees; the SENCO, who made it, needs no message. */
const refreshTriage = (areaId: string, reference: string): Effect[] => [{ kind: "triage-refresh", areaId, reference }];

/**
 * The school adds information (or answers the advisor's question); if the advisor was waiting for
 * it, the request goes back to them. `answered` carries the school's "No" to the risk-of-harm question.
 */
export async function addInformation(deps: RequestDeps, actor: Actor, reference: string, text: string, answered: SchoolTextOptions = {}, key?: StepKey): Promise<StepResult> {
  if (!text.trim()) throw new RequestRefusal("Type the information you'd like to add first.");
  guardSchoolText([text], answered, deps.screenSchoolText);
  return changeRequest(
    deps,
    actor,
    reference,
    key,
    (request) => {
      requireOwnSchool(actor, request);
      if (request.status === "closed" || request.status === "withdrawn")
        throw new RequestRefusal(`Request ${reference} is ${STATUS_LABELS[request.status].toLowerCase()}, so it can't take more information. Ask a new question instead.`);
      if (request.status === "awaiting-school")
        return { status: "assigned", kind: "school-answered", summary: "The school answered the advisor's question", detail: text, role: "senco", resumeClock: true };
      return { status: request.status, kind: "information-added", summary: "The school added information", detail: text, role: "senco" };
    },
    () => refreshTriage(actor.area.id, reference),
  );
}

export async function withdrawRequest(deps: RequestDeps, actor: Actor, reference: string, key?: StepKey): Promise<StepResult> {
  return changeRequest(
    deps,
    actor,
    reference,
    key,
    (request) => {
      requireOwnSchool(actor, request);
      if (!OPEN_STATUSES.includes(request.status))
        throw new RequestRefusal(`Request ${reference} is ${STATUS_LABELS[request.status].toLowerCase()}, so there is nothing to withdraw.`);
      return { status: "withdrawn", kind: "withdrawn", summary: "The school withdrew the request", detail: undefined, role: "senco", resumeClock: true };
    },
    () => refreshTriage(actor.area.id, reference),
  );
}

import type { Activity, InvokeResponse } from "botbuilder";
import type { Application, TurnState } from "@microsoft/teams-ai";
import type { Logger } from "../app/log";
import { actionFailedCard } from "../cards/outcomeCards";
import { describeIssues, incomingActivity, type ActivityRules } from "./activitySchema";
import type { FunctionsTeamsAdapter } from "./adapter";

export interface BridgeRequest {
  authorization: string;
  bodyText: string;
}
export interface BridgeResponse {
  status: number;
  jsonBody?: unknown;
}
export type BridgeOptions = ActivityRules;

const isCardAction = (a: { type?: unknown; name?: unknown }) => a.type === "invoke" && a.name === "adaptiveCard/action";

/**
 * What Teams is told when a turn failed on our side. A card press that reaches here failed before
 * its handler ran (onCardAction answers every failure inside one, and a turn keeps no state to save
 * after it), so nothing was saved and the card says so. Never a 5xx: Teams shows its own vague error
 * for those, and a card action must get a card back or the button just spins and fails.
 */
export function failedTurnResponse(body: unknown): BridgeResponse {
  const a = typeof body === "object" && body !== null ? (body as { type?: unknown; name?: unknown }) : {};
  if (isCardAction(a)) return { status: 200, jsonBody: { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: actionFailedCard(undefined) } };
  if (a.type === "invoke") return { status: 200, jsonBody: {} };
  // A message's apology was already sent by the bot's own error handler.
  return { status: 200 };
}

/**
 * The one place an HTTP body becomes a bot turn: parse, validate, run, and hand back the invoke
 * response (Action.Execute needs the card in the HTTP answer, not as a separate message).
 * Bad input gets a 4xx naming the field; a failure of ours is logged and never answered with a 5xx.
 */
export async function processBotRequest(
  request: BridgeRequest,
  adapter: FunctionsTeamsAdapter,
  app: Application<TurnState>,
  log: Logger,
  options: BridgeOptions,
): Promise<BridgeResponse> {
  let body: unknown;
  try {
    body = JSON.parse(request.bodyText);
  } catch {
    return { status: 400, jsonBody: { error: "The request body is not valid JSON." } };
  }
  const parsed = incomingActivity(options).safeParse(body);
  if (!parsed.success) {
    const reason = describeIssues(parsed.error);
    log.warn("Rejected a malformed activity", { reason });
    return { status: 400, jsonBody: { error: `The activity is not valid: ${reason}` } };
  }
  const activity = parsed.data;
  // Type and id only: the text may hold what a person typed.
  const about = { activityType: activity.type, activityId: activity.id };
  let invoke: InvokeResponse | undefined;
  try {
    invoke = await adapter.handleActivity(request.authorization, activity as unknown as Activity, async (context) => {
      await app.run(context);
    });
  } catch (err) {
    const status = statusOf(err);
    if (status === 401 || status === 403) {
      log.warn("Rejected an unauthenticated activity", { status });
      return { status, jsonBody: { error: "Unauthorised." } };
    }
    log.error("Failed to process an activity", { error: loggable(err), ...about });
    return failedTurnResponse(activity);
  }
  // The SDK answers 501 for an invoke no route answered, which is what a failed turn leaves behind.
  const failed = !invoke || invoke.status >= 500 || (isCardAction(activity) && invoke.body == null);
  if (activity.type === "invoke" && failed) {
    log.warn("An invoke got no usable answer from the bot", { status: invoke?.status, ...about });
    return failedTurnResponse(activity);
  }
  if (!invoke) return { status: 200 };
  if (invoke.status >= 500) return { status: 200 };
  return { status: invoke.status, jsonBody: invoke.body };
}

function statusOf(err: unknown): number | undefined {
  if (typeof err === "object" && err !== null && "statusCode" in err) {
    const s = err.statusCode;
    return typeof s === "number" ? s : undefined;
  }
  return undefined;
}

/** Something the JSON logger can always write, whatever was thrown. */
function loggable(err: unknown): Error | { thrown: string } {
  return err instanceof Error ? err : { thrown: typeof err };
}

import type { Activity } from "botbuilder";
import type { Application, TurnState } from "@microsoft/teams-ai";
import type { Logger } from "../app/log";
import { IncomingActivity } from "./activitySchema";
import type { FunctionsTeamsAdapter } from "./adapter";

export interface BridgeRequest {
  authorization: string;
  bodyText: string;
}
export interface BridgeResponse {
  status: number;
  jsonBody?: unknown;
}

/**
 * The one place an HTTP body becomes a bot turn: parse, validate, run, and hand back the invoke
 * response (Action.Execute needs the card in the HTTP answer, not as a separate message).
 */
export async function processBotRequest(
  request: BridgeRequest,
  adapter: FunctionsTeamsAdapter,
  app: Application<TurnState>,
  log: Logger,
): Promise<BridgeResponse> {
  let body: unknown;
  try {
    body = JSON.parse(request.bodyText);
  } catch {
    return { status: 400, jsonBody: { error: "The request body is not valid JSON." } };
  }
  const parsed = IncomingActivity.safeParse(body);
  if (!parsed.success) {
    const reason = parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
    log.warn("Rejected a malformed activity", { reason });
    return { status: 400, jsonBody: { error: `The activity is not valid: ${reason}` } };
  }
  try {
    const invoke = await adapter.handleActivity(request.authorization, parsed.data as unknown as Activity, async (context) => {
      await app.run(context);
    });
    if (invoke) return { status: invoke.status, jsonBody: invoke.body };
    return { status: 200 };
  } catch (err) {
    const status = statusOf(err);
    if (status === 401 || status === 403) {
      log.warn("Rejected an unauthenticated activity", { status });
      return { status, jsonBody: { error: "Unauthorised." } };
    }
    log.error("Failed to process an activity", { error: err, activityType: parsed.data.type, activityId: parsed.data.id });
    throw err;
  }
}

function statusOf(err: unknown): number | undefined {
  if (typeof err === "object" && err !== null && "statusCode" in err) {
    const s = err.statusCode;
    return typeof s === "number" ? s : undefined;
  }
  return undefined;
}

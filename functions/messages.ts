import type { HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import { getRuntime, type Runtime } from "../app/composition";
import { failedTurnResponse, processBotRequest, type BridgeResponse } from "../bot/httpBridge";

/** Teams activities are a few KB (a message is at most about 28 KB); the host's own limit is 100 MB. */
export const MAX_ACTIVITY_BYTES = 512 * 1024;

const tooLarge: HttpResponseInit = { status: 413, jsonBody: { error: `The activity is larger than ${MAX_ACTIVITY_BYTES / 1024} KB.` } };

/**
 * POST /api/messages: Teams (or the playground) delivers every activity here. Bad input gets a
 * 4xx; anything failing on our side is logged and answered 200, as a 5xx would only make Teams
 * show a vaguer error (and retry) while an invoke still needs a body. Nothing is rethrown: an HTTP
 * trigger gains no retry from it.
 */
export async function messages(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_ACTIVITY_BYTES) return tooLarge;
  let bodyText: string;
  try {
    const bytes = await request.arrayBuffer();
    if (bytes.byteLength > MAX_ACTIVITY_BYTES) return tooLarge;
    bodyText = new TextDecoder().decode(bytes);
  } catch (err) {
    context.warn("messages: could not read the request body", err);
    return { status: 400, jsonBody: { error: "The request body could not be read." } };
  }
  let rt: Runtime;
  try {
    rt = await getRuntime();
  } catch (err) {
    // Storage down at a cold start, say: the next request tries to build the runtime again.
    context.error("messages: the app could not start, so the activity was not processed", err);
    return answerWithoutRuntime(bodyText);
  }
  try {
    const result = await processBotRequest(
      { authorization: request.headers.get("authorization") ?? "", bodyText },
      rt.adapter,
      rt.bot,
      rt.log.child({ invocationId: context.invocationId }),
      { localMode: !rt.config.bot.authenticated },
    );
    return toHttp(result);
  } catch (err) {
    // processBotRequest answers its own failures; this only guards against a bug in it.
    context.error("messages: failed to process activity", err);
    return answerWithoutRuntime(bodyText);
  }
}

function answerWithoutRuntime(bodyText: string): HttpResponseInit {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return { status: 400, jsonBody: { error: "The request body is not valid JSON." } };
  }
  return toHttp(failedTurnResponse(body));
}

function toHttp(result: BridgeResponse): HttpResponseInit {
  return result.jsonBody === undefined ? { status: result.status } : { status: result.status, jsonBody: result.jsonBody };
}

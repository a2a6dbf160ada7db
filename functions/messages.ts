import type { HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import { getRuntime } from "../app/composition";
import { processBotRequest } from "../bot/httpBridge";

/** POST /api/messages: Teams (or the playground) delivers every activity here. */
export async function messages(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  try {
    const rt = await getRuntime();
    const result = await processBotRequest(
      { authorization: request.headers.get("authorization") ?? "", bodyText: await request.text() },
      rt.adapter,
      rt.bot,
      rt.log.child({ invocationId: context.invocationId }),
    );
    return result.jsonBody === undefined ? { status: result.status } : { status: result.status, jsonBody: result.jsonBody };
  } catch (err) {
    context.error("messages: failed to process activity", err);
    throw err;
  }
}

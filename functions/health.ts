import type { HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import { getRuntime } from "../app/composition";
import { APP_VERSION } from "../app/version";

/** GET /api/health: version and whether Table storage answers; 503 when it does not. */
export async function health(_request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  try {
    const rt = await getRuntime();
    const storageOk = await rt.tables.ping();
    return {
      status: storageOk ? 200 : 503,
      jsonBody: {
        status: storageOk ? "ok" : "degraded",
        version: APP_VERSION,
        storage: storageOk ? "ok" : "unreachable",
        authentication: rt.config.bot.authenticated ? "on" : rt.config.bot.unauthenticatedInAzure ? "OFF IN AZURE (ALLOW_UNAUTHENTICATED_IN_AZURE override)" : "off (local mode)",
        areas: rt.packs.map((p) => p.id),
      },
    };
  } catch (err) {
    context.error("health: runtime failed to start", err);
    throw err;
  }
}

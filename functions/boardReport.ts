import type { HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import { z } from "zod";
import { getRuntime } from "../app/composition";
import { verifyLink } from "../app/signedLinks";
import { boardReportMarkdown, boardReportHtml } from "../domain/boardReport";
import { boardReportFor } from "../bot/workstreamPosting";

const Query = z.object({ area: z.string().min(1).max(64), format: z.enum(["html", "md"]), expires: z.string().regex(/^\d+$/), sig: z.string().min(10).max(200) });

/** GET /api/board-report: the highlight report as a document for board papers, by signed link only. */
export async function boardReport(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  try {
    const rt = await getRuntime();
    const q = Query.safeParse(Object.fromEntries(request.query.entries()));
    if (!q.success) return { status: 400, jsonBody: { error: "This link is incomplete. Open the report again from the card in Teams." } };
    const { sig, ...params } = q.data;
    if (!verifyLink(rt.config.boardReportKey, params, sig, rt.now())) return { status: 403, jsonBody: { error: "This link has expired or is not valid. Open the report again from the card in Teams." } };
    const area = rt.packs.find((p) => p.id === q.data.area);
    if (!area) return { status: 404, jsonBody: { error: "No such local area." } };
    const { report } = await boardReportFor(rt.deps, area);
    const name = `highlight-report-${area.id}-${report.generatedAt.slice(0, 10)}`;
    return q.data.format === "html"
      ? { status: 200, body: boardReportHtml(report), headers: { "content-type": "text/html; charset=utf-8", "content-disposition": `inline; filename="${name}.html"` } }
      : { status: 200, body: boardReportMarkdown(report), headers: { "content-type": "text/markdown; charset=utf-8", "content-disposition": `attachment; filename="${name}.md"` } };
  } catch (err) {
    context.error("boardReport: failed", err);
    throw err;
  }
}

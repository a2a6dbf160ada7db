import { z } from "zod";
import type { Logger } from "../app/log";
import type { SecondOpinion } from "../domain/textScreening";

/** Azure AI Content Safety's text analysis answer: a severity per harm category. */
const AnalyzeResponse = z.object({ categoriesAnalysis: z.array(z.object({ category: z.string(), severity: z.number().optional() })) });

/** Severity (0, 2, 4 or 6 with four levels) from which self-harm, violence or sexual content raises the screen. */
const RAISE_FROM = 4;

/**
 * A second opinion from Azure AI Content Safety (text:analyze). Off unless configured. It only
 * ever raises the local screen's answer, and gives up after the configured time so a card action
 * still answers within Teams' limit. Only the outcome is logged, never the text.
 */
export function contentSafetyOpinion(config: { endpoint: string; key: string; timeoutMs: number }, log: Logger): SecondOpinion {
  return {
    async assess(text: string): Promise<"raise" | "none"> {
      try {
        const res = await fetch(`${config.endpoint}/contentsafety/text:analyze?api-version=2024-09-01`, {
          method: "POST",
          headers: { "content-type": "application/json", "Ocp-Apim-Subscription-Key": config.key },
          body: JSON.stringify({ text: text.slice(0, 10_000), categories: ["SelfHarm", "Violence", "Sexual"], outputType: "FourSeverityLevels" }),
          signal: AbortSignal.timeout(config.timeoutMs),
        });
        if (!res.ok) {
          log.warn("Content Safety second opinion unavailable", { status: res.status });
          return "none";
        }
        const parsed = AnalyzeResponse.safeParse(await res.json());
        if (!parsed.success) {
          log.warn("Content Safety answered in an unexpected shape");
          return "none";
        }
        const raise = parsed.data.categoriesAnalysis.some((c) => (c.severity ?? 0) >= RAISE_FROM);
        log.info("Content Safety second opinion", { raised: raise });
        return raise ? "raise" : "none";
      } catch (err) {
        log.warn("Content Safety second opinion skipped", { reason: err instanceof Error ? err.name : "unknown" });
        return "none";
      }
    },
  };
}

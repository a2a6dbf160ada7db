import { z } from "zod";
import { NeedArea, Phase } from "./areaPack";

/**
 * The local area's own guidance: short articles the inclusion team writes, each tagged with the
 * need areas and phases it fits and the basis it rests on, so advice can show its source.
 */
export const ArticleKind = z.enum([
  "strategy", // ordinarily available strategies for a need
  "graduated-approach", // assess, plan, do, review at SEN support
  "statutory", // when an EHC needs assessment request is appropriate, and the process
  "training", // local training offers
  "network", // SENCO networks and peer support
  "service", // local services and how to reach them
]);
export type ArticleKind = z.infer<typeof ArticleKind>;

export const GuidanceArticle = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).max(80),
  title: z.string().min(1).max(160),
  kind: ArticleKind,
  needAreas: z.array(NeedArea).min(1),
  phases: z.array(Phase).min(1),
  /** One or two sentences: what this is and when it helps. */
  summary: z.string().min(1).max(600),
  /** Practical steps a SENCO can take, each a sentence or two. */
  strategies: z.array(z.string().min(1).max(500)).min(1).max(12),
  /** Extra words people use for this need (for search), e.g. "dyslexia", "meltdowns". */
  keywords: z.array(z.string().min(1).max(60)).default([]),
  /** What the advice rests on: the SEND Code of Practice, the area's OAPL, a named local offer. */
  basis: z.string().min(1).max(300),
  url: z.string().url().optional(),
});
export type GuidanceArticle = z.infer<typeof GuidanceArticle>;

export const GuidanceCorpus = z.object({
  areaId: z.string().min(1),
  articles: z.array(GuidanceArticle).min(1),
}).superRefine((corpus, ctx) => {
  const seen = new Set<string>();
  corpus.articles.forEach((a, i) => {
    if (seen.has(a.id)) ctx.addIssue({ code: "custom", path: ["articles", i, "id"], message: `duplicate article id "${a.id}"` });
    seen.add(a.id);
  });
});
export type GuidanceCorpus = z.infer<typeof GuidanceCorpus>;

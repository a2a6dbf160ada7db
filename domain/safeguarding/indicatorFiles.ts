import { z } from "zod";

/** One thing a designated safeguarding lead is trained to notice, as patterns over lemmas. */
export const IndicatorSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+$/, "ids are <category>.<name> in lower case"),
  /** "concern" redirects at once; "possible" asks the person first */
  level: z.enum(["concern", "possible"]),
  /** completes "Your message mentions ...": general words, never the message's own */
  says: z.string().min(3).max(120),
  patterns: z.array(z.string().min(1)).min(1),
  /** concepts or patterns that, anywhere in the message, may explain it innocently: concern becomes possible */
  explainedBy: z.array(z.string()).default([]),
  /** patterns of which one must also appear somewhere in the message: "walking differently" counts only after a trip abroad */
  alsoNeeds: z.array(z.string()).default([]),
});

export const CategorySchema = z.object({
  category: z.string().regex(/^[a-z-]+$/),
  title: z.string(),
  /** the statutory guidance the category comes from, for the reviewer */
  basis: z.string(),
  review: z.object({ owner: z.string(), lastReviewed: z.string(), notes: z.string().optional() }),
  indicators: z.array(IndicatorSchema).min(1),
});

export const LexiconSchema = z.object({
  about: z.string(),
  irregularForms: z.record(z.string()),
  spellings: z.record(z.string()),
  /** everyday phrases rewritten before matching, so "knife and fork" is not a weapon */
  phraseRewrites: z.record(z.string()),
  concepts: z.record(z.array(z.string().min(1)).min(1)),
  /** words that, close before a signal in its clause, negate it */
  negators: z.array(z.string()),
  /** phrases that, before a signal in its sentence, hedge it */
  hedges: z.array(z.string()),
  /** phrases anywhere in a message that make the whole message hedged ("probably nothing", "lol") */
  messageHedges: z.array(z.string()),
});

export type Indicator = z.infer<typeof IndicatorSchema>;
export type CategoryFile = z.infer<typeof CategorySchema>;
export type Lexicon = z.infer<typeof LexiconSchema>;

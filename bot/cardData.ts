import { z } from "zod";

/** An id a card carries (a draft, an advice card): it becomes part of a Table key, so it is short. */
export const CardId = z.string().min(1).max(100);

/** Card submits are untrusted input: parse them, and say which field is wrong in plain words. */
export function parseCardData<T extends z.ZodTypeAny>(schema: T, data: unknown): { ok: true; value: z.infer<T> } | { ok: false; message: string } {
  const parsed = schema.safeParse(data);
  if (parsed.success) return { ok: true, value: parsed.data as z.infer<T> };
  const fields = [...new Set(parsed.error.issues.map((i) => FIELD_LABELS[String(i.path[0])] ?? String(i.path[0] ?? "form")))];
  const first = parsed.error.issues[0]?.message ?? "";
  return { ok: false, message: `Please check: ${fields.join(", ")}.${first && !first.startsWith("Invalid") && !first.startsWith("Required") ? ` (${first})` : ""}` };
}

const FIELD_LABELS: Record<string, string> = {
  schoolId: "your setting",
  yearGroup: "year group",
  primaryNeed: "main area of need",
  otherNeeds: "other areas of need",
  tried: "what you have tried",
  triedFor: "for how long",
  question: "what you would like help with",
  urgency: "how soon you need a reply",
  draftId: "the form (please open a new one)",
  reference: "the request reference",
  information: "the information to add",
  riskOfHarm: "whether the child may be at risk of harm",
};

/** Multi-select inputs arrive as "a,b"; an empty one as "". */
export function splitList(value: unknown): unknown {
  if (typeof value !== "string") return value;
  return value.split(",").map((s) => s.trim()).filter(Boolean);
}

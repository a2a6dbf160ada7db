import { z } from "zod";
import { ActionStatus, Rag, type AreaPack } from "./areaPack";
import { describeFindings } from "./pupilDataGuard";
import { screenForPupilData } from "./textScreening";
import type { WorkstreamAction } from "./workstreams";

/**
 * The plan as programme offices keep it: one row per action. Columns (header names, any order,
 * case-insensitive): priority, workstream, action, and optionally priority_id, workstream_id,
 * action_id, description, lead, due_date, status, rag, rag_reason, measure, expected_change,
 * rationale. Ids left blank are made from the titles, so re-importing the same sheet updates
 * rather than duplicates.
 */
export function slugify(text: string): string {
  return text.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "item";
}

/** DD/MM/YYYY (as UK spreadsheets write it) or YYYY-MM-DD. */
const ukOrIsoDate = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
    const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : uk ? [uk[3], uk[2]?.padStart(2, "0"), uk[1]?.padStart(2, "0")] : [];
    if (!y || !m || !d || Number(m) > 12 || Number(d) > 31) {
      ctx.addIssue({ code: "custom", message: `"${v}" is not a date (use 31/03/2027 or 2027-03-31)` });
      return z.NEVER;
    }
    return `${y}-${m}-${d}`;
  });

const blankTo = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim().toLowerCase().replace(/\s+/g, "-") : v), schema.optional());

export const PlanRow = z.object({
  priority_id: z.string().trim().optional(),
  priority: z.string().trim().min(1, "priority is empty"),
  workstream_id: z.string().trim().optional(),
  workstream: z.string().trim().min(1, "workstream is empty"),
  action_id: z.string().trim().optional(),
  action: z.string().trim().min(1, "action is empty").max(200),
  description: z.string().trim().max(2000).optional(),
  lead: z.string().trim().max(300).optional(),
  due_date: ukOrIsoDate.optional(),
  status: blankTo(ActionStatus),
  rag: blankTo(Rag),
  rag_reason: z.string().trim().max(1000).optional(),
  measure: z.string().trim().max(1000).optional(),
  expected_change: z.string().trim().max(1000).optional(),
  rationale: z.string().trim().max(1000).optional(),
});
export type PlanRow = z.infer<typeof PlanRow>;

export class PlanImportError extends Error {
  override name = "PlanImportError";
}

/** A date or a fixed choice, checked by the schema; every other column is free text and screened. */
const NOT_FREE_TEXT = new Set(["due_date", "status", "rag"]);

/** The masked explanation of any pupil identifier in one cell. */
function identifiersIn(column: string, value: string): string | undefined {
  const found = screenForPupilData(value);
  if (!found || column !== "lead") return found?.explanation;
  // Leads are staff names by design, which a name guard cannot tell from a pupil's: only numbers,
  // dates, postcodes and contact details are refused there.
  const notNames = found.findings.filter((f) => f.kind !== "name");
  return notNames.length ? describeFindings(notNames) : undefined;
}

/**
 * Validates rows parsed from a CSV; every bad row is reported with its line number (`lines[i]`, or
 * i + 2 for a sheet with one line per row). Every free-text column, named in the schema or not, is
 * screened for pupil identifiers: the plan is shown to the whole partnership, so a sheet holding
 * one is refused whole, before anything is stored, with the line, the column and the masked finding.
 */
export function validatePlanRows(records: Array<Record<string, string>>, source: string, lines?: readonly number[]): PlanRow[] {
  const problems: string[] = [];
  const rows: PlanRow[] = [];
  records.forEach((raw, i) => {
    const line = lines?.[i] ?? i + 2;
    const normalised = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k.trim().toLowerCase().replace(/[\s-]+/g, "_"), v]));
    const issues: string[] = [];
    const parsed = PlanRow.safeParse(normalised);
    if (parsed.success) rows.push(parsed.data);
    else issues.push(...parsed.error.issues.map((x) => `${x.path.join(".") || "row"}: ${x.message}`));
    for (const [column, value] of Object.entries(normalised)) {
      const explanation = NOT_FREE_TEXT.has(column) || typeof value !== "string" ? undefined : identifiersIn(column, value);
      if (explanation) issues.push(`${column}: ${explanation}`);
    }
    if (issues.length) problems.push(`  - line ${line}: ${issues.join("; ")}`);
  });
  if (problems.length) throw new PlanImportError(`The plan in ${source} has problems:\n${problems.join("\n")}`);
  return rows;
}

/** Turns plan rows and the pack's own plan into actions, matching lead names to registered people. */
export function actionsFromPlan(area: AreaPack, rows: readonly PlanRow[], now: Date): WorkstreamAction[] {
  const byName = new Map(area.people.map((p) => [p.name.toLowerCase(), p.aadObjectId]));
  const fromPack: WorkstreamAction[] = area.priorities.flatMap((p) =>
    p.workstreams.flatMap((w) =>
      w.actions.map((a) =>
        newAction(area.id, p.id, w.id, {
          id: a.id, title: a.title, description: a.description, leadIds: a.leadIds.length ? a.leadIds : w.leadIds, leadNames: [],
          dueDate: a.dueDate, status: a.status, rag: a.rag, ragReason: a.ragReason, measure: a.measure, expectedChange: a.expectedChange,
        }, now),
      ),
    ),
  );
  const fromCsv = rows.map((r) => {
    const leads = (r.lead ?? "").split(/[;,]/).map((s) => s.trim()).filter(Boolean);
    const leadIds = leads.map((n) => byName.get(n.toLowerCase())).filter((x): x is string => !!x);
    return newAction(area.id, r.priority_id || slugify(r.priority), r.workstream_id || slugify(r.workstream), {
      id: r.action_id || slugify(r.action), title: r.action, description: [r.description, r.rationale ? `Why: ${r.rationale}` : ""].filter(Boolean).join("\n\n"),
      leadIds, leadNames: leads.filter((n) => !byName.has(n.toLowerCase())), dueDate: r.due_date, status: r.status ?? "not-started", rag: r.rag ?? "green",
      ragReason: r.rag_reason, measure: r.measure, expectedChange: r.expected_change,
    }, now);
  });
  return [...fromPack, ...fromCsv];
}

type PlanFields = Pick<WorkstreamAction, "id" | "title" | "description" | "leadIds" | "leadNames" | "dueDate" | "status" | "rag" | "ragReason" | "measure" | "expectedChange">;

function newAction(areaId: string, priorityId: string, workstreamId: string, f: PlanFields, now: Date): WorkstreamAction {
  return { areaId, priorityId, workstreamId, ...f, proposedDueDate: undefined, progressNote: undefined, evidenceLinks: [], updatedAt: now.toISOString(), updatedByName: "Plan import", version: 0, cardPost: undefined };
}

/** The plan fields an import may change; status, RAG and progress belong to the leads once set. */
export function planFieldsDiffer(a: WorkstreamAction, b: WorkstreamAction): boolean {
  const pick = (x: WorkstreamAction) => JSON.stringify([x.priorityId, x.title, x.description, x.leadIds, x.leadNames, x.dueDate, x.measure, x.expectedChange]);
  return pick(a) !== pick(b);
}

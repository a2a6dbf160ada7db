import { isDeepStrictEqual } from "node:util";
import type fc from "fast-check";
import type { Runtime } from "../../../app/composition";
import { DELETE } from "./json";
import { PRESSERS, type Presser } from "./world";

/*
 * Failure reporting for both properties. The bridge turns a failed turn into a 200, so a crash
 * shows only in the runtime's error log (watchErrors); and fast-check's own report would print
 * 100,000-character strings in full, so failures are abbreviated (brief, briefReport).
 */

/** Errors the runtime logs (a turn that threw, a card action that failed), kept instead of printed. */
export function watchErrors(rt: Runtime): string[] {
  const errors: string[] = [];
  rt.log.error = (message, context) => void errors.push(`${message} ${safeJson(context)}`);
  return errors;
}

/** Fails the run with every problem of this input, and what was sent and answered. */
export function report(problems: string[], about: string): void {
  if (problems.length) throw new Error(`${problems.join("\n")}\nInput and answer: ${about}`);
}

/** Which parts of a snapshot differ. */
export function changes(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, { before: unknown; after: unknown }> {
  const out: Record<string, { before: unknown; after: unknown }> = {};
  for (const k of Object.keys(before)) if (!isDeepStrictEqual(before[k], after[k])) out[k] = { before: before[k], after: after[k] };
  return out;
}

export function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * fast-check's own report prints every string in full (some are 100,000 characters): this one
 * abbreviates, names pressers by label, and keeps the seed and path to replay the failure.
 */
export function briefReport<T>(details: fc.RunDetails<T>): void {
  if (!details.failed) return;
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  throw new Error(
    `Property failed after ${details.numRuns} runs, shrunk ${details.numShrinks} times (replay with { seed: ${details.seed}, path: "${details.counterexamplePath ?? ""}" }).\n` +
      `Counterexample: ${brief(details.counterexample)}\n${cause}`,
  );
}

/** JSON with long strings abbreviated ("a" × 2001), so a failure message stays readable. */
export function brief(value: unknown): string {
  try {
    const text =
      JSON.stringify(value, (_k, v: unknown) => {
        if (typeof v === "symbol") return v === DELETE ? "<deleted>" : String(v);
        if (typeof v === "object" && PRESSERS.includes(v as Presser)) return (v as Presser).label;
        if (typeof v !== "string" || v.length <= 80) return v;
        const first = v[0] ?? "";
        return v === first.repeat(v.length) ? `<${JSON.stringify(first)} × ${v.length}>` : `<${JSON.stringify(v.slice(0, 40))}… ${v.length} characters>`;
      }) ?? String(value);
    return text.length > 3000 ? `${text.slice(0, 3000)}…` : text;
  } catch {
    return String(value);
  }
}

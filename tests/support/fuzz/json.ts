/*
 * Data as the bot receives it (after a JSON round trip), and one-field edits to it. Both
 * properties use these: activities are mutated field by field, and so is near-valid card data.
 */

/** Marks a field to delete rather than set; report.ts prints it as "<deleted>". */
export const DELETE = Symbol("delete");
export type Path = readonly string[];

/** What the bot receives: the JSON round trip drops undefined, turns NaN into null, and so on. */
export function asDelivered(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : (JSON.parse(text) as unknown);
}

export const record = (v: unknown): Record<string, unknown> | undefined => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

/** Sets (or deletes) one field; skipped when a parent on the way is not an object. */
export function mutate(root: Record<string, unknown>, path: Path, value: unknown): void {
  let node = root;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next === undefined) node = node[key] = {};
    else if (record(next)) node = next as Record<string, unknown>;
    else return;
  }
  const last = path[path.length - 1] ?? "";
  if (value === DELETE) delete node[last];
  else Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true }); // "__proto__" as an own key
}

import type { AreaPack, Rag } from "./areaPack";
import { RAG_NAMES, STATUS_NAMES, isActionOverdue, type ActionUpdate, type WorkstreamAction } from "./workstreams";

/**
 * The roll-up rule, as the board papers state it:
 * 1. A complete action counts as Green.
 * 2. An action past its due date and not complete counts as at least Amber.
 * 3. A priority is Red if any of its actions is Red, otherwise Amber if any is Amber, otherwise
 *    Green; a priority with no actions is "Not rated".
 */
export const ROLLUP_RULE =
  "A priority is Red if any of its actions is Red, Amber if any is Amber, and Green only when all are Green. Complete actions count as Green; an action past its due date and not complete counts as at least Amber. A priority with no actions is not rated.";

export function effectiveRag(a: WorkstreamAction, today: string): Rag {
  if (a.status === "complete") return "green";
  if (isActionOverdue(a, today) && a.rag === "green") return "amber";
  return a.rag;
}

export function rollUp(rags: readonly Rag[]): Rag | undefined {
  if (rags.length === 0) return undefined;
  if (rags.includes("red")) return "red";
  if (rags.includes("amber")) return "amber";
  return "green";
}

export interface PriorityHighlight {
  id: string;
  title: string;
  rag: Rag | undefined;
  actionCount: number;
  byStatus: Array<[string, number]>;
  changes: Array<{ action: string; at: string; by: string; summary: string; note: string | undefined }>;
  overdue: WorkstreamAction[];
  atRisk: WorkstreamAction[];
}

export interface BoardReport {
  areaName: string;
  generatedAt: string;
  since: string | undefined;
  rule: string;
  priorities: PriorityHighlight[];
}

/** The last board date before today: "changes since the last board" start there. */
export function lastBoardBefore(area: AreaPack, today: string): string | undefined {
  return [...area.boardDates].filter((d) => d < today).sort().at(-1);
}

export function buildBoardReport(area: AreaPack, actions: readonly WorkstreamAction[], updates: ReadonlyArray<ActionUpdate & { actionId: string }>, now: Date, today: string): BoardReport {
  const since = lastBoardBefore(area, today);
  const title = new Map(actions.map((a) => [a.id, a.title]));
  const priorities = area.priorities.map((p): PriorityHighlight => {
    const mine = actions.filter((a) => a.priorityId === p.id);
    const ids = new Set(mine.map((a) => a.id));
    const statusCounts = new Map<string, number>();
    for (const a of mine) statusCounts.set(STATUS_NAMES[a.status], (statusCounts.get(STATUS_NAMES[a.status]) ?? 0) + 1);
    return {
      id: p.id,
      title: p.title,
      rag: rollUp(mine.map((a) => effectiveRag(a, today))),
      actionCount: mine.length,
      byStatus: [...statusCounts.entries()],
      changes: updates
        .filter((u) => ids.has(u.actionId) && (!since || u.at > since))
        .map((u) => ({ action: title.get(u.actionId) ?? u.actionId, at: u.at, by: u.byName, summary: u.summary, note: u.note })),
      overdue: mine.filter((a) => isActionOverdue(a, today)),
      atRisk: mine.filter((a) => a.status !== "complete" && a.rag !== "green"),
    };
  });
  // Priorities that exist only in an imported plan (not in the pack) still appear.
  const known = new Set(area.priorities.map((p) => p.id));
  const extra = [...new Set(actions.filter((a) => !known.has(a.priorityId)).map((a) => a.priorityId))];
  for (const id of extra) {
    const mine = actions.filter((a) => a.priorityId === id);
    priorities.push({
      id, title: id.replace(/-/g, " ").replace(/^./, (c) => c.toUpperCase()), rag: rollUp(mine.map((a) => effectiveRag(a, today))), actionCount: mine.length,
      byStatus: [], changes: [], overdue: mine.filter((a) => isActionOverdue(a, today)), atRisk: mine.filter((a) => a.status !== "complete" && a.rag !== "green"),
    });
  }
  return { areaName: area.name, generatedAt: now.toISOString(), since, rule: ROLLUP_RULE, priorities };
}

const ragLabel = (r: Rag | undefined) => (r ? RAG_NAMES[r] : "Not rated");

/** The highlight report as Markdown for board papers. */
export function boardReportMarkdown(r: BoardReport): string {
  const lines = [`# SEND improvement plan: highlight report`, ``, `${r.areaName}. Generated ${r.generatedAt.slice(0, 10)}${r.since ? `; changes since the board on ${r.since}` : ""}.`, ``, `**How the RAG roll-up works.** ${r.rule}`, ``];
  lines.push(`| Priority | RAG | Actions | Overdue | At risk |`, `|---|---|---|---|---|`);
  for (const p of r.priorities) lines.push(`| ${md(p.title)} | ${ragLabel(p.rag)} | ${p.actionCount} | ${p.overdue.length} | ${p.atRisk.length} |`);
  for (const p of r.priorities) {
    lines.push(``, `## ${md(p.title)}: ${ragLabel(p.rag)}`, ``);
    if (p.byStatus.length) lines.push(p.byStatus.map(([s, n]) => `${s}: ${n}`).join("; "), ``);
    lines.push(`**Changes since the last board**`, ``, ...(p.changes.length ? p.changes.map((c) => `- ${c.at.slice(0, 10)} ${md(c.action)}: ${md(c.summary)} (${md(c.by)})${c.note ? `. ${md(c.note)}` : ""}`) : ["- None"]), ``);
    lines.push(`**Overdue**`, ``, ...(p.overdue.length ? p.overdue.map((a) => `- ${md(a.title)} (due ${a.dueDate ?? ""})`) : ["- None"]), ``);
    lines.push(`**At risk (Amber or Red)**`, ``, ...(p.atRisk.length ? p.atRisk.map((a) => `- ${md(a.title)}: ${RAG_NAMES[a.rag]}${a.ragReason ? `. ${md(a.ragReason)}` : ""}`) : ["- None"]));
  }
  return lines.join("\n") + "\n";
}

/** The same report as a standalone HTML page, every value escaped. */
export function boardReportHtml(r: BoardReport): string {
  const rows = r.priorities.map((p) => `<tr><td>${esc(p.title)}</td><td class="${p.rag ?? "none"}">${ragLabel(p.rag)}</td><td>${p.actionCount}</td><td>${p.overdue.length}</td><td>${p.atRisk.length}</td></tr>`).join("");
  const sections = r.priorities
    .map(
      (p) => `<section><h2>${esc(p.title)}: ${ragLabel(p.rag)}</h2>
<h3>Changes since the last board</h3><ul>${p.changes.map((c) => `<li>${esc(c.at.slice(0, 10))} ${esc(c.action)}: ${esc(c.summary)} (${esc(c.by)})${c.note ? `. ${esc(c.note)}` : ""}</li>`).join("") || "<li>None</li>"}</ul>
<h3>Overdue</h3><ul>${p.overdue.map((a) => `<li>${esc(a.title)} (due ${esc(a.dueDate ?? "")})</li>`).join("") || "<li>None</li>"}</ul>
<h3>At risk (Amber or Red)</h3><ul>${p.atRisk.map((a) => `<li>${esc(a.title)}: ${RAG_NAMES[a.rag]}${a.ragReason ? `. ${esc(a.ragReason)}` : ""}</li>`).join("") || "<li>None</li>"}</ul></section>`,
    )
    .join("\n");
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>SEND improvement plan: highlight report</title>
<style>body{font-family:Arial,sans-serif;max-width:60em;margin:2em auto;line-height:1.4}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3em .6em}.red{background:#f4c7c3}.amber{background:#fce8b2}.green{background:#b7e1cd}</style></head>
<body><h1>SEND improvement plan: highlight report</h1><p>${esc(r.areaName)}. Generated ${esc(r.generatedAt.slice(0, 10))}${r.since ? `; changes since the board on ${esc(r.since)}` : ""}.</p>
<p><strong>How the RAG roll-up works.</strong> ${esc(r.rule)}</p>
<table><thead><tr><th>Priority</th><th>RAG</th><th>Actions</th><th>Overdue</th><th>At risk</th></tr></thead><tbody>${rows}</tbody></table>
${sections}</body></html>`;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}
function md(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n+/g, " ");
}

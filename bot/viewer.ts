import type { Role } from "../domain/areaPack";
import { ROLE_LABELS } from "../domain/capabilities";
import type { ProfileDetails, Viewer } from "../cards/welcomeCards";
import type { Caller } from "./caller";

const dayFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
/** A London calendar day (YYYY-MM-DD) as people write it: "12 January 2027". */
export const ukDay = (ymd: string) => dayFormat.format(new Date(`${ymd}T12:00:00Z`));

/** Turns a caller into the little a card needs to greet them. */
export function viewerOf(caller: Caller): Viewer | undefined {
  if (!caller.area || !caller.person) return undefined;
  return {
    name: caller.person.name,
    areaName: caller.area.name,
    roleLabels: caller.person.roles.map((r) => ROLE_LABELS[r.role]),
  };
}

function describeRole(role: Role, names: (kind: "school" | "locality" | "workstream", id: string) => string): string {
  switch (role.role) {
    case "senco":
      return role.schoolIds.map((id) => names("school", id)).join(", ");
    case "inclusion-advisor":
      return `${role.localityIds.map((id) => names("locality", id)).join(", ")}; capacity ${role.capacity} open requests${role.outOfOffice.length ? `; out of office ${role.outOfOffice.map((o) => `${ukDay(o.from)} to ${ukDay(o.to)}`).join(", ")}` : ""}`;
    case "workstream-lead":
      return role.workstreamIds.map((id) => names("workstream", id)).join(", ");
    case "triage-manager":
    case "programme-office":
      return "";
  }
}

export function profileOf(caller: Caller): ProfileDetails | undefined {
  const { area, person } = caller;
  if (!area || !person) return undefined;
  const names = (kind: "school" | "locality" | "workstream", id: string): string => {
    if (kind === "school") return area.schools.find((s) => s.id === id)?.name ?? id;
    if (kind === "locality") return area.localities.find((l) => l.id === id)?.name ?? id;
    return area.priorities.flatMap((p) => p.workstreams).find((w) => w.id === id)?.title ?? id;
  };
  return {
    name: person.name,
    areaName: area.name,
    roles: person.roles.map((r) => ({ label: ROLE_LABELS[r.role], detail: describeRole(r, names) })),
  };
}

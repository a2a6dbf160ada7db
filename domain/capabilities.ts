import type { Role, RoleName } from "./areaPack";

/** One thing the bot does for someone, as the help card lists it. */
export interface Capability {
  title: string;
  howTo: string;
}

export const ROLE_LABELS: Record<RoleName, string> = {
  senco: "SENCO",
  "inclusion-advisor": "Inclusion advisor",
  "triage-manager": "Triage manager",
  "workstream-lead": "Workstream lead",
  "programme-office": "Programme office",
};

const FOR_EVERYONE: Capability[] = [
  { title: "Help", howTo: "Type **help** to see this list again." },
  { title: "My details", howTo: "Type **my details** to see the roles and settings the council has registered for you." },
];

/** What each role can do today. Entries are added here as each capability ships, never before. */
const BY_ROLE: Partial<Record<RoleName, Capability[]>> = {};

export function capabilitiesFor(roles: readonly Role[]): Capability[] {
  const seen = new Set<string>();
  const out: Capability[] = [];
  for (const c of [...roles.flatMap((r) => BY_ROLE[r.role] ?? []), ...FOR_EVERYONE]) {
    if (!seen.has(c.title)) {
      seen.add(c.title);
      out.push(c);
    }
  }
  return out;
}

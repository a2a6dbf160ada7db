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
  { title: "See a workstream's actions", howTo: "Type **actions for** and the workstream's name, or **actions** in a linked channel." },
  { title: "Help", howTo: "Type **help** to see this list again." },
  { title: "My details", howTo: "Type **my details** to see the roles and settings the council has registered for you." },
];

/** What each role can do today. Entries are added here as each capability ships, never before. */
const BY_ROLE: Partial<Record<RoleName, Capability[]>> = {
  senco: [
    { title: "Ask the advice line", howTo: "Type your question in your own words, for example 'Year 4, reading well below peers, phonics catch-up for a term'. Or type **ask** for the form." },
    { title: "Ask an inclusion advisor", howTo: "Press **Ask an inclusion advisor** on any advice card. You'll get a reference, and replies come to this chat." },
    { title: "My requests", howTo: "Type **my requests** to see where each request stands, add information or withdraw it." },
  ],
  "inclusion-advisor": [
    { title: "Work requests from the triage channel", howTo: "Each new request appears as a card in the triage channel: claim it, ask the school for more, send advice, refer on, reassign or close it. The school is told at each step." },
    { title: "Triage queue", howTo: "Type **queue** to see unclaimed and overdue requests, and the load by locality." },
    { title: "Search the guidance", howTo: "Type a question in this chat to see what the advice line would suggest." },
    { title: "Out of office and capacity", howTo: "Type **out of office until 12 January** (or **out of office 22 December to 3 January**), **back in office**, or **capacity 12**. New requests are not suggested to you while you are away or full." },
  ],
  "workstream-lead": [
    { title: "Link a channel to your workstream", howTo: "In the workstream's channel, mention me with **link this channel to** and the workstream's name. Each action is posted as a card." },
    { title: "Update your actions", howTo: "Press **Update** on an action card to change its status, RAG rating (with a reason for Amber or Red), progress note, evidence link or proposed due date. **History** shows every change." },
    { title: "Highlight report", howTo: "Type **board report** for the RAG roll-up of every priority, with a download for board papers." },
  ],
  "programme-office": [
    { title: "Update any action", howTo: "Press **Update** on any action card; you can edit every workstream's actions." },
    { title: "Highlight report", howTo: "Type **board report** for the roll-up, or mention me with **use this channel for the board** in the partnership channel to have it posted a week before each board." },
    { title: "Link a channel to a workstream", howTo: "In the channel, mention me with **link this channel to** and the workstream's name." },
    { title: "Undelivered messages", howTo: "Type **deliveries** to see messages and posts that have not reached Teams yet, who they wait for, and to try failed ones again." },
  ],
  "triage-manager": [
    { title: "Choose the triage channel", howTo: "In the channel you want, mention me with **use this channel for triage**." },
    { title: "Triage queue", howTo: "Type **queue** to see unclaimed and overdue requests, and the load by locality." },
    { title: "Report", howTo: "Type **report** for volumes by need, locality and outcome, and response times, for a period you choose." },
    { title: "Undelivered messages", howTo: "Type **deliveries** to see messages and posts that have not reached Teams yet, who they wait for, and to try failed ones again." },
  ],
};

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

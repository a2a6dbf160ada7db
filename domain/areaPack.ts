import { z } from "zod";

/**
 * A local area pack: everything that differs between councils (localities, schools, people and
 * their roles, Teams channels, the improvement plan, contact numbers). Validated on load so a
 * typo stops start-up with a precise message instead of failing later in front of a SENCO.
 */

const slug = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, "use lower-case letters, digits and hyphens");

export const NEED_AREAS = [
  "communication-interaction",
  "cognition-learning",
  "semh",
  "sensory-physical",
] as const;
export const NeedArea = z.enum(NEED_AREAS);
export type NeedArea = z.infer<typeof NeedArea>;

export const NEED_AREA_LABELS: Record<NeedArea, string> = {
  "communication-interaction": "Communication and interaction",
  "cognition-learning": "Cognition and learning",
  semh: "Social, emotional and mental health",
  "sensory-physical": "Sensory and/or physical",
};

export const PHASES = ["early-years", "primary", "secondary", "post-16"] as const;
export const Phase = z.enum(PHASES);
export type Phase = z.infer<typeof Phase>;

export const SettingType = z.enum([
  "early-years",
  "primary",
  "secondary",
  "all-through",
  "special",
  "alternative-provision",
  "post-16",
]);

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "use a date like 2026-10-26");

export const Role = z.discriminatedUnion("role", [
  z.object({ role: z.literal("senco"), schoolIds: z.array(slug).min(1) }),
  z.object({
    role: z.literal("inclusion-advisor"),
    localityIds: z.array(slug).min(1),
    needAreas: z.array(NeedArea).min(1),
    phases: z.array(Phase).min(1),
    capacity: z.number().int().positive().max(200),
    outOfOffice: z.array(z.object({ from: isoDate, to: isoDate })).default([]),
  }),
  z.object({ role: z.literal("triage-manager") }),
  z.object({ role: z.literal("workstream-lead"), workstreamIds: z.array(slug).min(1) }),
  z.object({ role: z.literal("programme-office") }),
]);
export type Role = z.infer<typeof Role>;
export type RoleName = Role["role"];

export const Person = z.object({
  /** Entra object id, as Teams sends it in from.aadObjectId. */
  aadObjectId: z.string().min(1).max(64),
  name: z.string().min(1).max(120),
  jobTitle: z.string().max(120).optional(),
  roles: z.array(Role).min(1),
});
export type Person = z.infer<typeof Person>;

export const Locality = z.object({ id: slug, name: z.string().min(1).max(80) });
export const School = z.object({
  id: slug,
  name: z.string().min(1).max(160),
  localityId: slug,
  type: SettingType,
});
export type School = z.infer<typeof School>;

export const ChannelPurpose = z.enum(["triage", "workstream", "board", "general"]);
export const Channel = z.object({
  name: z.string().min(1).max(80),
  /** Teams channel id when known; otherwise linked at run time by a command in the channel. */
  id: z.string().min(1).optional(),
  purpose: ChannelPurpose,
  workstreamId: slug.optional(),
});
export const Team = z.object({
  name: z.string().min(1).max(120),
  id: z.string().min(1).optional(),
  channels: z.array(Channel).min(1),
});

export const Rag = z.enum(["green", "amber", "red"]);
export type Rag = z.infer<typeof Rag>;
export const ActionStatus = z.enum(["not-started", "in-progress", "complete", "on-hold"]);
export type ActionStatus = z.infer<typeof ActionStatus>;

export const PlanAction = z.object({
  id: slug,
  title: z.string().min(1).max(200),
  description: z.string().max(2000).default(""),
  leadIds: z.array(z.string().min(1)).default([]),
  dueDate: isoDate.optional(),
  status: ActionStatus.default("not-started"),
  rag: Rag.default("green"),
  ragReason: z.string().max(1000).optional(),
  measure: z.string().max(1000).optional(),
  expectedChange: z.string().max(1000).optional(),
});
export const Workstream = z.object({
  id: slug,
  title: z.string().min(1).max(200),
  leadIds: z.array(z.string().min(1)).default([]),
  actions: z.array(PlanAction).default([]),
});
export const Priority = z.object({
  id: slug,
  title: z.string().min(1).max(200),
  description: z.string().max(2000).default(""),
  workstreams: z.array(Workstream).default([]),
});

const Contact = z.object({
  name: z.string().min(1).max(160),
  phone: z.string().min(3).max(40),
  url: z.string().url().optional(),
  hours: z.string().max(200).optional(),
});

export const AreaPack = z
  .object({
    id: slug,
    name: z.string().min(1).max(120),
    /** Entra tenants whose users this area serves (the council's and its schools'). */
    tenantIds: z.array(z.string().min(1)).min(1),
    contacts: z.object({
      childrensServicesFrontDoor: Contact,
      outOfHours: Contact.optional(),
      adviceLine: Contact.optional(),
    }),
    serviceLevels: z.object({
      firstResponseWorkingDays: z.number().int().min(1).max(30),
      urgentFirstResponseWorkingDays: z.number().int().min(1).max(30),
    }),
    schoolHolidays: z.array(z.object({ name: z.string().min(1), from: isoDate, to: isoDate })).default([]),
    localities: z.array(Locality).min(1),
    schools: z.array(School).min(1),
    people: z.array(Person).min(1),
    teams: z.array(Team).default([]),
    priorities: z.array(Priority).default([]),
    boardDates: z.array(isoDate).default([]),
    /** How long a closed or withdrawn request keeps its free text before it is anonymised. */
    retention: z.object({ closedRequestDays: z.number().int().min(30).max(3650) }).default({ closedRequestDays: 730 }),
  })
  .superRefine((pack, ctx) => {
    const localityIds = new Set(pack.localities.map((l) => l.id));
    const schoolIds = new Set(pack.schools.map((s) => s.id));
    const workstreamIds = new Set(pack.priorities.flatMap((p) => p.workstreams.map((w) => w.id)));
    const personIds = new Set<string>();
    const dup = (kind: string, ids: string[], path: string) => {
      const seen = new Set<string>();
      ids.forEach((id, i) => {
        if (seen.has(id)) ctx.addIssue({ code: "custom", path: [path, i, "id"], message: `duplicate ${kind} id "${id}"` });
        seen.add(id);
      });
    };
    dup("locality", pack.localities.map((l) => l.id), "localities");
    dup("school", pack.schools.map((s) => s.id), "schools");
    pack.schools.forEach((s, i) => {
      if (!localityIds.has(s.localityId))
        ctx.addIssue({ code: "custom", path: ["schools", i, "localityId"], message: `unknown locality "${s.localityId}"` });
    });
    pack.people.forEach((p, i) => {
      if (personIds.has(p.aadObjectId))
        ctx.addIssue({ code: "custom", path: ["people", i, "aadObjectId"], message: `duplicate person "${p.aadObjectId}"` });
      personIds.add(p.aadObjectId);
      p.roles.forEach((r, j) => {
        const at = ["people", i, "roles", j];
        if (r.role === "senco")
          r.schoolIds.forEach((id, k) => {
            if (!schoolIds.has(id)) ctx.addIssue({ code: "custom", path: [...at, "schoolIds", k], message: `unknown school "${id}"` });
          });
        if (r.role === "inclusion-advisor")
          r.localityIds.forEach((id, k) => {
            if (!localityIds.has(id))
              ctx.addIssue({ code: "custom", path: [...at, "localityIds", k], message: `unknown locality "${id}"` });
          });
        if (r.role === "workstream-lead")
          r.workstreamIds.forEach((id, k) => {
            if (!workstreamIds.has(id))
              ctx.addIssue({ code: "custom", path: [...at, "workstreamIds", k], message: `unknown workstream "${id}"` });
          });
      });
    });
    pack.teams.forEach((t, i) =>
      t.channels.forEach((c, j) => {
        if (c.workstreamId && !workstreamIds.has(c.workstreamId))
          ctx.addIssue({ code: "custom", path: ["teams", i, "channels", j, "workstreamId"], message: `unknown workstream "${c.workstreamId}"` });
      }),
    );
    pack.schoolHolidays.forEach((h, i) => {
      if (h.from > h.to) ctx.addIssue({ code: "custom", path: ["schoolHolidays", i, "to"], message: "ends before it starts" });
    });
  });
export type AreaPack = z.infer<typeof AreaPack>;

/** Formats zod issues as "path: reason" lines a person can act on. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => `  - ${i.path.length ? i.path.join(".") : "(top level)"}: ${i.message}`)
    .join("\n");
}

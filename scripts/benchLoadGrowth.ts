import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { Runtime } from "../app/composition";
import { formatReference, phaseOfYearGroup, type AdviceRequest, type CloseOutcome } from "../domain/adviceRequest";
import { makeEvent, type RequestDeps } from "../domain/adviceRequests";
import type { AdviceRequestStore } from "../domain/adviceRequestStore";
import type { AreaPack, Person } from "../domain/areaPack";
import { routeToAdvisor } from "../domain/routing";
import { londonDate } from "../domain/workingDays";
import { EFFECT_PREFIX } from "../storage/outbox";
import { encodeKey, odataString } from "../storage/keys";
import { TABLES } from "../storage/tables";
import { claimRequest, closeRequest } from "../usecases/triageSteps";
import { percentile } from "./benchStats";
import { messageBody, pressBody, send, submitForm, type BotUnderTest, type TurnOutcome } from "./benchLoadFloor";

/**
 * Growth: how the common questions cost as an area's stored requests grow. Requests are written
 * through the product's repository exactly as submitAdviceRequest builds them (request, first
 * event, index rows, school index, draft marker), with createdAt spread over the past two years;
 * the oldest 80% of each batch are closed and half of the rest claimed through the use cases, so
 * the open-request and date indexes hold what they would in service.
 */
const DAY = 24 * 3600 * 1000;
const REFERENCE = /EH-\d{4}-\d{4,}/;
export const PROBES = ["queue", "my requests", "report (90 days)", "submit", "Azurite point read (404)", "Azurite empty range query"] as const;
export type Probe = (typeof PROBES)[number];

export interface GrowthStep {
  size: number;
  /** Time to bring the store from the previous size to this one. */
  seedMs: number;
  p50: Record<Probe, number>;
  ratio: Record<Probe, number>;
  failures: number;
}

interface Ctx {
  rt: Runtime;
  bot: BotUnderTest;
  area: AreaPack;
  connectorUrl: string;
  people: { sam: Person; tara: Person };
  /** Advisors of the area, for claims and closes. */
  advisors: Person[];
}

/** A pool of `width` workers over `items`. */
async function pool<T>(items: readonly T[], width: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, async () => {
    for (let i = next++; i < items.length; i = next++) await work(items[i] as T, i);
  }));
}

/** Whoever asks for a school: its registered SENCO, or one standing in for the school's (not in the directory). */
function sencoFor(area: AreaPack, schoolId: string): Person {
  const registered = area.people.find((p) => p.roles.some((r) => r.role === "senco" && r.schoolIds.includes(schoolId)));
  const school = area.schools.find((s) => s.id === schoolId);
  return registered ?? { aadObjectId: `5e5d0000-bench-senco-${schoolId}`.slice(0, 64), name: `SENCO, ${school?.name ?? schoolId}`, roles: [{ role: "senco", schoolIds: [schoolId] }] };
}

/**
 * Request deps for changes made by the benchmark's own set-up, at a given moment. Their effects
 * are neither queued nor left as outbox rows: in service they were delivered (and their rows
 * deleted) long ago, and undelivered rows would only slow the emulator's scans.
 */
export function quietDeps(rt: Runtime, when: Date): RequestDeps {
  const store = rt.deps.requests.store;
  const update: AdviceRequestStore["update"] = (r, etag, events, extras, before) => store.update(r, etag, events, { ...extras, effects: [] }, before);
  const quiet = new Proxy(store, { get: (target, key, receiver): unknown => (key === "update" ? update : Reflect.get(target, key, receiver)) });
  return { ...rt.deps.requests, store: quiet, now: () => when, effects: { dispatch: () => Promise.resolve() } };
}

/** Adds `count` requests to the area, as they would stand after two years of service. */
export async function seed(ctx: Ctx, count: number): Promise<number> {
  const { rt, area } = ctx;
  const start = performance.now();
  const now = rt.now().getTime();
  const specs = Array.from({ length: count }, (_, i) => {
    const day = new Date(now - Math.random() * 730 * DAY);
    day.setUTCHours(8 + Math.floor(Math.random() * 8), Math.floor(Math.random() * 60));
    return { createdAt: new Date(Math.min(day.getTime(), now - 3600_000)), form: submitForm(i), school: area.schools[i % area.schools.length]! };
  }).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  // References in order of submission, from the product's own counter (serial, so no contention).
  const references: string[] = [];
  for (const s of specs) references.push(formatReference(s.createdAt.getUTCFullYear(), await rt.deps.requests.store.nextReferenceNumber(area.id, s.createdAt.getUTCFullYear())));
  const calendar = rt.deps.requests.calendarFor(area);
  const closedShare = Math.floor(count * 0.8);
  const outcomes: CloseOutcome[] = ["advice-given", "advice-given", "advice-given", "referred-on", "no-further-action", "duplicate"];
  await pool(specs, 16, async (s, i) => {
    const senco = sencoFor(area, s.school.id);
    const phase = phaseOfYearGroup(s.form.yearGroup);
    const days = s.form.urgency === "urgent" ? area.serviceLevels.urgentFirstResponseWorkingDays : area.serviceLevels.firstResponseWorkingDays;
    const suggestion = routeToAdvisor(area.people, { localityId: s.school.localityId, primaryNeed: s.form.primaryNeed, phase }, new Map(), londonDate(s.createdAt));
    const iso = s.createdAt.toISOString();
    const { schoolId: _school, draftId: _draft, riskOfHarm: _risk, otherNeeds: _needs, ...draft } = s.form;
    const request: AdviceRequest = {
      ...draft, otherNeeds: [], schoolId: s.school.id, areaId: area.id, reference: references[i]!, localityId: s.school.localityId, phase,
      sencoAadObjectId: senco.aadObjectId, sencoName: senco.name, status: "submitted", assignedToAadObjectId: undefined, assignedToName: undefined,
      createdAt: iso, updatedAt: iso, firstResponseAt: undefined, firstResponseDueAt: calendar.dueAt(s.createdAt, days).toISOString(), pausedIntervals: [], pausedSince: undefined,
      suggestedAdvisorAadObjectId: suggestion?.person.aadObjectId, suggestedAdvisorName: suggestion?.person.name, referredTo: undefined, outcome: undefined,
      triagePost: undefined, alerts: {}, lastUpdate: "Request sent to the inclusion team", eventCount: 1,
    };
    const first = makeEvent(request, 0, "submitted", senco, "senco", "Request sent to the inclusion team", undefined, iso);
    await rt.deps.requests.store.create(request, first, { marker: { key: `draft:${randomUUID()}`, result: request.reference } });
    const advisor = (suggestion?.person ?? ctx.advisors[i % ctx.advisors.length])!;
    if (i < closedShare) {
      const closedAt = new Date(Math.min(s.createdAt.getTime() + (2 + Math.random() * 38) * DAY, now - 60_000));
      await closeRequest(quietDeps(rt, closedAt), { person: advisor, area }, request.reference, outcomes[i % outcomes.length]!, "", `seed|${randomUUID()}`);
    } else if (i % 2 === 0) {
      await claimRequest(quietDeps(rt, new Date(s.createdAt.getTime() + 3600_000)), { person: advisor, area }, request.reference, `seed|${randomUUID()}`);
    }
  });
  return performance.now() - start;
}

/** Deletes the outbox rows the measured submits left (what the outbox worker does once it delivers them). */
async function dropSeedEffects(rt: Runtime, area: AreaPack): Promise<void> {
  const table = rt.tables.client(TABLES.adviceRequests);
  const pk = encodeKey(area.id);
  const filter = `PartitionKey eq ${odataString(pk)} and RowKey ge ${odataString(EFFECT_PREFIX)} and RowKey lt ${odataString("~o}")}`;
  const keys: string[] = [];
  for await (const row of table.listEntities({ queryOptions: { filter, select: ["RowKey"] } })) keys.push(row.rowKey ?? "");
  const batches = Array.from({ length: Math.ceil(keys.length / 100) }, (_, b) => keys.slice(b * 100, b * 100 + 100));
  await pool(batches, 4, async (batch) => void (await table.submitTransaction(batch.map((rowKey) => ["delete", { partitionKey: pk, rowKey }]))));
}

const cardOf = (o: TurnOutcome) => JSON.stringify((o.body as { value?: unknown } | undefined)?.value ?? "");
const FAILED = /something went wrong on our side|taking longer than usual/i;

/** Single-user p50 of each probe: a few untimed turns first, then `reps` timed ones. */
async function measure(ctx: Ctx, reps: number, size: number): Promise<{ p50: Record<Probe, number>; failures: number }> {
  const { bot, area, connectorUrl, people, rt } = ctx;
  const tenant = area.tenantIds[0] ?? "";
  let failures = 0;
  const submitted: string[] = [];
  const requests = rt.tables.client(TABLES.adviceRequests);
  const empty = `PartitionKey eq ${odataString(encodeKey(area.id))} and RowKey ge '~z|' and RowKey lt '~z}'`;
  const turn = async (body: string, check: (o: TurnOutcome) => boolean) => {
    const o = await send(bot, body);
    if (o.status !== 200 || !check(o)) failures++;
    return o;
  };
  const anyAnswer = (o: TurnOutcome) => !FAILED.test(cardOf(o));
  const probes: Record<Probe, () => Promise<unknown>> = {
    queue: () => turn(messageBody(connectorUrl, tenant, people.tara, "queue"), anyAnswer),
    "my requests": () => turn(messageBody(connectorUrl, tenant, people.sam, "my requests"), anyAnswer),
    "report (90 days)": () => turn(pressBody(connectorUrl, tenant, people.tara, "triage.report", { days: "90" }), (o) => cardOf(o).includes("the last 90 days")),
    submit: async () => {
      const o = await turn(pressBody(connectorUrl, tenant, people.sam, "request.submit", submitForm(size + submitted.length)), (x) => REFERENCE.test(cardOf(x)));
      const ref = REFERENCE.exec(cardOf(o))?.[0];
      if (ref) submitted.push(ref);
    },
    // The emulator's own cost at this size: a point read of a missing row, and a key range holding nothing.
    "Azurite point read (404)": () => rt.deps.requests.store.get(area.id, "EH-2000-0001"),
    "Azurite empty range query": async () => {
      for await (const _row of requests.listEntities({ queryOptions: { filter: empty } })) failures++;
    },
  };
  const p50 = {} as Record<Probe, number>;
  for (const probe of PROBES) {
    const times: number[] = [];
    for (let i = 0; i < reps + 5; i++) {
      const start = performance.now();
      await probes[probe]();
      if (i >= 5) times.push(performance.now() - start);
    }
    p50[probe] = percentile(times, 50);
  }
  // The measured submits are closed again, so the open share stays as seeded.
  const tara = { person: people.tara, area };
  await pool(submitted, 8, async (ref) => void (await closeRequest(quietDeps(rt, rt.now()), tara, ref, "advice-given", "", `seed|${randomUUID()}`).catch(() => undefined)));
  await dropSeedEffects(rt, area);
  return { p50, failures };
}

/** Seeds up to each size in turn and measures there; ratios are to the empty store's p50. */
export async function runGrowth(o: { rt: Runtime; bot: BotUnderTest; connectorUrl: string; sizes: number[]; reps: number; progress: (line: string) => void }): Promise<GrowthStep[]> {
  const area = o.rt.packs.find((p) => p.id === "wiltshire") ?? o.rt.packs[0]!;
  const byName = (name: string) => area.people.find((p) => p.name === name)!;
  const advisors = area.people.filter((p) => p.roles.some((r) => r.role === "inclusion-advisor"));
  const ctx: Ctx = { rt: o.rt, bot: o.bot, area, connectorUrl: o.connectorUrl, people: { sam: byName("Sam Senco"), tara: byName("Tara Triage") }, advisors };
  const steps: GrowthStep[] = [];
  let stored = 0;
  for (const size of o.sizes) {
    const seedMs = size > stored ? await seed(ctx, size - stored) : 0;
    stored = Math.max(stored, size);
    if (seedMs) o.progress(`  growth: seeded to ${size} requests in ${(seedMs / 1000).toFixed(1)} s`);
    const { p50, failures } = await measure(ctx, o.reps, size);
    const base = steps[0]?.p50 ?? p50;
    const ratio = Object.fromEntries(PROBES.map((p) => [p, p50[p] / base[p]])) as Record<Probe, number>;
    steps.push({ size, seedMs, p50, ratio, failures });
    o.progress(`  growth: measured at ${size} requests`);
  }
  return steps;
}

import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { PossibleSafeguarding, PupilDataRefusal, RequestRefusal } from "../../domain/adviceRequest";
import { viewRequest, type RequestDeps } from "../../domain/adviceRequests";
import type { StepResult } from "../../usecases/requestChange";
import * as school from "../../usecases/schoolSteps";
import { submitAdviceRequest } from "../../usecases/submitRequest";
import * as triage from "../../usecases/triageSteps";
import { applyRetention, REMOVED } from "../../domain/retention";
import { demoPack, demoPerson } from "../support/activities";
import { requestDeps, sampleDraft } from "../support/requests";
import { POSSIBLE_SIGN, screenWithPossibleSign } from "../support/screening";
import { freshTableStore } from "../support/storage";

// Most checks here are about the request after a step; a step's own result also says whether it applied.
const unwrap =
  <A extends unknown[]>(step: (...args: A) => Promise<StepResult>) =>
  async (...args: A) =>
    (await step(...args)).request;
const addInformation = unwrap(school.addInformation);
const withdrawRequest = unwrap(school.withdrawRequest);
const claimRequest = unwrap(triage.claimRequest);
const reassignRequest = unwrap(triage.reassignRequest);
const askSchool = unwrap(triage.askSchool);
const sendAdvice = unwrap(triage.sendAdvice);
const referOn = unwrap(triage.referOn);
const closeRequest = unwrap(triage.closeRequest);
const reopenRequest = unwrap(triage.reopenRequest);

const senco = { person: demoPerson("Sam Senco"), area: demoPack };
const otherSenco = { person: demoPerson("Sunita Shah"), area: demoPack };
const ada = { person: demoPerson("Ada Advisor"), area: demoPack };
const tara = { person: demoPerson("Tara Triage"), area: demoPack };

describe("advice requests on Azurite", () => {
  let deps: RequestDeps;
  beforeAll(async () => {
    deps = requestDeps(await freshTableStore());
  });

  it("opens a request with a readable reference, history and school index", async () => {
    const { request, created } = await submitAdviceRequest(deps, senco, sampleDraft, randomUUID());
    expect(created).toBe(true);
    expect(request.reference).toMatch(/^EH-2026-\d{4}$/);
    expect(request).toMatchObject({ status: "submitted", localityId: "north", phase: "primary" });
    const mine = await deps.store.listForSchool("wiltshire", "riverside-primary", 20);
    expect(mine.map((r) => r.reference)).toContain(request.reference);
    const { events } = await viewRequest(deps, senco, request.reference);
    expect(events.map((e) => e.kind)).toEqual(["submitted"]);
  });

  it("numbers requests one after another", async () => {
    const a = await submitAdviceRequest(deps, senco, sampleDraft, randomUUID());
    const b = await submitAdviceRequest(deps, senco, sampleDraft, randomUUID());
    expect(Number(b.request.reference.slice(-4))).toBe(Number(a.request.reference.slice(-4)) + 1);
  });

  it("opens one request for a redelivered or double-clicked submit", async () => {
    const key = randomUUID();
    const results = await Promise.allSettled([1, 2, 3].map(() => submitAdviceRequest(deps, senco, sampleDraft, key)));
    const refs = new Set(results.flatMap((r) => (r.status === "fulfilled" ? [r.value.request.reference] : [])));
    expect(refs.size).toBe(1);
    const again = await submitAdviceRequest(deps, senco, sampleDraft, key);
    expect(again.created).toBe(false);
    expect(refs.has(again.request.reference)).toBe(true);
  });

  it("refuses a SENCO asking for a setting they are not registered for", async () => {
    await expect(submitAdviceRequest(deps, senco, { ...sampleDraft, schoolId: "cathedral-view-primary" }, randomUUID())).rejects.toThrow(RequestRefusal);
    await expect(submitAdviceRequest(deps, ada, sampleDraft, randomUUID())).rejects.toThrow(/Only a registered SENCO/);
  });

  it("lets two advisors claim at once: exactly one wins, the other is told who has it", async () => {
    const { request } = await submitAdviceRequest(deps, senco, sampleDraft, randomUUID());
    const results = await Promise.allSettled([claimRequest(deps, ada, request.reference), claimRequest(deps, tara, request.reference)]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = (won[0] as PromiseFulfilledResult<{ assignedToName: string }>).value.assignedToName;
    expect(String(lost[0]?.reason)).toContain(`${winner} has already claimed`);
    const { events } = await viewRequest(deps, senco, request.reference);
    expect(events.map((e) => e.kind)).toEqual(["submitted", "claimed"]);
  });

  it("keeps another school's SENCO out", async () => {
    const { request } = await submitAdviceRequest(deps, senco, sampleDraft, randomUUID());
    await expect(viewRequest(deps, otherSenco, request.reference)).rejects.toThrow(/can't find request/);
    await expect(withdrawRequest(deps, otherSenco, request.reference)).rejects.toThrow(RequestRefusal);
    await expect(addInformation(deps, otherSenco, request.reference, "More")).rejects.toThrow(RequestRefusal);
    expect(await deps.store.listForSchool("wiltshire", "cathedral-view-primary", 20)).toEqual([]);
  });

  it("records added information and withdrawal in order, and refuses to withdraw twice", async () => {
    const { request } = await submitAdviceRequest(deps, senco, sampleDraft, randomUUID());
    await addInformation(deps, senco, request.reference, "We have also tried coloured overlays for three weeks.");
    const withdrawn = await withdrawRequest(deps, senco, request.reference);
    expect(withdrawn.status).toBe("withdrawn");
    await expect(withdrawRequest(deps, senco, request.reference)).rejects.toThrow(/nothing to withdraw/);
    const { events } = await viewRequest(deps, senco, request.reference);
    expect(events.map((e) => [e.sequence, e.kind])).toEqual([
      [0, "submitted"],
      [1, "information-added"],
      [2, "withdrawn"],
    ]);
  });

  it("loses no update when the SENCO and an advisor act at once", async () => {
    const { request } = await submitAdviceRequest(deps, senco, sampleDraft, randomUUID());
    await Promise.all([addInformation(deps, senco, request.reference, "Extra detail one."), claimRequest(deps, ada, request.reference)]);
    const { request: latest, events } = await viewRequest(deps, senco, request.reference);
    expect(events.map((e) => e.kind).sort()).toEqual(["claimed", "information-added", "submitted"]);
    expect(latest.status).toBe("assigned");
    expect(latest.eventCount).toBe(3);
  });
});

describe("working a request through triage (Azurite)", () => {
  let deps: RequestDeps;
  let clock = new Date("2026-11-23T09:00:00Z"); // a Monday
  beforeAll(async () => {
    deps = requestDeps(await freshTableStore(), () => clock);
  });

  it("starts the clock and suggests an advisor at submission", async () => {
    clock = new Date("2026-11-23T09:00:00Z");
    const { request } = await submitAdviceRequest(deps, senco, sampleDraft, randomUUID());
    expect(request.firstResponseDueAt).toBe("2026-11-26T09:00:00.000Z"); // 3 working days
    expect(request.suggestedAdvisorName).toBe("Ada Advisor");
    const urgent = await submitAdviceRequest(deps, senco, { ...sampleDraft, urgency: "urgent" }, randomUUID());
    expect(urgent.request.firstResponseDueAt).toBe("2026-11-24T09:00:00.000Z");
  });

  it("claims, asks the school (clock paused), takes the answer, advises, closes and reopens, in order", async () => {
    clock = new Date("2026-11-23T09:00:00Z");
    const { request } = await submitAdviceRequest(deps, senco, sampleDraft, randomUUID());
    const ref = request.reference;
    clock = new Date("2026-11-23T10:00:00Z");
    await claimRequest(deps, ada, ref);
    clock = new Date("2026-11-23T11:00:00Z");
    const asked = await askSchool(deps, ada, ref, "How long are the phonics sessions, and how often?");
    expect(asked.status).toBe("awaiting-school");
    expect(asked.firstResponseAt).toBe("2026-11-23T11:00:00.000Z");
    clock = new Date("2026-11-24T11:00:00Z"); // the school answers a day later
    const answered = await addInformation(deps, senco, ref, "Twenty minutes, four times a week.");
    expect(answered.status).toBe("assigned");
    expect(answered.pausedIntervals).toEqual([{ from: "2026-11-23T11:00:00.000Z", to: "2026-11-24T11:00:00.000Z" }]);
    expect(answered.firstResponseDueAt).toBe("2026-11-27T09:00:00.000Z"); // moved on by the day's pause
    const advised = await sendAdvice(deps, ada, ref, "Try precision teaching of high-frequency words, reviewed after six weeks.");
    expect(advised.status).toBe("advised");
    const closed = await closeRequest(deps, ada, ref, "advice-given", "");
    expect(closed).toMatchObject({ status: "closed", outcome: "advice-given" });
    const reopened = await reopenRequest(deps, ada, ref);
    expect(reopened).toMatchObject({ status: "assigned", outcome: undefined });
    const { events } = await viewRequest(deps, senco, ref);
    expect(events.map((e) => e.kind)).toEqual(["submitted", "claimed", "asked-school", "school-answered", "advised", "closed", "reopened"]);
  });

  it("reassigns to a named advisor and refers on with a note", async () => {
    const { request } = await submitAdviceRequest(deps, senco, sampleDraft, randomUUID());
    const moved = await reassignRequest(deps, tara, request.reference, demoPerson("Owen Okafor").aadObjectId);
    expect(moved).toMatchObject({ status: "assigned", assignedToName: "Owen Okafor" });
    const referred = await referOn(deps, ada, request.reference, "educational-psychology", "Consultation slot at the next planning meeting");
    expect(referred).toMatchObject({ status: "referred", referredTo: "educational-psychology" });
  });

  it("lets only the area's advisors and triage managers act", async () => {
    const { request } = await submitAdviceRequest(deps, senco, sampleDraft, randomUUID());
    await expect(sendAdvice(deps, senco, request.reference, "Self-advice")).rejects.toThrow(/Only the council's inclusion advisors/);
    await expect(closeRequest(deps, otherSenco, request.reference, "duplicate", "")).rejects.toThrow(RequestRefusal);
    await expect(claimRequest(deps, senco, request.reference)).rejects.toThrow(/Only an inclusion advisor/);
    await expect(reassignRequest(deps, tara, request.reference, senco.person.aadObjectId)).rejects.toThrow(/Choose an inclusion advisor/);
  });

  it("refuses advice text with an identifier", async () => {
    const { request } = await submitAdviceRequest(deps, senco, sampleDraft, randomUUID());
    await expect(sendAdvice(deps, ada, request.reference, "Call mum on 07700 900123")).rejects.toThrow();
  });
});

describe("screening what schools and staff write (Azurite)", () => {
  let deps: RequestDeps;
  beforeAll(async () => {
    deps = { ...requestDeps(await freshTableStore()), screenSchoolText: screenWithPossibleSign };
  });
  const eventsOf = async (reference: string) => (await viewRequest(deps, ada, reference)).events;

  it("saves advisor advice that names the safeguarding route", async () => {
    const { request } = await submitAdviceRequest(deps, senco, sampleDraft, randomUUID());
    await sendAdvice(deps, ada, request.reference, "Speak to your DSL if you are worried about abuse; for reading, try precision teaching.");
    expect((await eventsOf(request.reference)).at(-1)?.detail).toContain("Speak to your DSL if you are worried about abuse");
  });

  it("refuses identifiers in every staff text and stores none of it", async () => {
    const { request } = await submitAdviceRequest(deps, senco, sampleDraft, randomUUID());
    const nhs = "NHS number 943 476 5919";
    await expect(askSchool(deps, ada, request.reference, `Is ${nhs} right?`)).rejects.toThrow(PupilDataRefusal);
    await expect(referOn(deps, ada, request.reference, "health", `Referred with ${nhs}`)).rejects.toThrow(PupilDataRefusal);
    await expect(closeRequest(deps, ada, request.reference, "advice-given", `Closed; ${nhs}`)).rejects.toThrow(PupilDataRefusal);
    expect((await eventsOf(request.reference)).map((e) => e.kind)).toEqual(["submitted"]);
  });

  it("asks the school about a possible sign of harm before saving added information, and saves it once they answer No", async () => {
    const { request } = await submitAdviceRequest(deps, senco, sampleDraft, randomUUID());
    const asked = await addInformation(deps, senco, request.reference, POSSIBLE_SIGN).catch((err: unknown) => err);
    expect(asked).toBeInstanceOf(PossibleSafeguarding);
    expect((await eventsOf(request.reference)).map((e) => e.kind)).toEqual(["submitted"]);
    await addInformation(deps, senco, request.reference, POSSIBLE_SIGN, { riskOfHarmAnswered: "no" });
    expect((await eventsOf(request.reference)).at(-1)).toMatchObject({ kind: "information-added", detail: POSSIBLE_SIGN });
  });

  it("opens a request with a possible sign only when the form's risk-of-harm question was answered No", async () => {
    const draft = { ...sampleDraft, tried: POSSIBLE_SIGN };
    await expect(submitAdviceRequest(deps, senco, draft, randomUUID())).rejects.toThrow(PossibleSafeguarding);
    const { created } = await submitAdviceRequest(deps, senco, draft, randomUUID(), { riskOfHarmAnswered: "no" });
    expect(created).toBe(true);
  });
});

describe("retention (Azurite)", () => {
  it("anonymises closed requests' free text after the retention period, keeping what reports need", async () => {
    let clock = new Date("2026-11-23T09:00:00Z");
    const deps = requestDeps(await freshTableStore(), () => clock);
    const { request } = await submitAdviceRequest(deps, senco, sampleDraft, randomUUID());
    const open = await submitAdviceRequest(deps, senco, sampleDraft, randomUUID());
    await sendAdvice(deps, ada, request.reference, "Precision teaching, reviewed after six weeks.");
    await closeRequest(deps, ada, request.reference, "advice-given", "Resolved");
    clock = new Date("2027-11-23T09:00:00Z");
    expect(await applyRetention(deps.store, demoPack, clock)).toBe(0); // a year on: still kept
    clock = new Date("2028-11-23T09:00:00Z");
    expect(await applyRetention(deps.store, demoPack, clock)).toBe(1);
    const { request: after, events } = await viewRequest(deps, ada, request.reference);
    expect(after).toMatchObject({ question: REMOVED, outcome: "advice-given", primaryNeed: "cognition-learning", yearGroup: "Year 4" });
    expect(events.map((e) => e.detail).filter(Boolean)).toEqual([REMOVED, REMOVED]);
    expect((await deps.store.get("wiltshire", open.request.reference))?.request.question).toBe(sampleDraft.question); // open requests are kept
    expect(await applyRetention(deps.store, demoPack, clock)).toBe(0);
  });
});

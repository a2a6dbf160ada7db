import type { NeedArea, Person, Phase } from "./areaPack";
import { roleOf } from "./directory";

export interface AdvisorCandidate {
  person: Person;
  localityMatch: boolean;
  specialismMatch: boolean;
  openLoad: number;
  capacity: number;
}

export interface RoutingInput {
  localityId: string;
  primaryNeed: NeedArea;
  phase: Phase;
}

/** Who is away on a London calendar day, from their out-of-office dates in the directory. */
export function isAvailable(person: Person, day: string): boolean {
  const advisor = roleOf(person.roles, "inclusion-advisor");
  if (!advisor) return false;
  return !advisor.outOfOffice.some((o) => o.from <= day && day <= o.to);
}

/**
 * Suggests the advisor for a new request: locality and specialism first, then the lowest open
 * load as a share of capacity. Advisors who are away or full are passed over; if nobody fits,
 * nobody is suggested and the triage manager decides.
 */
export function routeToAdvisor(staff: readonly Person[], input: RoutingInput, openLoads: ReadonlyMap<string, number>, day: string): AdvisorCandidate | undefined {
  const candidates: AdvisorCandidate[] = [];
  for (const person of staff) {
    const advisor = roleOf(person.roles, "inclusion-advisor");
    if (!advisor || !isAvailable(person, day)) continue;
    const openLoad = openLoads.get(person.aadObjectId) ?? 0;
    if (openLoad >= advisor.capacity) continue;
    candidates.push({
      person,
      localityMatch: advisor.localityIds.includes(input.localityId),
      specialismMatch: advisor.needAreas.includes(input.primaryNeed) && advisor.phases.includes(input.phase),
      openLoad,
      capacity: advisor.capacity,
    });
  }
  const rank = (c: AdvisorCandidate) => (c.localityMatch && c.specialismMatch ? 0 : c.localityMatch ? 1 : c.specialismMatch ? 2 : 3);
  candidates.sort((a, b) => rank(a) - rank(b) || a.openLoad / a.capacity - b.openLoad / b.capacity || a.person.name.localeCompare(b.person.name));
  return candidates[0];
}

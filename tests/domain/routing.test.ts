import { describe, expect, it } from "vitest";
import { isAvailable, routeToAdvisor } from "../../domain/routing";
import { demoPack, demoPerson } from "../support/activities";

const none = new Map<string, number>();
const ada = demoPerson("Ada Advisor");
const owen = demoPerson("Owen Okafor");
const grace = demoPerson("Grace Green");
const tara = demoPerson("Tara Triage");

describe("routing a request to an advisor", () => {
  it("prefers locality and specialism", () => {
    expect(routeToAdvisor(demoPack.people, { localityId: "north", primaryNeed: "cognition-learning", phase: "primary" }, none, "2026-11-24")?.person.name).toBe("Ada Advisor");
    expect(routeToAdvisor(demoPack.people, { localityId: "south", primaryNeed: "semh", phase: "secondary" }, none, "2026-11-24")?.person.name).toBe("Owen Okafor");
  });

  it("then the lowest open load as a share of capacity", () => {
    // North, primary, cognition: Ada (12) and Tara (4) both match; Ada is busier relative to capacity.
    const loads = new Map([[ada.aadObjectId, 9], [tara.aadObjectId, 1]]);
    expect(routeToAdvisor(demoPack.people, { localityId: "north", primaryNeed: "cognition-learning", phase: "primary" }, loads, "2026-11-24")?.person.name).toBe("Tara Triage");
  });

  it("passes over advisors who are full or out of office", () => {
    const loads = new Map([[grace.aadObjectId, 0]]);
    expect(isAvailable(grace, "2026-12-15")).toBe(false);
    const sensory = { localityId: "east", primaryNeed: "sensory-physical" as const, phase: "secondary" as const };
    expect(routeToAdvisor(demoPack.people, sensory, loads, "2026-11-24")?.person.name).toBe("Grace Green");
    expect(routeToAdvisor(demoPack.people, sensory, loads, "2026-12-15")?.person.name).not.toBe("Grace Green");
    const full = new Map([[owen.aadObjectId, 10]]);
    expect(routeToAdvisor(demoPack.people, { localityId: "south", primaryNeed: "semh", phase: "secondary" }, full, "2026-11-24")?.person.name).not.toBe("Owen Okafor");
  });

  it("suggests nobody when every advisor is full", () => {
    const loads = new Map(demoPack.people.map((p) => [p.aadObjectId, 999]));
    expect(routeToAdvisor(demoPack.people, { localityId: "north", primaryNeed: "semh", phase: "primary" }, loads, "2026-11-24")).toBeUndefined();
  });
});

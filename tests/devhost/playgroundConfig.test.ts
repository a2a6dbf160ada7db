import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import { demoPack } from "../support/activities";

const MockUser = z.object({ id: z.string(), name: z.string(), aadObjectId: z.string() });
const PlaygroundConfig = z.object({
  tenantId: z.string(),
  currentUser: MockUser,
  users: z.array(MockUser).length(5),
  team: z.object({ name: z.string(), channels: z.array(z.object({ id: z.string(), name: z.string() })).max(1) }),
});

describe("playground mock tenant matches the demo pack", () => {
  const config = PlaygroundConfig.parse(parse(readFileSync(".m365agentsplayground.yml", "utf8")));
  const everyone = [config.currentUser, ...config.users];

  it("uses the demo area's tenant", () => {
    expect(demoPack.tenantIds).toContain(config.tenantId);
  });

  it("maps every mock user to a demo person with the same name", () => {
    for (const u of everyone) expect(demoPack.people.find((p) => p.aadObjectId === u.aadObjectId)?.name).toBe(u.name);
  });

  it("covers a SENCO, an inclusion advisor, a triage manager, a workstream lead and the programme office", () => {
    const roles = new Set(everyone.flatMap((u) => demoPack.people.find((p) => p.aadObjectId === u.aadObjectId)?.roles.map((r) => r.role) ?? []));
    for (const r of ["senco", "inclusion-advisor", "triage-manager", "workstream-lead", "programme-office"]) expect(roles.has(r as never)).toBe(true);
  });

  it("opens as the demo SENCO", () => {
    expect(demoPack.people.find((p) => p.aadObjectId === config.currentUser.aadObjectId)?.roles[0]?.role).toBe("senco");
  });
});

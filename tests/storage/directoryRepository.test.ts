import { describe, expect, it } from "vitest";
import { isStaff, personKey, seedDirectory } from "../../domain/directory";
import { DirectoryRepository } from "../../storage/directoryRepository";
import { TABLES } from "../../storage/tables";
import { demoPack } from "../support/activities";
import { freshTableStore } from "../support/storage";

describe("directory seeding (Azurite)", () => {
  it("is idempotent and removes people dropped from the pack", async () => {
    const store = await freshTableStore();
    const repo = new DirectoryRepository(store.client(TABLES.directory), store.client(TABLES.areas));
    const now = new Date("2026-11-24T09:00:00Z");
    await seedDirectory(demoPack, repo, now, "h1");
    const first = (await repo.listKeys("wiltshire", "pack")).sort();
    await seedDirectory(demoPack, repo, now, "h1");
    expect((await repo.listKeys("wiltshire", "pack")).sort()).toEqual(first);
    expect(first).toHaveLength(demoPack.people.length + demoPack.schools.length);

    const sam = demoPack.people.find((p) => p.name === "Sam Senco")!;
    expect((await repo.findPerson("wiltshire", sam.aadObjectId))?.roles[0]?.role).toBe("senco");

    const smaller = { ...demoPack, people: demoPack.people.filter((p) => p !== sam) };
    const summary = await seedDirectory(smaller, repo, now, "h2");
    expect(summary.removed).toBe(1);
    expect(await repo.findPerson("wiltshire", sam.aadObjectId)).toBeUndefined();
    expect((await repo.lastSeed("wiltshire"))?.packHash).toBe("h2");
  });

  it("keeps areas apart", async () => {
    const store = await freshTableStore();
    const repo = new DirectoryRepository(store.client(TABLES.directory), store.client(TABLES.areas));
    await seedDirectory(demoPack, repo, new Date(), "h");
    const sam = demoPack.people[0]!;
    expect(await repo.findPerson("another-area", sam.aadObjectId)).toBeUndefined();
  });

  it("lists the council's staff by key range, kept in step with each person's roles", async () => {
    const store = await freshTableStore();
    const repo = new DirectoryRepository(store.client(TABLES.directory), store.client(TABLES.areas));
    await seedDirectory(demoPack, repo, new Date(), "h");
    const staff = await repo.listStaff("wiltshire");
    expect(staff.map((p) => p.name)).toEqual(demoPack.people.filter(isStaff).map((p) => p.name).sort((a, b) => a.localeCompare(b)));
    expect(staff.some((p) => p.roles.every((r) => r.role === "senco"))).toBe(false);

    // Ada stops being an advisor (a SENCO now): she leaves the staff list at once; back again, she returns.
    const ada = demoPack.people.find((p) => p.name === "Ada Advisor")!;
    await repo.putPerson("wiltshire", { ...ada, roles: [{ role: "senco", schoolIds: ["riverside-primary"] }] }, "product");
    expect((await repo.listStaff("wiltshire")).map((p) => p.name)).not.toContain("Ada Advisor");
    await repo.putPerson("wiltshire", ada, "product");
    expect((await repo.listStaff("wiltshire")).map((p) => p.name)).toContain("Ada Advisor");
    await repo.remove("wiltshire", personKey(ada.aadObjectId));
    expect((await repo.listStaff("wiltshire")).map((p) => p.name)).not.toContain("Ada Advisor");
  });

  it("a pack seed leaves people and schools managed in the product or imported from the register alone", async () => {
    const store = await freshTableStore();
    const repo = new DirectoryRepository(store.client(TABLES.directory), store.client(TABLES.areas));
    await seedDirectory(demoPack, repo, new Date(), "h1");
    const newcomer = { aadObjectId: "7a000000-0000-4000-8000-000000000001", name: "Nia New", roles: [{ role: "senco" as const, schoolIds: ["riverside-primary"] }] };
    await repo.putPerson("wiltshire", newcomer, "product");
    await repo.putSchool("wiltshire", { id: "urn-100001", name: "Register School", localityId: "north", type: "primary" }, "register");
    const ada = demoPack.people.find((p) => p.name === "Ada Advisor")!;
    const away = { ...ada, name: "Ada Advisor (changed in the product)" };
    await repo.putPerson("wiltshire", away, "product");

    const summary = await seedDirectory(demoPack, repo, new Date(), "h2");
    expect(summary.removed).toBe(0);
    expect((await repo.findPerson("wiltshire", newcomer.aadObjectId))?.name).toBe("Nia New");
    expect((await repo.findSchool("wiltshire", "urn-100001"))?.name).toBe("Register School");
    expect((await repo.findPerson("wiltshire", ada.aadObjectId))?.name).toBe("Ada Advisor (changed in the product)");
  });
});

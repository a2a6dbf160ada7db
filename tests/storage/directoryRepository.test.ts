import { describe, expect, it } from "vitest";
import { seedDirectory } from "../../domain/directory";
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
    const first = (await repo.listKeys("wiltshire")).sort();
    await seedDirectory(demoPack, repo, now, "h1");
    expect((await repo.listKeys("wiltshire")).sort()).toEqual(first);
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
});

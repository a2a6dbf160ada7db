import { describe, expect, it } from "vitest";
import { inject } from "vitest";
import { buildRuntime, loadStaticSetup } from "../../app/composition";
import { uniquePrefix } from "../support/storage";

describe("runtime start-up against Azurite", () => {
  it("keeps seeded data across a restart without duplicating it", async () => {
    const env = { STORAGE_CONNECTION_STRING: inject("storageConnectionString"), TABLE_PREFIX: uniquePrefix(), LOG_LEVEL: "error" };
    const first = await buildRuntime(loadStaticSetup(env), () => new Date("2026-11-24T09:00:00Z"));
    const keysBefore = (await first.directory.listKeys("wiltshire", "pack")).sort();
    const seededAt = (await first.directory.lastSeed("wiltshire"))?.seededAt;

    // A second process start (same storage): nothing is re-seeded or duplicated.
    const second = await buildRuntime(loadStaticSetup(env), () => new Date("2026-11-25T09:00:00Z"));
    expect((await second.directory.listKeys("wiltshire", "pack")).sort()).toEqual(keysBefore);
    expect((await second.directory.lastSeed("wiltshire"))?.seededAt).toBe(seededAt);
    const wiltshire = first.packs.find((p) => p.id === "wiltshire")!;
    expect(keysBefore.length).toBe(wiltshire.people.length + wiltshire.schools.length);
    // The plan was imported once too: the same actions after the restart, none duplicated.
    const actions = await second.deps.actions.listActions("wiltshire", "right-support-right-time");
    expect(actions.map((a) => a.id).sort()).toEqual(["advice-line", "pins-programme", "special-school-places"]);
  });
});

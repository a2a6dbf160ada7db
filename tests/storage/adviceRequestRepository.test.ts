import { describe, expect, it } from "vitest";
import { AdviceRequestRepository } from "../../storage/adviceRequestRepository";
import { TABLES } from "../../storage/tables";
import { freshTableStore } from "../support/storage";

describe("reference numbers (Azurite)", () => {
  it("gives two hundred schools sending at the same moment two hundred different, consecutive numbers", async () => {
    const tables = await freshTableStore();
    const repo = new AdviceRequestRepository(tables.client(TABLES.adviceRequests), tables.client(TABLES.requestsBySchool), tables.client(TABLES.counters));
    const numbers = await Promise.all(Array.from({ length: 200 }, () => repo.nextReferenceNumber("wiltshire", 2026)));
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    // Each year and area counts on its own.
    expect(await repo.nextReferenceNumber("wiltshire", 2027)).toBe(1);
    expect(await repo.nextReferenceNumber("warwickshire", 2026)).toBe(1);
    expect(await repo.nextReferenceNumber("wiltshire", 2026)).toBe(201);
  });
});

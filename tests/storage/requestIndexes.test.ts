import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { RequestDeps } from "../../domain/adviceRequests";
import type { AdviceRequestRepository } from "../../storage/adviceRequestRepository";
import { TABLES, type TableStore } from "../../storage/tables";
import { withdrawRequest } from "../../usecases/schoolSteps";
import { submitAdviceRequest } from "../../usecases/submitRequest";
import { claimRequest, closeRequest, reopenRequest } from "../../usecases/triageSteps";
import { demoPack, demoPerson } from "../support/activities";
import { requestDeps, sampleDraft } from "../support/requests";
import { freshTableStore } from "../support/storage";

const senco = { person: demoPerson("Sam Senco"), area: demoPack };
const ada = { person: demoPerson("Ada Advisor"), area: demoPack };

describe("request indexes kept in each change's transaction (Azurite)", () => {
  let tables: TableStore;
  let deps: RequestDeps;
  let clock = new Date("2026-09-01T09:00:00Z");
  beforeAll(async () => {
    tables = await freshTableStore();
    deps = requestDeps(tables, () => clock);
  });
  const open = async () => (await deps.store.listOpen("wiltshire")).map((r) => [r.reference, r.status]).sort();

  it("holds exactly the open requests, as they now stand, whatever the steps", async () => {
    const a = (await submitAdviceRequest(deps, senco, sampleDraft, randomUUID())).request.reference;
    const b = (await submitAdviceRequest(deps, senco, sampleDraft, randomUUID())).request.reference;
    const c = (await submitAdviceRequest(deps, senco, sampleDraft, randomUUID())).request.reference;
    await claimRequest(deps, ada, a);
    await withdrawRequest(deps, senco, b);
    await closeRequest(deps, ada, c, "advice-given", "");
    expect(await open()).toEqual([[a, "assigned"]]);
    await reopenRequest(deps, ada, c);
    expect(await open()).toEqual([[a, "assigned"], [c, "assigned"]].sort());
    expect(await deps.store.openLoads("wiltshire")).toEqual(new Map([[ada.person.aadObjectId, 2]]));
  });

  it("finds requests by when they were made, bounded by the period", async () => {
    clock = new Date("2026-10-15T09:00:00Z");
    const october = (await submitAdviceRequest(deps, senco, sampleDraft, randomUUID())).request.reference;
    const inOctober = await deps.store.listCreatedBetween("wiltshire", new Date("2026-10-01T00:00:00Z"), new Date("2026-11-01T00:00:00Z"));
    expect(inOctober.map((r) => r.reference)).toEqual([october]);
    expect((await deps.store.listCreatedBetween("wiltshire", new Date("2026-08-01T00:00:00Z"), new Date("2026-10-01T00:00:00Z"))).length).toBe(3);
  });

  it("gives requests stored before the indexes existed their rows", async () => {
    const repo = deps.store as AdviceRequestRepository;
    const ref = (await submitAdviceRequest(deps, senco, sampleDraft, randomUUID())).request.reference;
    // Remove its index rows, as if it had been stored by the version before them.
    const client = tables.client(TABLES.adviceRequests);
    for await (const row of client.listEntities<{ kind: string }>({ queryOptions: { filter: "kind eq 'open' or kind eq 'dated'" } }))
      if ((row.rowKey ?? "").endsWith(ref)) await client.deleteEntity(row.partitionKey ?? "", row.rowKey ?? "");
    expect((await open()).map(([r]) => r)).not.toContain(ref);
    expect(await repo.backfillIndexes("wiltshire")).toBeGreaterThan(0);
    expect((await open()).map(([r]) => r)).toContain(ref);
  });
});

import { describe, expect, it } from "vitest";
import { StaleWriteError, type AdviceRequestStore } from "../../domain/adviceRequestStore";
import { BookkeepingConflict, patchRequest } from "../../usecases/requestChange";
import { areaCalendars } from "../../app/holidays";
import { RecordingDispatcher } from "../support/requests";
import type { AdviceRequest } from "../../domain/adviceRequest";

describe("bookkeeping changes under contention", () => {
  it("says so when the request keeps changing, rather than giving up without a word", async () => {
    const request = { reference: "EH-2026-0001", areaId: "wiltshire" } as AdviceRequest;
    let writes = 0;
    const store = {
      get: () => Promise.resolve({ request, etag: "W/1" }),
      update: () => {
        writes++;
        return Promise.reject(new StaleWriteError("changed"));
      },
    } as unknown as AdviceRequestStore;
    const deps = { store, effects: new RecordingDispatcher(), now: () => new Date("2026-11-24T10:00:00Z"), calendarFor: areaCalendars([], new Date()), people: { listStaff: () => Promise.resolve([]) } };
    await expect(patchRequest(deps, "wiltshire", "EH-2026-0001", (r) => ({ request: { ...r, triagePost: { conversationId: "c", activityId: "a" } } }))).rejects.toThrow(BookkeepingConflict);
    expect(writes).toBeGreaterThan(1); // it did decide again on the latest state before giving up
  });
});

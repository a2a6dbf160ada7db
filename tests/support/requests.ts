import { areaCalendars } from "../../app/holidays";
import type { AdviceRequestDraft } from "../../domain/adviceRequest";
import type { RequestDeps } from "../../domain/adviceRequests";
import { AdviceRequestRepository, IdempotencyRepository } from "../../storage/adviceRequestRepository";
import { TABLES, type TableStore } from "../../storage/tables";

export function requestDeps(store: TableStore, now: () => Date = () => new Date("2026-11-24T10:00:00Z")): RequestDeps {
  return {
    store: new AdviceRequestRepository(store.client(TABLES.adviceRequests), store.client(TABLES.requestsBySchool), store.client(TABLES.counters)),
    idempotency: new IdempotencyRepository(store.client(TABLES.processedActivities)),
    now,
    calendarFor: areaCalendars([], now()),
  };
}

export const sampleDraft: AdviceRequestDraft = {
  schoolId: "riverside-primary",
  yearGroup: "Year 4",
  primaryNeed: "cognition-learning",
  otherNeeds: [],
  tried: "Daily phonics catch-up in a small group",
  triedFor: "a term",
  question: "Reading is well below peers despite phonics catch-up. What should we try next?",
  urgency: "routine",
};

import { areaCalendars } from "../../app/holidays";
import type { AdviceRequestDraft } from "../../domain/adviceRequest";
import type { RequestDeps } from "../../domain/adviceRequests";
import type { EffectAddress, EffectDispatcher } from "../../domain/effects";
import { AdviceRequestRepository } from "../../storage/adviceRequestRepository";
import { TABLES, type TableStore } from "../../storage/tables";
import type { AreaPack } from "../../domain/areaPack";
import { isStaff, type Directory } from "../../domain/directory";
import { demoPack } from "./activities";

/** A directory read from a pack, for use-case tests that do not seed storage. */
export function packDirectory(pack: AreaPack): Pick<Directory, "listStaff"> {
  return { listStaff: () => Promise.resolve(pack.people.filter(isStaff)) };
}

export function requestDeps(store: TableStore, now: () => Date = () => new Date("2026-11-24T10:00:00Z")): RequestDeps {
  return {
    store: new AdviceRequestRepository(store.client(TABLES.adviceRequests), store.client(TABLES.requestsBySchool), store.client(TABLES.counters)),
    effects: new RecordingDispatcher(),
    now,
    calendarFor: areaCalendars([], now()),
    people: packDirectory(demoPack),
  };
}

/** Remembers what was dispatched; the outbox rows themselves are in the tables. */
export class RecordingDispatcher implements EffectDispatcher {
  readonly dispatched: EffectAddress[] = [];
  dispatch(addresses: readonly EffectAddress[]): Promise<void> {
    this.dispatched.push(...addresses);
    return Promise.resolve();
  }
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

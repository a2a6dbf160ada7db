import type { AreaPack, Person } from "../domain/areaPack";
import { applyAvailability, type AvailabilityChange } from "../domain/availability";
import { roleOf, StaleDirectoryWrite, type DirectoryEditor } from "../domain/directory";
import { londonDate } from "../domain/workingDays";

export interface AvailabilityDeps {
  directory: DirectoryEditor;
  /** Who changed what and when; never free text. */
  audit: (areaId: string, at: Date, record: { actor: string; action: string; subject: string; detail: string }) => Promise<void>;
  now: () => Date;
}

export class AvailabilityRefusal extends Error {
  override name = "AvailabilityRefusal";
}

/**
 * An advisor changes their own availability. Read, decide and write are repeated on the latest
 * record if someone (a triage manager, another device) changed it meanwhile, so nothing is lost.
 * The change takes effect for routing on the next request: routing reads the stored directory.
 */
export async function changeOwnAvailability(deps: AvailabilityDeps, area: AreaPack, who: Person, change: AvailabilityChange): Promise<Person> {
  if (!roleOf(who.roles, "inclusion-advisor")) throw new AvailabilityRefusal("Only inclusion advisors set out of office and capacity here.");
  const today = londonDate(deps.now());
  for (let attempt = 0; attempt < 5; attempt++) {
    const entry = await deps.directory.getPersonEntry(area.id, who.aadObjectId);
    if (!entry) throw new AvailabilityRefusal("You are not in the council's directory any more. Ask your triage manager.");
    const updated = applyAvailability(entry.person, change, today);
    try {
      await deps.directory.replacePerson(area.id, updated, entry.etag);
      const detail = change.kind === "away" ? `${change.from}..${change.to}` : change.kind === "capacity" ? String(change.capacity) : "";
      await deps.audit(area.id, deps.now(), { actor: who.aadObjectId, action: `availability-${change.kind}`, subject: who.aadObjectId, detail });
      return updated;
    } catch (err) {
      if (!(err instanceof StaleDirectoryWrite)) throw err;
    }
  }
  throw new AvailabilityRefusal("Your record is being changed by someone else right now. Try again in a moment.");
}

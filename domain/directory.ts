import type { AreaPack, Person, Role, RoleName, School } from "./areaPack";

/** Who someone is in a local area, as the bot needs it on every turn. */
export interface AreaMember {
  areaId: string;
  aadObjectId: string;
  name: string;
  roles: Role[];
}

/**
 * Where a directory entry came from. The pack seeds and keeps in step only what it lists
 * ("pack"); schools imported from the national register ("register") and people added or changed
 * in the product ("product") are never removed by a pack seed.
 */
export type EntrySource = "pack" | "register" | "product";

/**
 * Read side of the people-and-settings directory: the one source for people. Routing, posting and
 * permissions read it, never the pack in memory, so a change takes effect on the next turn.
 */
export interface Directory {
  findPerson(areaId: string, aadObjectId: string): Promise<Person | undefined>;
  findSchool(areaId: string, schoolId: string): Promise<School | undefined>;
  /** Everyone with a council role (advisors, managers, leads, programme office): a few dozen, by key range. */
  listStaff(areaId: string): Promise<Person[]>;
}

/** Write side used by seeding and imports. */
export interface DirectoryWriter {
  /** Keys of the entries the pack seeded (people and schools), for removing what it dropped. */
  listKeys(areaId: string, source: EntrySource): Promise<string[]>;
  putPerson(areaId: string, person: Person, source: EntrySource): Promise<void>;
  putSchool(areaId: string, school: School, source: EntrySource): Promise<void>;
  remove(areaId: string, key: string): Promise<void>;
  recordSeed(areaId: string, summary: SeedSummary): Promise<void>;
}

/** A person as stored, with the version a guarded write must match. */
export interface PersonEntry {
  person: Person;
  etag: string;
  source: EntrySource;
}

/** Changes made in the product: ETag-guarded, so two people editing one record cannot lose a change. */
export interface DirectoryEditor {
  getPersonEntry(areaId: string, aadObjectId: string): Promise<PersonEntry | undefined>;
  /** Throws StaleDirectoryWrite when the record changed since it was read. */
  replacePerson(areaId: string, person: Person, etag: string): Promise<void>;
}

export class StaleDirectoryWrite extends Error {
  override name = "StaleDirectoryWrite";
}

/** Someone the council's side of the product acts as or routes to (not only a SENCO). */
export function isStaff(person: Person): boolean {
  return person.roles.some((r) => r.role !== "senco");
}

export interface SeedSummary {
  areaName: string;
  people: number;
  schools: number;
  removed: number;
  seededAt: string;
  /** Fingerprint of the pack content, so unchanged packs are not re-seeded. */
  packHash: string;
}

export const personKey = (aadObjectId: string) => `person:${aadObjectId}`;
export const schoolKey = (schoolId: string) => `school:${schoolId}`;

/**
 * Brings what the pack seeded in line with the pack. Idempotent: running it twice leaves the same
 * rows, and people or schools dropped from the pack lose access on the next start. Entries from
 * the register or made in the product are left alone.
 */
export async function seedDirectory(pack: AreaPack, writer: DirectoryWriter, now: Date, packHash: string): Promise<SeedSummary> {
  const wanted = new Set<string>();
  for (const p of pack.people) {
    await writer.putPerson(pack.id, p, "pack");
    wanted.add(personKey(p.aadObjectId));
  }
  for (const s of pack.schools) {
    await writer.putSchool(pack.id, s, "pack");
    wanted.add(schoolKey(s.id));
  }
  let removed = 0;
  for (const key of await writer.listKeys(pack.id, "pack")) {
    if (!wanted.has(key)) {
      await writer.remove(pack.id, key);
      removed++;
    }
  }
  const summary: SeedSummary = {
    areaName: pack.name,
    people: pack.people.length,
    schools: pack.schools.length,
    removed,
    seededAt: now.toISOString(),
    packHash,
  };
  await writer.recordSeed(pack.id, summary);
  return summary;
}

export function roleOf<N extends RoleName>(roles: Role[], name: N): Extract<Role, { role: N }> | undefined {
  return roles.find((r): r is Extract<Role, { role: N }> => r.role === name);
}

/** Finds which configured area an activity's tenant belongs to. */
export function areaForTenant(packs: readonly AreaPack[], tenantId: string | undefined): AreaPack | undefined {
  if (!tenantId) return undefined;
  return packs.find((p) => p.tenantIds.includes(tenantId));
}

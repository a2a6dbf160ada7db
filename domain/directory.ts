import type { AreaPack, Person, Role, RoleName, School } from "./areaPack";

/** Who someone is in a local area, as the bot needs it on every turn. */
export interface AreaMember {
  areaId: string;
  aadObjectId: string;
  name: string;
  roles: Role[];
}

/** Read side of the people-and-settings directory, seeded from the local area pack. */
export interface Directory {
  findPerson(areaId: string, aadObjectId: string): Promise<Person | undefined>;
  findSchool(areaId: string, schoolId: string): Promise<School | undefined>;
}

/** Write side used by seeding: replace what the pack says, remove what it no longer says. */
export interface DirectoryWriter {
  listKeys(areaId: string): Promise<string[]>;
  putPerson(areaId: string, person: Person): Promise<void>;
  putSchool(areaId: string, school: School): Promise<void>;
  remove(areaId: string, key: string): Promise<void>;
  recordSeed(areaId: string, summary: SeedSummary): Promise<void>;
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
 * Brings the stored directory in line with the pack. Idempotent: running it twice leaves the same
 * rows, and people or schools dropped from the pack lose access on the next start.
 */
export async function seedDirectory(pack: AreaPack, writer: DirectoryWriter, now: Date, packHash: string): Promise<SeedSummary> {
  const wanted = new Set<string>();
  for (const p of pack.people) {
    await writer.putPerson(pack.id, p);
    wanted.add(personKey(p.aadObjectId));
  }
  for (const s of pack.schools) {
    await writer.putSchool(pack.id, s);
    wanted.add(schoolKey(s.id));
  }
  let removed = 0;
  for (const key of await writer.listKeys(pack.id)) {
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

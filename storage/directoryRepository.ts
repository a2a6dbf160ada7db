import type { TableClient } from "@azure/data-tables";
import { Person, School } from "../domain/areaPack";
import { personKey, schoolKey, type Directory, type DirectoryWriter, type SeedSummary } from "../domain/directory";
import { decodeKey, encodeKey } from "./keys";
import { deleteIfExists, getEntityOrUndefined, listPartition } from "./tables";

interface DirectoryRow {
  kind: "person" | "school";
  json: string;
}

/** People and settings per area, one partition per area, point reads on every turn. */
export class DirectoryRepository implements Directory, DirectoryWriter {
  constructor(
    private readonly directory: TableClient,
    private readonly areas: TableClient,
  ) {}

  async findPerson(areaId: string, aadObjectId: string): Promise<Person | undefined> {
    const row = await this.get(areaId, personKey(aadObjectId));
    return row ? Person.parse(JSON.parse(row.json)) : undefined;
  }

  async findSchool(areaId: string, schoolId: string): Promise<School | undefined> {
    const row = await this.get(areaId, schoolKey(schoolId));
    return row ? School.parse(JSON.parse(row.json)) : undefined;
  }

  async listKeys(areaId: string): Promise<string[]> {
    const rows = await listPartition<DirectoryRow>(this.directory, encodeKey(areaId));
    return rows.map((r) => decodeKey(r.rowKey ?? ""));
  }

  putPerson(areaId: string, person: Person): Promise<void> {
    return this.put(areaId, personKey(person.aadObjectId), { kind: "person", json: JSON.stringify(person) });
  }

  putSchool(areaId: string, school: School): Promise<void> {
    return this.put(areaId, schoolKey(school.id), { kind: "school", json: JSON.stringify(school) });
  }

  async remove(areaId: string, key: string): Promise<void> {
    await deleteIfExists(this.directory, encodeKey(areaId), encodeKey(key));
  }

  async recordSeed(areaId: string, summary: SeedSummary): Promise<void> {
    await this.areas.upsertEntity({ partitionKey: encodeKey(areaId), rowKey: "area", ...summary }, "Replace");
  }

  async lastSeed(areaId: string): Promise<SeedSummary | undefined> {
    return getEntityOrUndefined<SeedSummary>(this.areas, encodeKey(areaId), "area");
  }

  private async put(areaId: string, key: string, row: DirectoryRow): Promise<void> {
    await this.directory.upsertEntity({ partitionKey: encodeKey(areaId), rowKey: encodeKey(key), ...row }, "Replace");
  }

  private get(areaId: string, key: string): Promise<DirectoryRow | undefined> {
    return getEntityOrUndefined<DirectoryRow>(this.directory, encodeKey(areaId), encodeKey(key));
  }
}

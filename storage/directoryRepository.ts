import type { TableClient, TransactionAction } from "@azure/data-tables";
import { Person, School } from "../domain/areaPack";
import { isStaff, personKey, schoolKey, StaleDirectoryWrite, type Directory, type DirectoryEditor, type DirectoryWriter, type EntrySource, type PersonEntry, type SeedSummary } from "../domain/directory";
import { decodeKey, encodeKey } from "./keys";
import { getEntityOrUndefined, isStatus } from "./tables";

interface DirectoryRow {
  kind: "person" | "school" | "staff";
  json: string;
  /** Missing on rows written before sources existed: those were all seeded from the pack. */
  source?: EntrySource;
}

/** Staff index rows sit beside the person rows, so listing the council's staff is one key range. */
const staffKey = (aadObjectId: string) => `staff:${aadObjectId}`;
const STAFF_FROM = encodeKey("staff:");
const STAFF_TO = encodeKey("staff;");

/**
 * People and settings per area, one partition per area: point reads on every turn, and the staff
 * (a few dozen) by key range. A person row and its staff index row are written in one
 * transaction, so the two never disagree.
 */
export class DirectoryRepository implements Directory, DirectoryWriter, DirectoryEditor {
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

  async listStaff(areaId: string): Promise<Person[]> {
    const pk = encodeKey(areaId).replace(/'/g, "''");
    const filter = `PartitionKey eq '${pk}' and RowKey ge '${STAFF_FROM}' and RowKey lt '${STAFF_TO}'`;
    const out: Person[] = [];
    for await (const row of this.directory.listEntities<DirectoryRow>({ queryOptions: { filter } })) out.push(Person.parse(JSON.parse(row.json)));
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  async listKeys(areaId: string, source: EntrySource): Promise<string[]> {
    const pk = encodeKey(areaId).replace(/'/g, "''");
    const keys: string[] = [];
    for await (const row of this.directory.listEntities<DirectoryRow>({ queryOptions: { filter: `PartitionKey eq '${pk}'` } })) {
      if (row.kind === "staff") continue;
      if ((row.source ?? "pack") === source) keys.push(decodeKey(row.rowKey ?? ""));
    }
    return keys;
  }

  /** The pack never overwrites someone changed in the product since. */
  async putPerson(areaId: string, person: Person, source: EntrySource): Promise<void> {
    if (source === "pack" && (await this.get(areaId, personKey(person.aadObjectId)))?.source === "product") return;
    const pk = encodeKey(areaId);
    const json = JSON.stringify(person);
    const actions: TransactionAction[] = [["upsert", { partitionKey: pk, rowKey: encodeKey(personKey(person.aadObjectId)), kind: "person", json, source }, "Replace"]];
    if (isStaff(person)) actions.push(["upsert", { partitionKey: pk, rowKey: encodeKey(staffKey(person.aadObjectId)), kind: "staff", json, source }, "Replace"]);
    else if (await this.get(areaId, staffKey(person.aadObjectId))) actions.push(["delete", { partitionKey: pk, rowKey: encodeKey(staffKey(person.aadObjectId)) }]);
    await this.directory.submitTransaction(actions);
  }

  async getPersonEntry(areaId: string, aadObjectId: string): Promise<PersonEntry | undefined> {
    const row = await getEntityOrUndefined<DirectoryRow>(this.directory, encodeKey(areaId), encodeKey(personKey(aadObjectId)));
    return row ? { person: Person.parse(JSON.parse(row.json)), etag: row.etag, source: row.source ?? "pack" } : undefined;
  }

  /** A change made in the product: the person row (ETag-guarded) and their staff row, in one transaction. */
  async replacePerson(areaId: string, person: Person, etag: string): Promise<void> {
    const pk = encodeKey(areaId);
    const json = JSON.stringify(person);
    const staffRow = { partitionKey: pk, rowKey: encodeKey(staffKey(person.aadObjectId)) };
    const actions: TransactionAction[] = [["update", { partitionKey: pk, rowKey: encodeKey(personKey(person.aadObjectId)), kind: "person", json, source: "product" }, "Replace", { etag }]];
    if (isStaff(person)) actions.push(["upsert", { ...staffRow, kind: "staff", json, source: "product" }, "Replace"]);
    else if (await this.get(areaId, staffKey(person.aadObjectId))) actions.push(["delete", staffRow]);
    try {
      await this.directory.submitTransaction(actions);
    } catch (err) {
      if (isStatus(err, 412) || isStatus(err, 404)) throw new StaleDirectoryWrite(`${person.name}'s record changed meanwhile`);
      throw err;
    }
  }

  async putSchool(areaId: string, school: School, source: EntrySource): Promise<void> {
    await this.directory.upsertEntity({ partitionKey: encodeKey(areaId), rowKey: encodeKey(schoolKey(school.id)), kind: "school", json: JSON.stringify(school), source }, "Replace");
  }

  /** Removes an entry and, for a person, their staff index row. */
  async remove(areaId: string, key: string): Promise<void> {
    const pk = encodeKey(areaId);
    const keys = [key, ...(key.startsWith("person:") ? [staffKey(key.slice("person:".length))] : [])];
    for (const k of keys) {
      try {
        await this.directory.deleteEntity(pk, encodeKey(k));
      } catch (err) {
        if (!isStatus(err, 404)) throw err;
      }
    }
  }

  async recordSeed(areaId: string, summary: SeedSummary): Promise<void> {
    await this.areas.upsertEntity({ partitionKey: encodeKey(areaId), rowKey: "area", ...summary }, "Replace");
  }

  async lastSeed(areaId: string): Promise<SeedSummary | undefined> {
    return getEntityOrUndefined<SeedSummary>(this.areas, encodeKey(areaId), "area");
  }

  private get(areaId: string, key: string): Promise<DirectoryRow | undefined> {
    return getEntityOrUndefined<DirectoryRow>(this.directory, encodeKey(areaId), encodeKey(key));
  }
}

import type { Crm } from '../../src/domain/crm';
import { DEAL_OBJECTS } from '../../src/sync/deals/dealObjects';
import { CrmError, permanent, transient } from '../../src/sync/errors';
import type { ChangedPage, CrmAdapter, CrmObjectSpec, CrmRecord, CrmWrite, FieldValues, ProvisionReport, ReadResult, WriteOutcome } from '../../src/sync/port';

interface FieldRule {
  options?: readonly string[];
  unique?: boolean;
}

interface StoredRecord {
  id: string;
  values: FieldValues;
  modifiedAt: Date;
  /** Set once deleted, or merged away (then `mergedInto` names the survivor). */
  gone: boolean;
  mergedInto: string | null;
  /** Related records by the relation's `to` (an object type or lookup field). */
  related: Map<string, Set<string>>;
}

interface StoredObject {
  fields: Map<string, FieldRule>;
  records: Map<string, StoredRecord>;
}

export interface FakeCrmOptions {
  /** Which CRM the fake stands in for: the engine keys links and waiting records by it. */
  crm: Crm;
  /** Records per read, write or archive call; a larger call is refused, as the real CRMs refuse it. */
  batchSize?: number;
  /** Records per `listChangedSince` page, small so that sweeps page. */
  pageSize?: number;
}

/**
 * A CRM kept in memory, behind the same port as the real adapters and held to the same
 * conformance suite, so the sync engine can be driven without emulators. It enforces what the
 * port promises: create-or-update by the Trellis id, unique and picklist fields refused record by
 * record, unknown fields and oversized calls refused whole, deleted and merged records answered
 * as such, changes listed oldest first a page at a time. Its other methods act as the CRM's own
 * users and outages do.
 */
export class FakeCrm {
  readonly adapter: CrmAdapter;
  private readonly objects = new Map<string, StoredObject>();
  private nextId = 1000;
  private lastStamp = 0;
  private failures: CrmError[] = [];
  private answersToLose = 0;
  /** Every call the engine made, by port method, for tests that count round trips. */
  readonly calls: string[] = [];

  constructor(options: FakeCrmOptions) {
    const batchSize = options.batchSize ?? 100;
    const pageSize = options.pageSize ?? 2;
    // The standard objects every portal or org has: deals and the companies they belong to.
    const { deals, companies } = DEAL_OBJECTS[options.crm];
    for (const spec of [deals, companies]) this.objects.set(spec.object, { fields: new Map(spec.fields.map((f) => [f, {}])), records: new Map() });

    const call = <T>(name: string, work: () => T): Promise<T> => {
      this.calls.push(name);
      const failure = this.failures.shift();
      return failure ? Promise.reject(failure) : Promise.resolve().then(work);
    };
    const within = (ids: readonly unknown[]) => {
      if (ids.length > batchSize) throw permanent(`At most ${batchSize} records per call, got ${ids.length}`, 400);
    };

    this.adapter = {
      crm: options.crm,
      capabilities: { batchSize },
      provision: (plan) =>
        call('provision', () => {
          const report: ProvisionReport = { created: [], present: [], missing: [] };
          for (const object of plan.objects) {
            const stored = this.objects.get(object.spec.object) ?? this.defineObject(object.spec.object);
            for (const field of object.fields) {
              const name = `${object.spec.object}.${field.name}`;
              if (stored.fields.has(field.name)) report.present.push(name);
              else {
                stored.fields.set(field.name, { ...(field.options ? { options: field.options } : {}), ...(field.unique ? { unique: true } : {}) });
                report.created.push(name);
              }
            }
          }
          return report;
        }),
      read: (spec, ids) =>
        call('read', () => {
          within(ids);
          return this.read(spec, ids);
        }),
      write: (spec, writes) =>
        call('write', () => {
          within(writes);
          const outcomes = this.write(spec, writes);
          if (this.answersToLose > 0) {
            this.answersToLose -= 1;
            throw transient('The connection closed before the CRM answered', null);
          }
          return outcomes;
        }),
      archive: (spec, ids) =>
        call('archive', () => {
          within(ids);
          for (const id of ids) {
            const record = this.objectOf(spec.object).records.get(id);
            if (record && !record.gone) this.touch(record).gone = true;
          }
        }),
      listChangedSince: (spec, since, cursor) => call('listChangedSince', () => this.listChanged(spec, since, cursor, pageSize)),
      associated: (from, to, ids) =>
        call('associated', () => {
          const found = new Map<string, string[]>();
          for (const id of ids) {
            const related = this.live(from, id)?.related.get(to);
            if (related && related.size > 0) found.set(id, [...related]);
          }
          return found;
        }),
      findByProperty: (spec, property, values) =>
        call('findByProperty', () => {
          const found = new Map<string, string>();
          for (const record of this.liveRecords(spec.object)) {
            const value = record.values[property]?.toLowerCase();
            if (value && values.some((v) => v.toLowerCase() === value) && !found.has(value)) found.set(value, record.id);
          }
          return found;
        }),
    };
  }

  /** A CRM user creates a record; returns its id. */
  createRecord(object: string, values: FieldValues): string {
    const stored = this.objectOf(object);
    this.refuseUnknownFields(stored, object, values);
    const record: StoredRecord = { id: String(this.nextId++), values: { ...values }, modifiedAt: this.stamp(), gone: false, mergedInto: null, related: new Map() };
    stored.records.set(record.id, record);
    return record.id;
  }

  /** A CRM user edits a record. */
  editRecord(object: string, id: string, values: FieldValues): void {
    const record = this.require(object, id);
    this.refuseUnknownFields(this.objectOf(object), object, values);
    Object.assign(this.touch(record).values, values);
  }

  /** A CRM user deletes a record. */
  deleteRecord(object: string, id: string): void {
    this.touch(this.require(object, id)).gone = true;
  }

  /** A CRM user merges `from` into `into`: the survivor keeps its values, gains those it lacked, and answers for `from`. */
  mergeRecords(object: string, into: string, from: string): void {
    const survivor = this.require(object, into);
    const merged = this.require(object, from);
    for (const [field, value] of Object.entries(merged.values)) if (survivor.values[field] == null) survivor.values[field] = value;
    for (const [to, ids] of merged.related) survivor.related.set(to, new Set([...(survivor.related.get(to) ?? []), ...ids]));
    this.touch(survivor);
    Object.assign(merged, { gone: true, mergedInto: into });
  }

  /** A CRM user relates one record to another (a deal to its company). */
  relate(object: string, id: string, to: string, toId: string): void {
    const record = this.require(object, id);
    record.related.set(to, new Set([...(record.related.get(to) ?? []), toId]));
  }

  /** The CRM fails the next calls whole, in order (a rate limit, an outage, a refused token). */
  failNextCalls(...errors: CrmError[]): void {
    this.failures.push(...errors);
  }

  /** The CRM applies the next write, but its answer never arrives: the caller sees a transient failure. */
  loseNextWriteAnswer(): void {
    this.answersToLose += 1;
  }

  /** The live records of an object, as a CRM user would see them in a list view. */
  liveRecords(object: string): CrmRecord[] {
    return [...this.objectOf(object).records.values()].filter((r) => !r.gone).map((r) => ({ id: r.id, values: { ...r.values }, modifiedAt: r.modifiedAt }));
  }

  private defineObject(object: string): StoredObject {
    const stored: StoredObject = { fields: new Map(), records: new Map() };
    this.objects.set(object, stored);
    return stored;
  }

  private objectOf(object: string): StoredObject {
    const stored = this.objects.get(object);
    if (!stored) throw permanent(`Unknown object type: ${object}`, 404);
    return stored;
  }

  private require(object: string, id: string): StoredRecord {
    const record = this.live(object, id);
    if (!record) throw new Error(`No live ${object} record ${id}`);
    return record;
  }

  private live(object: string, id: string): StoredRecord | undefined {
    const record = this.objectOf(object).records.get(id);
    return record && !record.gone ? record : undefined;
  }

  /** Strictly increasing stamps, so the CRM's own order of changes is never a tie. */
  private stamp(): Date {
    this.lastStamp = Math.max(Date.now(), this.lastStamp + 1);
    return new Date(this.lastStamp);
  }

  private touch(record: StoredRecord): StoredRecord {
    record.modifiedAt = this.stamp();
    return record;
  }

  private refuseUnknownFields(stored: StoredObject, object: string, values: FieldValues): void {
    const unknown = Object.keys(values).find((f) => !stored.fields.has(f));
    if (unknown) throw permanent(`Property "${unknown}" does not exist on ${object}`, 400);
  }

  private toRecord(record: StoredRecord, spec: CrmObjectSpec): CrmRecord {
    return { id: record.id, values: Object.fromEntries(spec.fields.map((f) => [f, record.values[f] ?? null])), modifiedAt: record.modifiedAt };
  }

  private read(spec: CrmObjectSpec, ids: string[]): ReadResult {
    const stored = this.objectOf(spec.object);
    const result: ReadResult = { found: [], missing: [], mergedInto: [] };
    const found = new Set<string>();
    for (const id of ids) {
      let record = stored.records.get(id);
      while (record?.mergedInto) record = stored.records.get(record.mergedInto);
      if (!record || record.gone) {
        result.missing.push(id);
        continue;
      }
      if (record.id !== id) result.mergedInto.push({ from: id, into: record.id });
      if (!found.has(record.id)) result.found.push(this.toRecord(record, spec));
      found.add(record.id);
    }
    return result;
  }

  private write(spec: CrmObjectSpec, writes: CrmWrite[]): WriteOutcome[] {
    const stored = this.objectOf(spec.object);
    // A field the object does not have fails the whole call, as both CRMs refuse it.
    for (const w of writes) this.refuseUnknownFields(stored, spec.object, { ...w.values, [spec.idField]: w.trellisId });
    return writes.map((w): WriteOutcome => {
      const values = { ...w.values, [spec.idField]: w.trellisId };
      const refused = (code: string, message: string): WriteOutcome => ({ trellisId: w.trellisId, ok: false, rejection: { code, message } });
      for (const [field, value] of Object.entries(values)) {
        const options = stored.fields.get(field)?.options;
        if (value !== null && options && !options.includes(value)) return refused('INVALID_OPTION', `"${value}" is not an allowed value of ${field}`);
      }
      const byTrellisId = [...stored.records.values()].find((r) => !r.gone && r.values[spec.idField] === w.trellisId);
      const target = w.crmId === null ? byTrellisId : stored.records.get(w.crmId);
      if (w.crmId !== null && (!target || target.gone)) return refused('NOT_FOUND', `No ${spec.object} record ${w.crmId}: it was deleted or merged away`);
      for (const [field, rule] of stored.fields) {
        const value = values[field];
        if (!rule.unique || value == null) continue;
        const holder = [...stored.records.values()].find((r) => !r.gone && r !== target && r.values[field] === value);
        if (holder) return refused('DUPLICATE_VALUE', `${field} "${value}" is already on record ${holder.id}`);
      }
      const record = target ?? this.storeNew(stored);
      Object.assign(this.touch(record).values, values);
      for (const r of w.relations ?? []) record.related.set(r.to, new Set([...(record.related.get(r.to) ?? []), r.id]));
      return { trellisId: w.trellisId, ok: true, crmId: record.id, created: target === undefined };
    });
  }

  private storeNew(stored: StoredObject): StoredRecord {
    const record: StoredRecord = { id: String(this.nextId++), values: {}, modifiedAt: this.stamp(), gone: false, mergedInto: null, related: new Map() };
    stored.records.set(record.id, record);
    return record;
  }

  /** Oldest change first; the cursor is the last (stamp, id) handed out, so a sweep neither skips nor repeats a record it has passed. */
  private listChanged(spec: CrmObjectSpec, since: Date | null, cursor: string | null, pageSize: number): ChangedPage {
    const after = cursor ? (JSON.parse(cursor) as { at: number; id: string }) : null;
    const order = (r: { modifiedAt: Date; id: string }) => [r.modifiedAt.getTime(), r.id.padStart(12, '0')] as const;
    const records = this.liveRecords(spec.object)
      .filter((r) => since === null || r.modifiedAt >= since)
      .filter((r) => !after || order(r)[0] > after.at || (order(r)[0] === after.at && order(r)[1] > after.id.padStart(12, '0')))
      .sort((a, b) => order(a)[0] - order(b)[0] || order(a)[1].localeCompare(order(b)[1]));
    const page = records.slice(0, pageSize).map((r) => ({ ...r, values: Object.fromEntries(spec.fields.map((f) => [f, r.values[f] ?? null])) }));
    const last = page[page.length - 1];
    return { records: page, cursor: records.length > pageSize && last ? JSON.stringify({ at: last.modifiedAt.getTime(), id: last.id }) : null };
  }
}

import type { Org, StoredRecord } from '../state';

export interface RecordChange {
  orgId: string;
  objectName: string;
  id: string;
  kind: 'create' | 'update' | 'delete';
  /** The record before and after the write, for change events' changed-field lists. */
  before: StoredRecord | undefined;
  after: StoredRecord;
}

/**
 * One DML request's writes, undoable as a whole: sObject Collections with
 * `allOrNone: true` roll back everything when one record fails.
 */
export class Transaction {
  private readonly undo: Array<{ table: Record<string, StoredRecord>; id: string; previous: StoredRecord | undefined }> = [];
  readonly changes: RecordChange[] = [];

  constructor(
    readonly org: Org,
    /** The user the writes are made as (CreatedById, LastModifiedById, default owner). */
    readonly userId: string,
    readonly now: number,
    readonly nextSequence: () => number,
    /** Who made the change, as change events report it: the API client's `Sforce-Call-Options` client id, or empty from the UI. */
    readonly changeOrigin = '',
  ) {}

  put(objectName: string, id: string, record: StoredRecord, kind: RecordChange['kind']): void {
    const table = (this.org.records[objectName] ??= {});
    const previous = table[id];
    this.undo.push({ table, id, previous });
    table[id] = record;
    this.changes.push({ orgId: this.org.id, objectName, id, kind, before: previous, after: record });
  }

  /** Undo every write, newest first; nothing is reported as changed. */
  rollback(): void {
    for (let entry = this.undo.pop(); entry; entry = this.undo.pop()) {
      if (entry.previous === undefined) delete entry.table[entry.id];
      else entry.table[entry.id] = entry.previous;
    }
    this.changes.length = 0;
  }
}

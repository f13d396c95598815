import type { Org, StoredRecord } from '../state';

export interface RecordChange {
  orgId: string;
  objectName: string;
  id: string;
  kind: 'create' | 'update' | 'delete';
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
  ) {}

  put(objectName: string, id: string, record: StoredRecord, kind: RecordChange['kind']): void {
    const table = (this.org.records[objectName] ??= {});
    this.undo.push({ table, id, previous: table[id] });
    table[id] = record;
    this.changes.push({ orgId: this.org.id, objectName, id, kind });
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

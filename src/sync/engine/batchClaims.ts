import type { PendingRecord } from '../../store/syncPending';

const keyOf = (row: Pick<PendingRecord, 'kind' | 'key'>) => `${row.kind}:${row.key}`;

/**
 * What the batches of one connection running side by side in one job are working on. A batch
 * takes only waiting records no other batch holds, and leaves alone an entity another batch
 * is merging (the same partner can wait under its Trellis id and its CRM id), so concurrent
 * batches never write one record twice; overlapping their CRM calls hides the CRM's latency.
 */
export class BatchClaims {
  private readonly records = new Set<string>();
  private readonly entities = new Set<string>();
  private selecting: Promise<unknown> = Promise.resolve();

  /** Record keys (`kind:key`) held by running batches, for the query that picks the next batch. */
  heldRecords(): ReadonlySet<string> {
    return this.records;
  }

  /** Picks and holds a batch's records, one batch at a time, so two batches never pick the same ones. */
  async pick(select: () => Promise<PendingRecord[]>): Promise<PendingRecord[]> {
    const picked = this.selecting.then(select);
    this.selecting = picked.catch(() => undefined);
    const rows = await picked;
    for (const row of rows) this.records.add(keyOf(row));
    return rows;
  }

  /** Holds the entities not already held elsewhere and returns them; the others wait for a later batch. */
  holdEntities(ids: string[]): Set<string> {
    const held = new Set(ids.filter((id) => !this.entities.has(id)));
    for (const id of held) this.entities.add(id);
    return held;
  }

  releaseRecords(rows: PendingRecord[]): void {
    for (const row of rows) this.records.delete(keyOf(row));
  }

  releaseEntities(ids: Iterable<string>): void {
    for (const id of ids) this.entities.delete(id);
  }
}

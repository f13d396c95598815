import { randomUUID } from 'node:crypto';
import { findObject } from '../schema/catalog';
import type { RecordChange, Transaction } from '../records/transaction';
import type { Edition, Org } from '../state';
import { changeEventName } from './channels';
import { changeEventSchema, eventValue, fieldBitmap, type ChangeEventHeader, type ChangeEventSchema } from './schema';

/** Change Data Capture exists in these editions only (sf-cdc). */
const CDC_EDITIONS: ReadonlySet<Edition> = new Set(['Enterprise', 'Performance', 'Unlimited', 'Developer']);
/** Change events are kept for 72 hours (sf-dur). */
export const RETENTION_MS = 72 * 3_600_000;

export interface StoredChangeEvent {
  orgId: string;
  /** The changed object's API name (the event's `entityName`). */
  entity: string;
  replayId: bigint;
  eventId: string;
  schemaId: string;
  payload: Buffer;
  publishedAt: number;
}

export function cdcAvailable(org: Org): boolean {
  return CDC_EDITIONS.has(org.edition);
}

export function isSelected(org: Org, objectName: string): boolean {
  const entity = changeEventName(objectName);
  return org.changeEventMembers.some((m) => m.eventChannel === 'ChangeEvents' && m.selectedEntity === entity);
}

const CHANGE_TYPES: Record<RecordChange['kind'], ChangeEventHeader['changeType']> = { create: 'CREATE', update: 'UPDATE', delete: 'DELETE' };

/**
 * The event bus of every org: committed writes to selected entities become Avro-encoded change
 * events, kept for 72 hours and read by replay id. Replay ids are opaque 8-byte positions,
 * shared by all orgs, so one org's ids are not contiguous.
 */
export class ChangeEventBus {
  private events: StoredChangeEvent[] = [];
  private schemas = new Map<string, ChangeEventSchema>();
  private listeners = new Set<() => void>();
  private position = 0n;
  /** The newest position whose event has been purged: replaying from it or before is refused. */
  private purgedThrough = 0n;
  private commits = 0;

  constructor(private readonly now: () => number) {
    this.position = this.purgedThrough = BigInt(now()) * 1000n;
  }

  publish(tx: Transaction): void {
    if (!cdcAvailable(tx.org)) return;
    const transactionKey = randomUUID();
    const commitNumber = ++this.commits;
    let sequenceNumber = 0;
    for (const change of tx.changes) {
      const object = findObject(tx.org, change.objectName);
      if (!object || !isSelected(tx.org, object.name)) continue;
      const schema = this.schemaOf(object);
      const changed = change.kind === 'update' ? schema.fields.filter((f) => (change.before?.[f.name] ?? null) !== (change.after[f.name] ?? null)) : [];
      const shown = change.kind === 'delete' ? [] : change.kind === 'update' ? changed : schema.fields.filter((f) => change.after[f.name] != null);
      const positionOf = (name: string) => schema.fields.findIndex((f) => f.name === name) + 1;
      const header: ChangeEventHeader = {
        entityName: object.name,
        recordIds: [change.id],
        changeType: CHANGE_TYPES[change.kind],
        changeOrigin: tx.changeOrigin,
        transactionKey,
        sequenceNumber: ++sequenceNumber,
        commitTimestamp: tx.now,
        commitNumber,
        commitUser: tx.userId,
        nulledFields: fieldBitmap(changed.filter((f) => change.after[f.name] == null).map((f) => positionOf(f.name))),
        diffFields: [],
        changedFields: fieldBitmap(changed.map((f) => positionOf(f.name))),
      };
      // Fields the change did not touch are null (sf-diff).
      const values = Object.fromEntries(schema.fields.map((f) => [f.name, shown.includes(f) ? eventValue(f, change.after[f.name]) : null]));
      this.position += 1n;
      this.events.push({ orgId: tx.org.id, entity: object.name, replayId: this.position, eventId: randomUUID(), schemaId: schema.id, payload: schema.type.toBuffer({ ChangeEventHeader: header, ...values }), publishedAt: this.now() });
    }
    this.prune();
    for (const listener of this.listeners) listener();
  }

  /** The entity's current schema, registered so GetSchema can answer for it. */
  schemaOf(object: Parameters<typeof changeEventSchema>[0]): ChangeEventSchema {
    const schema = changeEventSchema(object);
    if (!this.schemas.has(schema.id)) this.schemas.set(schema.id, schema);
    return this.schemas.get(schema.id)!;
  }

  schema(id: string): ChangeEventSchema | undefined {
    return this.schemas.get(id);
  }

  /** The org's retained events after `replayId` (all retained ones for null), oldest first. */
  after(orgId: string, replayId: bigint | null, accepts: (entity: string) => boolean): StoredChangeEvent[] {
    this.prune();
    return this.events.filter((e) => e.orgId === orgId && (replayId === null || e.replayId > replayId) && accepts(e.entity));
  }

  /** The tip of the stream: where a LATEST subscription starts. */
  latest(): bigint {
    return this.position;
  }

  /** Whether `replayId` is a position this bus gave out (an event's, or a keepalive's latest) that is still within retention. */
  retains(replayId: bigint): boolean {
    this.prune();
    return replayId <= this.position && replayId > this.purgedThrough;
  }

  onPublish(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  reset(): void {
    this.events = [];
    this.purgedThrough = this.position;
  }

  private prune(): void {
    const oldest = this.now() - RETENTION_MS;
    const purged = this.events.filter((e) => e.publishedAt < oldest);
    if (purged.length === 0) return;
    this.purgedThrough = purged[purged.length - 1]!.replayId;
    this.events = this.events.filter((e) => e.publishedAt >= oldest);
  }
}

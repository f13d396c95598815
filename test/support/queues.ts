import type { QueueLocation } from '../../src/jobs/backend';
import { serverUrl, type StoreKind } from './databases';
import { REDIS_URL } from './environment';

/** Every queue backend the README offers: Redis, BullMQ's PostgreSQL backend on the machine's server, and on the embedded one. */
export type QueueKind = QueueLocation['kind'];
export const QUEUE_KINDS: QueueKind[] = ['redis', 'postgres', 'embedded'];

export function queueLocation(kind: QueueKind): QueueLocation {
  return kind === 'redis' ? { kind, url: REDIS_URL } : { kind, url: serverUrl(kind) };
}

/**
 * The store a world on a queue kind runs on: the embedded queue only ever runs on the embedded
 * store's server (that pairing is what `npm start` runs); the others on the machine's PostgreSQL.
 */
export const storeKindFor = (kind: QueueKind): StoreKind => (kind === 'embedded' ? 'embedded' : 'postgres');

/** A world's queue as Trellis places it: Redis, or BullMQ's PostgreSQL backend in the store's own database. */
export function queueBeside(kind: QueueKind, storeUrl: string): QueueLocation {
  return kind === 'redis' ? queueLocation(kind) : { kind, url: storeUrl };
}

/**
 * The environment that makes `loadConfig` choose the queue of `kind` for a store: Redis when
 * REDIS_URL is set, else BullMQ's PostgreSQL backend on the store's server (for a store on the
 * embedded server, exactly the embedded setup).
 */
export function queueEnv(kind: QueueKind, storeUrl: string): Record<string, string> {
  return kind === 'redis' ? { DATABASE_URL: storeUrl, REDIS_URL } : { DATABASE_URL: storeUrl };
}

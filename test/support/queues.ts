import type { QueueLocation } from '../../src/jobs/backend';
import { serverUrl } from './databases';
import { REDIS_URL } from './environment';

/** Every queue backend the README offers: Redis, BullMQ's PostgreSQL backend on the machine's server, and on the embedded one. */
export type QueueKind = QueueLocation['kind'];
export const QUEUE_KINDS: QueueKind[] = ['redis', 'postgres', 'embedded'];

export function queueLocation(kind: QueueKind): QueueLocation {
  return kind === 'redis' ? { kind, url: REDIS_URL } : { kind, url: serverUrl(kind) };
}

import type { Queryable } from '../store/db';
import { appendOutboxEvent } from '../store/outbox';

export type SyncConflictSide = 'trellis' | 'crm';

export interface SyncConflictChoice {
  conflictId: string;
  winner: SyncConflictSide;
  /** The value that won, as the conflict reported it. */
  value: unknown;
  decidedBy: string;
}

/**
 * Applies the value a person chose for a sync field conflict: the sync engine implements this
 * to write the winner to Trellis and both CRMs, inside the caller's transaction.
 */
export interface SyncConflictWinnerPort {
  applyWinner(tx: Queryable, tenantId: string, choice: SyncConflictChoice): Promise<void>;
}

/**
 * Until the sync engine provides its own, the choice travels as a `sync_conflict.resolved`
 * outbox event carrying the winner, which the sync engine's outbound path picks up.
 */
export const outboxSyncConflictWinner: SyncConflictWinnerPort = {
  async applyWinner(tx, tenantId, choice) {
    await appendOutboxEvent(tx, tenantId, 'sync_conflict.resolved', choice.conflictId, {
      conflictId: choice.conflictId,
      winner: choice.winner,
      value: choice.value ?? null,
      decidedBy: choice.decidedBy,
    });
  },
};

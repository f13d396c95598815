import type { Queryable } from '../store/db';

export type SyncConflictSide = 'trellis' | 'crm';

export interface SyncConflictChoice {
  conflictId: string;
  winner: SyncConflictSide;
  decidedBy: string;
  at: Date;
}

/**
 * Applies the side a person chose for a sync field conflict: the sync engine implements this
 * to write the winning value to Trellis and every connected CRM, inside the caller's transaction.
 */
export interface SyncConflictWinnerPort {
  applyWinner(tx: Queryable, tenantId: string, choice: SyncConflictChoice): Promise<void>;
}

import type { Queryable } from '../../store/db';
import { getSyncConflict, recordConflictChoice } from '../../store/syncConflicts';
import { notFound, validationError } from '../../usecases/errors';
import type { SyncConflictChoice, SyncConflictWinnerPort } from '../../usecases/syncConflictWinner';
import { SYNCED_ENTITIES } from './syncBatch';

/**
 * A person's choice in a sync field conflict, as the sync engine carries it out: the chosen
 * side's value becomes Trellis's (through the entity's own rules) and the change is announced,
 * so every connected CRM is written with it — including the one whose value lost.
 */
export const applyConflictChoice: SyncConflictWinnerPort = {
  async applyWinner(tx: Queryable, tenantId: string, choice: SyncConflictChoice): Promise<void> {
    const conflict = await getSyncConflict(tx, tenantId, choice.conflictId, { forUpdate: true });
    if (!conflict) throw notFound('sync conflict');
    if (conflict.choice) return;
    const value = choice.winner === 'trellis' ? conflict.trellisValue : conflict.crmValue;
    const refused = await SYNCED_ENTITIES[conflict.entityKind].applyChosenValues(tx, tenantId, conflict.entityId, { [conflict.field]: value }, choice.decidedBy);
    if (refused) throw validationError('The chosen value cannot be applied', [{ path: [conflict.field], message: refused.rejected }]);
    await recordConflictChoice(tx, tenantId, conflict.id, { winner: choice.winner, by: choice.decidedBy, at: choice.at });
  },
};

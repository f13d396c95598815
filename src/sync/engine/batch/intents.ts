import { appendOutboxEvent } from '../../../store/outbox';
import { recordWriteIntent } from '../../../store/syncLinks';
import { recordSyncConflict } from '../../../store/syncConflicts';
import type { EntityRound, WriteIntent } from '../../plan';
import type { BatchScope } from './scope';

/**
 * Before the CRM call: notes what is about to be written, and the conflicts it settles (each
 * stored once and announced for alerts), so neither is forgotten if the round dies.
 */
export async function recordIntents({ deps, adapter, tenantId, entity, intents, conflicted }: Omit<BatchScope, 'mapping'> & { intents: WriteIntent[]; conflicted: EntityRound[] }): Promise<void> {
  if (intents.length + conflicted.length === 0) return;
  const { crm } = adapter;
  const entityKind = entity.kind;
  await deps.db.transaction(async (tx) => {
    await recordWriteIntent(tx, tenantId, crm, entityKind, intents);
    for (const round of conflicted) {
      const crmId = round.link!.crmId;
      const entityId = round.entity.id;
      for (const c of round.merge.conflicts) {
        const conflict = { entityKind, entityId, crm, crmId, field: c.field, baseValue: c.base, trellisValue: c.trellis, crmValue: c.crm, winner: c.winner, rule: c.rule };
        const id = await recordSyncConflict(tx, tenantId, conflict);
        if (!id) continue;
        await appendOutboxEvent(tx, tenantId, 'sync_conflict.detected', id, {
          origin: crm, conflictId: id, entityKind, entityId, crm, field: c.field, trellisValue: c.trellis, crmValue: c.crm, winner: c.winner,
        });
        deps.metrics?.conflicts.inc({ crm });
      }
    }
  });
}

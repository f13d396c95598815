import type { Queryable } from '../../../store/db';
import { saveLinks, type LinkState } from '../../../store/syncLinks';
import { clearPending, entityKey, markPending, type PendingRecord } from '../../../store/syncPending';
import { hashValues } from '../../hash';
import type { EntityRound } from '../../plan';
import type { WriteOutcome } from '../../port';
import { CRM_LABEL, park, type BatchScope } from './scope';

type CommitScope = Omit<BatchScope, 'mapping'>;

/**
 * Commits the whole batch in one transaction, each record's outcome decided on its own inside
 * it: a record the CRM refused is parked, the others get their Trellis edits and the values now
 * agreed; then every waiting record the batch settled is done.
 */
export async function commitBatch(scope: CommitScope & { rounds: EntityRound[]; outcomes: Map<string, WriteOutcome>; settled: PendingRecord[] }): Promise<void> {
  const { deps, adapter, tenantId, entity, outcomes } = scope;
  const { crm } = adapter;
  // Entities are locked in id order, so two CRMs' batches touching the same ones cannot deadlock.
  const rounds = [...scope.rounds].sort((a, b) => (a.entity.id < b.entity.id ? -1 : 1));
  const done = [...scope.settled];
  await deps.db.transaction(async (tx) => {
    const agreed: LinkState[] = [];
    for (const round of rounds) {
      const outcome = outcomes.get(round.entity.id);
      if (outcome && !outcome.ok) {
        const reason = `${CRM_LABEL[crm]} refused ${entity.noun} "${round.entity.name}": ${outcome.rejection.message} (${outcome.rejection.code})`;
        for (const row of round.rows) await park(tx, tenantId, crm, row, reason, { [`${entity.kind}Id`]: round.entity.id, code: outcome.rejection.code });
        deps.metrics?.records.inc({ crm, direction: 'outbound', outcome: 'dead_letter' });
      } else {
        const link = await commitRound(tx, scope, round, outcome?.ok ? outcome.crmId : round.link!.crmId);
        if (link) agreed.push(link);
      }
      done.push(...round.rows);
    }
    await saveLinks(tx, tenantId, crm, entity.kind, agreed);
    await clearPending(tx, tenantId, crm, done);
  });
}

/** Commits one merged record's Trellis edits (if the entity did not move meanwhile); returns the values now agreed, or null when parked. */
async function commitRound(tx: Queryable, { deps, adapter, tenantId, entity }: CommitScope, round: EntityRound, crmId: string): Promise<LinkState | null> {
  const { crm } = adapter;
  const { merge } = round;
  const toTrellis = Object.keys(merge.toTrellis);
  let agreed = merge.agreed;
  if (toTrellis.length > 0) {
    const outcome = await entity.applyCrmEdits(tx, tenantId, crm, round.entity, merge.toTrellis);
    if (typeof outcome === 'object') {
      const reason = `${CRM_LABEL[crm]} record ${crmId} holds values Trellis cannot accept for ${entity.noun} "${round.entity.name}": ${outcome.rejected}`;
      for (const row of round.rows) await park(tx, tenantId, crm, row, reason, { [`${entity.kind}Id`]: round.entity.id, crmId, values: merge.toTrellis });
      deps.metrics?.records.inc({ crm, direction: 'inbound', outcome: 'dead_letter' });
      return null;
    }
    if (outcome === 'moved') {
      // The entity changed while we merged: keep the CRM's edits unagreed so the next round merges them again.
      agreed = { ...merge.agreed, ...Object.fromEntries(toTrellis.map((f) => [f, round.link?.syncedValues[f] ?? null])) };
      await markPending(tx, tenantId, crm, entity.kind, [entityKey(round.entity.id)]);
    } else {
      deps.metrics?.records.inc({ crm, direction: 'inbound', outcome: 'applied' });
    }
  }
  if (Object.keys(merge.toCrm).length > 0 || !round.link) deps.metrics?.records.inc({ crm, direction: 'outbound', outcome: 'written' });
  return { entityId: round.entity.id, crmId, syncedValues: agreed, syncedHash: hashValues(agreed), crmModifiedAt: round.record?.modifiedAt ?? null };
}

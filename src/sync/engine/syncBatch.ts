import type { Crm, EntityKind } from '../../domain/crm';
import { linksByCrmId as linksByCrmIdOf, type SyncLink } from '../../store/syncLinks';
import { duePending, type PendingRecord } from '../../store/syncPending';
import { updateSyncState } from '../../store/syncState';
import type { Deps } from '../../usecases/context';
import { partnerEntity } from '../entities/partner';
import { registrationEntity } from '../entities/registration';
import type { SyncedEntity } from '../entities/synced';
import { CrmError } from '../errors';
import { placeRegistrationsOnDeals } from '../hubspot/registrationsOnDeals';
import { crmIdsOf, entityOfRow, planSync } from '../plan';
import type { CrmAdapter } from '../port';
import { adoptCrmRecords } from './batch/adopt';
import { commitBatch } from './batch/commit';
import { recordIntents } from './batch/intents';
import { readBatch } from './batch/read';
import { repairLinks } from './batch/repair';
import { settleCallFailure } from './batch/callFailure';
import type { BatchScope } from './batch/scope';
import { writeToCrm } from './batch/write';
import { BatchClaims } from './batchClaims';
import type { SyncMetrics } from './metrics';
import { syncTarget } from './targets';

export type AdapterFactory = (tenantId: string, crm: Crm) => CrmAdapter;

export interface SyncEngineDeps extends Deps {
  adapters: AdapterFactory;
  metrics?: SyncMetrics | undefined;
}

export interface BatchOutcome {
  /** Records synced this round. */
  processed: number;
  /** Whether more records are due right now. */
  more: boolean;
}

/** Every entity kind the engine syncs, by the kind its waiting records name. */
export const SYNCED_ENTITIES: Record<EntityKind, SyncedEntity> = { partner: partnerEntity, registration: registrationEntity };

/**
 * Syncs the records waiting for one tenant's CRM, one batch: reads the CRM's truth for all
 * of them in one call, merges each three ways, writes what the CRM lacks in one call, then
 * commits each record (Trellis edits, agreed values, conflicts, events) in its own transaction.
 * A CRM failure of the whole call leaves the records waiting and is thrown for the queue to pace.
 */
export async function syncDueRecords(deps: SyncEngineDeps, tenantId: string, crm: Crm, claims = new BatchClaims()): Promise<BatchOutcome> {
  const adapter = deps.adapters(tenantId, crm);
  const size = adapter.capabilities.batchSize;
  const now = deps.clock.now();
  // One kind per batch (one CRM object per call): the kind of the record waiting longest.
  const rows = await claims.pick(async () => {
    const [first] = await duePending(deps.db, tenantId, crm, 1, now, { held: claims.heldRecords() });
    return first ? duePending(deps.db, tenantId, crm, size, now, { kind: first.kind, held: claims.heldRecords() }) : [];
  });
  if (rows.length === 0) return { processed: 0, more: false };
  const kind = rows[0]!.kind;
  let processed = rows.length;
  try {
    const target = await syncTarget(deps, adapter, tenantId, kind);
    if (target === 'deals') await placeRegistrationsOnDeals(deps, adapter, tenantId, rows);
    else processed = await syncEntities({ deps, adapter, tenantId, entity: SYNCED_ENTITIES[kind], mapping: target, picked: rows, claims });
    await updateSyncState(deps.db, tenantId, crm, { lastSuccessAt: deps.clock.now() });
  } catch (err) {
    if (!(err instanceof CrmError)) throw err;
    await settleCallFailure({ deps, tenantId, crm, rows, err });
    throw err;
  } finally {
    claims.releaseRecords(rows);
  }
  // A batch whose every entity was held by a concurrent one leaves the rest to that one.
  const more = processed > 0 && (await duePending(deps.db, tenantId, crm, 1, deps.clock.now(), { held: claims.heldRecords() })).length > 0;
  return { processed, more };
}

async function syncEntities(scope: BatchScope & { picked: PendingRecord[]; claims: BatchClaims }): Promise<number> {
  const { deps, adapter, tenantId, entity, picked, claims } = scope;
  const linksByCrmId = await linksByCrmIdOf(deps.db, tenantId, adapter.crm, entity.kind, crmIdsOf(picked));
  // An entity a concurrent batch is merging waits (still pending) for a later batch.
  const held = claims.holdEntities([...new Set(picked.map((r) => entityOfRow(r, linksByCrmId)).filter((id): id is string => id !== undefined))]);
  try {
    const rows = picked.filter((r) => {
      const entityId = entityOfRow(r, linksByCrmId);
      return entityId === undefined || held.has(entityId);
    });
    if (rows.length > 0) await syncHeldEntities({ ...scope, rows, linksByCrmId });
    return rows.length;
  } finally {
    claims.releaseEntities(held);
  }
}

/** One batch of entities this batch holds, step by step: read, plan, repair, note intents, write, commit, adopt. */
async function syncHeldEntities(scope: BatchScope & { rows: PendingRecord[]; linksByCrmId: Map<string, SyncLink> }): Promise<void> {
  const reading = await readBatch(scope);
  const plan = planSync({ ...reading, rows: scope.rows, mapping: scope.mapping, linksByCrmId: scope.linksByCrmId });
  await repairLinks({ ...scope, repairs: plan.repairs });
  await recordIntents({ ...scope, intents: plan.intents, conflicted: plan.conflicted });
  const outcomes = await writeToCrm({ ...scope, writes: plan.writes });
  await commitBatch({ ...scope, rounds: plan.rounds, outcomes, settled: plan.settled });
  await adoptCrmRecords({ ...scope, adoptions: plan.adoptions });
}

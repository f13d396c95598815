import { linksByCrmId, linksByEntity, type SyncLink } from '../../../store/syncLinks';
import { parseRecordKey, type PendingRecord } from '../../../store/syncPending';
import { objectSpec } from '../../mapping/translate';
import { entityIdsOf, type PlanInput } from '../../plan';
import type { BatchScope } from './scope';

export type BatchReading = Pick<PlanInput, 'links' | 'read' | 'linkedSurvivors' | 'states'>;

/**
 * Reads what a batch is planned from: the entities' links, the CRM's truth for every record
 * involved in one call, the links already naming any record a merge survived into, and the
 * entities as Trellis holds them.
 */
export async function readBatch({ deps, adapter, tenantId, entity, mapping, rows, linksByCrmId: byCrmId }: BatchScope & { rows: PendingRecord[]; linksByCrmId: Map<string, SyncLink> }): Promise<BatchReading> {
  const { db } = deps;
  const { crm } = adapter;
  const { kind } = entity;
  const keys = rows.map((r) => parseRecordKey(r.key));
  const waitingEntities = keys.flatMap((k) => (k.side === 'entity' ? [k.entityId] : []));
  const links = await linksByEntity(db, tenantId, crm, kind, [...new Set([...waitingEntities, ...[...byCrmId.values()].map((l) => l.entityId)])]);
  const unlinkedCrmIds = keys.flatMap((k) => (k.side === 'crm' && !byCrmId.has(k.crmId) ? [k.crmId] : []));
  const liveCrmIds = [...links.values()].filter((l) => !l.tombstonedAt).map((l) => l.crmId);
  const read = await adapter.read(objectSpec(mapping), [...new Set([...liveCrmIds, ...unlinkedCrmIds])]);
  deps.metrics?.requests.inc({ crm, call: 'read' });
  const survivors = [...new Set(read.mergedInto.map((m) => m.into))];
  const linkedSurvivors = new Set((await linksByCrmId(db, tenantId, crm, kind, survivors)).keys());
  const states = new Map((await entity.load(db, tenantId, crm, entityIdsOf(rows, byCrmId))).map((e) => [e.id, e]));
  return { links, read, linkedSurvivors, states };
}

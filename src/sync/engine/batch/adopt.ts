import { linksByEntity, saveLinks } from '../../../store/syncLinks';
import { clearPending, entityKey, markPending, type PendingRecord } from '../../../store/syncPending';
import { hashValues } from '../../hash';
import { fromCrmValues } from '../../mapping/translate';
import type { CrmRecord, FieldValues } from '../../port';
import { CRM_LABEL, park, type BatchScope } from './scope';

/** The values both sides already hold: what a newly linked record agrees on, so the next round pushes the rest. */
const matching = (ours: FieldValues, theirs: FieldValues): FieldValues => Object.fromEntries(Object.entries(ours).filter(([k, v]) => theirs[k] === v));

const TRELLIS_ID = /^[0-9a-f-]{36}$/;

/** Adopts, one by one, the CRM records a committed batch found no link for (see adoptCrmRecord). */
export async function adoptCrmRecords(scope: BatchScope & { adoptions: Array<{ row: PendingRecord; record: CrmRecord }> }): Promise<void> {
  for (const { row, record } of scope.adoptions) await adoptCrmRecord(scope, row, record);
}

/**
 * A CRM record Trellis has no link for. If it carries a Trellis id, it is ours (a crash came
 * between the CRM's answer and our commit): link it. Otherwise the entity kind decides whether
 * it becomes a Trellis entity (a company marked as a partner) or is none of Trellis's business.
 */
async function adoptCrmRecord({ deps, adapter, tenantId, entity, mapping }: BatchScope, row: PendingRecord, record: CrmRecord): Promise<void> {
  const { crm } = adapter;
  const { kind } = entity;
  const values = fromCrmValues(mapping, record.values);
  const trellisId = record.values[mapping.idField];
  const [ours] = trellisId && TRELLIS_ID.test(trellisId) ? await entity.load(deps.db, tenantId, crm, [trellisId]) : [];
  if (ours) {
    const existing = await linksByEntity(deps.db, tenantId, crm, kind, [ours.id]);
    if (!existing.has(ours.id)) {
      const agreed = matching(ours.values, values);
      await saveLinks(deps.db, tenantId, crm, kind, [{ entityId: ours.id, crmId: record.id, syncedValues: agreed, syncedHash: hashValues(agreed), crmModifiedAt: record.modifiedAt }]);
      await markPending(deps.db, tenantId, crm, kind, [entityKey(ours.id)]);
    }
    await clearPending(deps.db, tenantId, crm, [row]);
    return;
  }
  await deps.db.transaction(async (tx) => {
    const adopted = await entity.adoptForeign(tx, tenantId, crm, values);
    if (adopted && 'rejected' in adopted) {
      await park(tx, tenantId, crm, row, `${CRM_LABEL[crm]} record ${record.id} cannot become a Trellis ${entity.noun}: ${adopted.rejected}`, { crmId: record.id, values });
    } else if (adopted) {
      const [created] = await entity.load(tx, tenantId, crm, [adopted.created]);
      // What the CRM holds now is agreed; the Trellis id (and any normalised value) goes back on the next round.
      const agreed = matching(created!.values, values);
      await saveLinks(tx, tenantId, crm, kind, [{ entityId: adopted.created, crmId: record.id, syncedValues: agreed, syncedHash: hashValues(agreed), crmModifiedAt: record.modifiedAt }]);
      await markPending(tx, tenantId, crm, kind, [entityKey(adopted.created)]);
      deps.metrics?.records.inc({ crm, direction: 'inbound', outcome: 'created' });
    }
    await clearPending(tx, tenantId, crm, [row]);
  });
}

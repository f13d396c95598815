import { moveLink, tombstoneLink } from '../../../store/syncLinks';
import type { LinkRepair } from '../../plan';
import { CRM_LABEL, type BatchScope } from './scope';

/** Carries out the link repairs a batch's plan found: merges in the CRM followed, deleted records tombstoned. */
export async function repairLinks({ deps, adapter, tenantId, entity, repairs }: Omit<BatchScope, 'mapping'> & { repairs: LinkRepair[] }): Promise<void> {
  const { crm } = adapter;
  for (const repair of repairs) {
    if (repair.action === 'move') {
      await moveLink(deps.db, tenantId, crm, entity.kind, repair.from, repair.into);
    } else {
      const reason = repair.mergedInto === null ? `deleted in ${CRM_LABEL[crm]}` : `merged into ${CRM_LABEL[crm]} record ${repair.mergedInto}, which is another ${entity.noun}`;
      await tombstoneLink(deps.db, tenantId, crm, entity.kind, repair.crmId, reason);
    }
  }
}

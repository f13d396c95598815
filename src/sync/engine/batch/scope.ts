import type { Crm } from '../../../domain/crm';
import type { Queryable } from '../../../store/db';
import { parkDeadLetter } from '../../../store/deadLetters';
import type { PendingRecord } from '../../../store/syncPending';
import type { SyncedEntity } from '../../entities/synced';
import type { ObjectMapping } from '../../mapping/types';
import type { CrmAdapter } from '../../port';
import type { SyncEngineDeps } from '../syncBatch';

/** What every step of one batch works on: a tenant's CRM, one entity kind, and its mapping there. */
export interface BatchScope {
  deps: SyncEngineDeps;
  adapter: CrmAdapter;
  tenantId: string;
  entity: SyncedEntity;
  mapping: ObjectMapping;
}

export const CRM_LABEL: Record<Crm, string> = { hubspot: 'HubSpot', salesforce: 'Salesforce' };

/** Parks a waiting record in the dead-letter list with a reason an admin can act on. */
export async function park(q: Queryable, tenantId: string, crm: Crm, row: PendingRecord, reason: string, details: Record<string, unknown>): Promise<void> {
  await parkDeadLetter(q, tenantId, crm, { kind: row.kind, key: row.key, reason, details });
}

import type { Queryable } from '../../store/db';
import { getSavedMapping } from '../../store/syncMappings';
import { DEFAULT_MAPPING } from './defaults';
import { SyncMapping } from './types';

/** The mapping in force for a tenant: what its admin saved, or the defaults. */
export async function loadMapping(q: Queryable, tenantId: string): Promise<SyncMapping> {
  const saved = SyncMapping.safeParse(await getSavedMapping(q, tenantId));
  return saved.success ? saved.data : DEFAULT_MAPPING;
}

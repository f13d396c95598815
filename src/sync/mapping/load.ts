import type { Queryable } from '../../store/db';
import { getSavedMapping } from '../../store/syncMappings';
import { DEFAULT_MAPPING } from './defaults';
import { SyncMapping } from './types';

/** The mapping in force for a tenant: what its admin saved, or the defaults. */
export async function loadMapping(q: Queryable, tenantId: string): Promise<SyncMapping> {
  return mappingInForce(await getSavedMapping(q, tenantId));
}

/** The mapping in force given what was saved (null when nothing was). */
export function mappingInForce(saved: unknown): SyncMapping {
  const parsed = SyncMapping.safeParse(saved);
  return parsed.success ? parsed.data : DEFAULT_MAPPING;
}

import type { Queryable } from './db';

/**
 * Serialises decisions about one tenant's registrations inside a transaction, so two
 * simultaneous submissions or approvals for the same customer cannot both miss each other.
 */
export async function lockTenantRegistrations(q: Queryable, tenantId: string): Promise<void> {
  await q.query("SELECT pg_advisory_xact_lock(hashtextextended('deal_registrations:' || $1, 0))", [tenantId]);
}

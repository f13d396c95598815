import type { Queryable } from './db';

/**
 * Serialises decisions about one tenant's registrations inside a transaction, so two
 * simultaneous submissions or approvals for the same customer cannot both miss each other.
 */
export async function lockTenantRegistrations(q: Queryable, tenantId: string): Promise<void> {
  await q.query("SELECT pg_advisory_xact_lock(hashtextextended('deal_registrations:' || $1, 0))", [tenantId]);
}

/**
 * Serialises routing within a tenant, so capacity is counted and taken in turn: two referrals
 * created at once cannot both see the last free place of one partner.
 */
export async function lockTenantRouting(q: Queryable, tenantId: string): Promise<void> {
  await q.query("SELECT pg_advisory_xact_lock(hashtextextended('referral_routing:' || $1, 0))", [tenantId]);
}

/**
 * Serialises rebuilds of a tenant's touchpoints and analytics rollups, so two sweeps ending
 * together cannot interleave their deletes and inserts of the same months.
 */
export async function lockTenantAnalytics(q: Queryable, tenantId: string): Promise<void> {
  await q.query("SELECT pg_advisory_xact_lock(hashtextextended('partner_analytics:' || $1, 0))", [tenantId]);
}

/** Serialises the creation of a tenant's partners, so two creates of one partner at once cannot both find no duplicate. */
export async function lockTenantPartnerCreation(q: Queryable, tenantId: string): Promise<void> {
  await q.query("SELECT pg_advisory_xact_lock(hashtextextended('partner_creation:' || $1, 0))", [tenantId]);
}

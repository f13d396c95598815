import type { RegistrationStatus } from '../domain/registration';
import type { Queryable } from './db';

/** Where a tenant's HubSpot portal keeps its deal registrations (see migration 0015). */
export type HubSpotRegistrationStorage =
  | { storage: 'custom_object'; objectTypeId: string; fullyQualifiedName: string }
  | { storage: 'deal_properties' };

export async function getHubSpotRegistrationStorage(q: Queryable, tenantId: string): Promise<HubSpotRegistrationStorage | null> {
  const { rows } = await q.query<{ storage: HubSpotRegistrationStorage['storage']; object_type_id: string | null; fully_qualified_name: string | null }>(
    'SELECT storage, object_type_id, fully_qualified_name FROM hubspot_registration_storage WHERE tenant_id = $1',
    [tenantId],
  );
  const row = rows[0];
  if (!row) return null;
  return row.storage === 'custom_object'
    ? { storage: 'custom_object', objectTypeId: row.object_type_id!, fullyQualifiedName: row.fully_qualified_name! }
    : { storage: 'deal_properties' };
}

export async function saveHubSpotRegistrationStorage(q: Queryable, tenantId: string, s: HubSpotRegistrationStorage): Promise<void> {
  const custom = s.storage === 'custom_object' ? s : null;
  await q.query(
    `INSERT INTO hubspot_registration_storage (tenant_id, storage, object_type_id, fully_qualified_name) VALUES ($1, $2, $3, $4)
     ON CONFLICT (tenant_id) DO UPDATE SET storage = EXCLUDED.storage, object_type_id = EXCLUDED.object_type_id,
       fully_qualified_name = EXCLUDED.fully_qualified_name, updated_at = now()`,
    [tenantId, s.storage, custom?.objectTypeId ?? null, custom?.fullyQualifiedName ?? null],
  );
}

/** A registration as a deal's or company's Trellis properties show it. */
export interface PlaceableRegistration {
  id: string;
  partnerId: string;
  partnerName: string;
  status: RegistrationStatus;
  submittedAt: Date;
  protectionExpiresAt: Date | null;
  decidedAt: Date | null;
  decidedBy: string | null;
  decisionReason: string | null;
  crmDealRef: string | null;
  accountId: string;
  /** The customer's web domain, which finds its HubSpot company. */
  customerDomain: string | null;
}

interface PlaceableRow {
  id: string;
  partner_id: string;
  partner_name: string;
  status: RegistrationStatus;
  submitted_at: Date;
  protection_expires_at: Date | null;
  decided_at: Date | null;
  decided_by: string | null;
  decision_reason: string | null;
  crm_deal_ref: string | null;
  account_id: string;
  customer_domain: string | null;
}

const ON_HUBSPOT_DEAL = `crm_deal_ref LIKE 'hubspot:deal:%'`;

/**
 * The given registrations and every other one competing for the same HubSpot record: those made
 * on the same HubSpot deal, and for registrations without one, those of the same customer
 * without one.
 */
export async function registrationsCompetingWith(q: Queryable, tenantId: string, ids: string[]): Promise<PlaceableRegistration[]> {
  if (ids.length === 0) return [];
  const { rows } = await q.query<PlaceableRow>(
    `WITH given AS (SELECT crm_deal_ref, account_id, ${ON_HUBSPOT_DEAL} AS on_deal FROM deal_registrations WHERE tenant_id = $1 AND id = ANY($2::uuid[]))
     SELECT r.id, r.partner_id, p.name AS partner_name, r.status, r.submitted_at, r.protection_expires_at, r.decided_at, r.decided_by,
       r.decision_reason, r.crm_deal_ref, r.account_id, coalesce(a.normalized_domain, r.customer_domain) AS customer_domain
     FROM deal_registrations r JOIN partners p ON p.id = r.partner_id JOIN accounts a ON a.id = r.account_id
     WHERE r.tenant_id = $1 AND (
       r.id = ANY($2::uuid[])
       OR (r.${ON_HUBSPOT_DEAL} AND r.crm_deal_ref IN (SELECT crm_deal_ref FROM given WHERE on_deal))
       OR (r.crm_deal_ref IS NULL OR NOT r.${ON_HUBSPOT_DEAL}) AND r.account_id IN (SELECT account_id FROM given WHERE NOT coalesce(on_deal, false)))`,
    [tenantId, ids],
  );
  return rows.map((r) => ({
    id: r.id,
    partnerId: r.partner_id,
    partnerName: r.partner_name,
    status: r.status,
    submittedAt: r.submitted_at,
    protectionExpiresAt: r.protection_expires_at,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by,
    decisionReason: r.decision_reason,
    crmDealRef: r.crm_deal_ref,
    accountId: r.account_id,
    customerDomain: r.customer_domain,
  }));
}

export type PlacementObject = 'deals' | 'companies';

/** Remembers which registration a HubSpot deal or company now shows. */
export async function savePlacements(q: Queryable, tenantId: string, placements: Array<{ object: PlacementObject; crmId: string; registrationId: string }>): Promise<void> {
  for (const p of placements) {
    await q.query(
      `INSERT INTO hubspot_registration_placements (tenant_id, object_type, crm_id, registration_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, object_type, crm_id) DO UPDATE SET registration_id = EXCLUDED.registration_id`,
      [tenantId, p.object, p.crmId, p.registrationId],
    );
  }
}

export async function listPlacements(q: Queryable, tenantId: string): Promise<Array<{ object: PlacementObject; crmId: string; registrationId: string }>> {
  const { rows } = await q.query<{ object_type: PlacementObject; crm_id: string; registration_id: string }>(
    'SELECT object_type, crm_id, registration_id FROM hubspot_registration_placements WHERE tenant_id = $1 ORDER BY object_type, crm_id',
    [tenantId],
  );
  return rows.map((r) => ({ object: r.object_type, crmId: r.crm_id, registrationId: r.registration_id }));
}

export async function forgetPlacements(q: Queryable, tenantId: string, object: PlacementObject, crmIds: string[]): Promise<void> {
  await q.query('DELETE FROM hubspot_registration_placements WHERE tenant_id = $1 AND object_type = $2 AND crm_id = ANY($3::text[])', [tenantId, object, crmIds]);
}

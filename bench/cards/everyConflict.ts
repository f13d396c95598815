import type { Db } from '../../src/store/db';

/**
 * The baseline for the record's registrations: what the card backend read before it bounded
 * the conflicts per registration — every conflict of the registrations, with its evidence,
 * sorted, then split per registration in memory.
 */
export async function readEveryConflict(db: Db, tenantId: string, registrationIds: readonly string[]): Promise<number> {
  const { rows } = await db.query<{ id: string; registration_id: string; conflicting_registration_id: string; evidence: unknown }>(
    `SELECT id, kind, registration_id, partner_id, conflicting_registration_id, conflicting_partner_id, score, evidence,
       status, resolution, resolution_note, resolved_by, resolved_at, detected_at
     FROM conflicts WHERE tenant_id = $1 AND (registration_id = ANY($2::uuid[]) OR conflicting_registration_id = ANY($2::uuid[]))
     ORDER BY detected_at, id`,
    [tenantId, [...registrationIds]],
  );
  const perRegistration = registrationIds.map((id) => rows.filter((c) => c.registration_id === id || c.conflicting_registration_id === id));
  return perRegistration.reduce((n, list) => n + list.length, 0);
}

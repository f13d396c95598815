import { randomUUID } from 'node:crypto';
import type { ChannelConflict, ConflictEvidence, ConflictKind, ConflictResolution } from '../domain/conflicts';
import type { Queryable } from './db';
import { selectPage, type Page } from './pagination';

/** A stored conflict between a registration and an earlier one it collided with. */
export interface StoredConflict {
  id: string;
  kind: ConflictKind;
  registrationId: string;
  partnerId: string;
  conflictingRegistrationId: string;
  conflictingPartnerId: string;
  score: number;
  evidence: ConflictEvidence;
  status: 'open' | 'resolved';
  resolution: ConflictResolution | null;
  resolutionNote: string | null;
  resolvedBy: string | null;
  resolvedAt: Date | null;
  detectedAt: Date;
}

interface ConflictRow {
  id: string;
  kind: ConflictKind;
  registration_id: string;
  partner_id: string;
  conflicting_registration_id: string;
  conflicting_partner_id: string;
  score: string | number;
  evidence: ConflictEvidence;
  status: 'open' | 'resolved';
  resolution: ConflictResolution | null;
  resolution_note: string | null;
  resolved_by: string | null;
  resolved_at: Date | null;
  detected_at: Date;
}

const COLUMNS = `id, kind, registration_id, partner_id, conflicting_registration_id, conflicting_partner_id, score, evidence,
  status, resolution, resolution_note, resolved_by, resolved_at, detected_at`;

const toConflict = (r: ConflictRow): StoredConflict => ({
  id: r.id,
  kind: r.kind,
  registrationId: r.registration_id,
  partnerId: r.partner_id,
  conflictingRegistrationId: r.conflicting_registration_id,
  conflictingPartnerId: r.conflicting_partner_id,
  score: Number(r.score),
  evidence: r.evidence,
  status: r.status,
  resolution: r.resolution,
  resolutionNote: r.resolution_note,
  resolvedBy: r.resolved_by,
  resolvedAt: r.resolved_at,
  detectedAt: r.detected_at,
});

export async function insertConflicts(
  q: Queryable,
  tenantId: string,
  registration: { id: string; partnerId: string },
  conflicts: ChannelConflict[],
  detectedAt: Date,
): Promise<StoredConflict[]> {
  const stored: StoredConflict[] = [];
  for (const c of conflicts) {
    const { rows } = await q.query<ConflictRow>(
      `INSERT INTO conflicts (id, tenant_id, kind, registration_id, partner_id, conflicting_registration_id, conflicting_partner_id,
         score, evidence, detected_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10) RETURNING ${COLUMNS}`,
      [randomUUID(), tenantId, c.kind, registration.id, registration.partnerId, c.registrationId, c.partnerId, c.score, JSON.stringify(c.evidence), detectedAt],
    );
    stored.push(toConflict(rows[0]!));
  }
  return stored;
}

/** Conflicts in which the registration takes part, on either side. */
export async function listConflictsOfRegistration(q: Queryable, tenantId: string, registrationId: string): Promise<StoredConflict[]> {
  const { rows } = await q.query<ConflictRow>(
    `SELECT ${COLUMNS} FROM conflicts WHERE tenant_id = $1 AND (registration_id = $2 OR conflicting_registration_id = $2)
     ORDER BY detected_at, id`,
    [tenantId, registrationId],
  );
  return rows.map(toConflict);
}

export async function getConflict(q: Queryable, tenantId: string, id: string, options: { forUpdate?: boolean } = {}) {
  const { rows } = await q.query<ConflictRow>(
    `SELECT ${COLUMNS} FROM conflicts WHERE tenant_id = $1 AND id = $2${options.forUpdate ? ' FOR UPDATE' : ''}`,
    [tenantId, id],
  );
  return rows[0] ? toConflict(rows[0]) : null;
}

export async function saveConflictResolution(q: Queryable, tenantId: string, c: StoredConflict): Promise<void> {
  await q.query(
    `UPDATE conflicts SET status = $3, resolution = $4, resolution_note = $5, resolved_by = $6, resolved_at = $7
     WHERE tenant_id = $1 AND id = $2`,
    [tenantId, c.id, c.status, c.resolution, c.resolutionNote, c.resolvedBy, c.resolvedAt],
  );
}

export interface ConflictFilters {
  status?: 'open' | 'resolved' | undefined;
  registrationId?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export function listConflicts(q: Queryable, tenantId: string, f: ConflictFilters): Promise<Page<StoredConflict> | null> {
  const filters: [string, unknown][] = [
    ['status = ?', f.status],
    ['(registration_id = ? OR conflicting_registration_id = ?)', f.registrationId],
  ];
  const query = { columns: COLUMNS, table: 'conflicts', orderedBy: 'detected_at', tenantId, filters, limit: f.limit, cursor: f.cursor };
  return selectPage(q, query, toConflict, (c) => ({ at: c.detectedAt, id: c.id }));
}

/** The conflicts of several registrations at once (a CRM record shows all of its customer's registrations). */
export async function listConflictsOfRegistrations(q: Queryable, tenantId: string, registrationIds: readonly string[]): Promise<StoredConflict[]> {
  if (registrationIds.length === 0) return [];
  const { rows } = await q.query<ConflictRow>(
    `SELECT ${COLUMNS} FROM conflicts WHERE tenant_id = $1 AND (registration_id = ANY($2::uuid[]) OR conflicting_registration_id = ANY($2::uuid[]))
     ORDER BY detected_at, id`,
    [tenantId, [...registrationIds]],
  );
  return rows.map(toConflict);
}

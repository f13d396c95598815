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
const QUALIFIED_COLUMNS = COLUMNS.replace(/\w+/g, 'c.$&');

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

/** One statement for all of a submission's conflicts: a name like many others can collide with hundreds. */
export async function insertConflicts(
  q: Queryable,
  tenantId: string,
  registration: { id: string; partnerId: string },
  conflicts: ChannelConflict[],
  detectedAt: Date,
): Promise<StoredConflict[]> {
  if (conflicts.length === 0) return [];
  const rows = conflicts.map((c) => ({ id: randomUUID(), kind: c.kind, other_registration: c.registrationId, other_partner: c.partnerId, score: c.score, evidence: c.evidence }));
  const { rows: inserted } = await q.query<ConflictRow>(
    `INSERT INTO conflicts (id, tenant_id, kind, registration_id, partner_id, conflicting_registration_id, conflicting_partner_id, score, evidence, detected_at)
     SELECT c.id, $1, c.kind, $2, $3, c.other_registration, c.other_partner, c.score, c.evidence, $4
     FROM jsonb_to_recordset($5::jsonb) AS c (id uuid, kind text, other_registration uuid, other_partner uuid, score numeric, evidence jsonb)
     RETURNING ${COLUMNS}`,
    [tenantId, registration.id, registration.partnerId, detectedAt, JSON.stringify(rows)],
  );
  // RETURNING promises no order; keep the detection's.
  const byId = new Map(inserted.map((r) => [r.id, toConflict(r)]));
  return rows.map((r) => byId.get(r.id)!);
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

export interface ConflictsShown {
  /** Each registration's most pressing conflicts, most pressing first. */
  shown: Map<string, StoredConflict[]>;
  /** How many conflicts each registration has in all. */
  totals: Map<string, number>;
}

/**
 * The conflicts a CRM record shows of each of its registrations: at most `perRegistration`
 * each, open before resolved, then the closest match and the newest, with how many there are
 * in all. A customer whose name resembles many others can have hundreds; only the shown ones
 * are read out of the table with their evidence.
 */
export async function listConflictsShownOfRegistrations(
  q: Queryable,
  tenantId: string,
  registrationIds: readonly string[],
  perRegistration: number,
): Promise<ConflictsShown> {
  const shown = new Map<string, StoredConflict[]>(registrationIds.map((id) => [id, []]));
  const totals = new Map<string, number>(registrationIds.map((id) => [id, 0]));
  if (registrationIds.length === 0) return { shown, totals };
  const { rows } = await q.query<ConflictRow & { shown_for: string; total: string | number }>(
    `WITH ranked AS (
       SELECT reg.id AS shown_for, c.id,
         row_number() OVER (PARTITION BY reg.id ORDER BY c.status = 'open' DESC, c.score DESC, c.detected_at DESC, c.id) AS rank,
         count(*) OVER (PARTITION BY reg.id) AS total
       FROM unnest($2::uuid[]) AS reg (id)
       JOIN conflicts c ON c.tenant_id = $1 AND (c.registration_id = reg.id OR c.conflicting_registration_id = reg.id)
     )
     SELECT ranked.shown_for, ranked.total, ${QUALIFIED_COLUMNS}
     FROM ranked JOIN conflicts c ON c.tenant_id = $1 AND c.id = ranked.id
     WHERE ranked.rank <= $3
     ORDER BY ranked.shown_for, ranked.rank`,
    [tenantId, [...registrationIds], perRegistration],
  );
  for (const r of rows) {
    shown.get(r.shown_for)!.push(toConflict(r));
    totals.set(r.shown_for, Number(r.total));
  }
  return { shown, totals };
}

/** A tenant's open conflicts, the longest-waiting first: the approval inbox's queue. */
export async function listOpenConflictsOldestFirst(q: Queryable, tenantId: string, limit: number): Promise<StoredConflict[]> {
  const { rows } = await q.query<ConflictRow>(
    `SELECT ${COLUMNS} FROM conflicts WHERE tenant_id = $1 AND status = 'open' ORDER BY detected_at, id LIMIT $2`,
    [tenantId, limit],
  );
  return rows.map(toConflict);
}

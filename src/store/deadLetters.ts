import { randomUUID } from 'node:crypto';
import type { Crm, EntityKind } from '../domain/crm';
import type { Queryable } from './db';
import { selectPage, type Page } from './pagination';

export interface DeadLetter {
  id: string;
  crm: Crm;
  entityKind: EntityKind;
  recordKey: string;
  reason: string;
  details: Record<string, unknown>;
  status: 'open' | 'replayed';
  createdAt: Date;
  replayedAt: Date | null;
}

interface Row {
  id: string;
  crm: Crm;
  entity_kind: EntityKind;
  record_key: string;
  reason: string;
  details: Record<string, unknown>;
  status: DeadLetter['status'];
  created_at: Date;
  replayed_at: Date | null;
}

const COLUMNS = 'id, crm, entity_kind, record_key, reason, details, status, created_at, replayed_at';
const toDeadLetter = (r: Row): DeadLetter => ({
  id: r.id,
  crm: r.crm,
  entityKind: r.entity_kind,
  recordKey: r.record_key,
  reason: r.reason,
  details: r.details,
  status: r.status,
  createdAt: r.created_at,
  replayedAt: r.replayed_at,
});

/** Parks a record the CRM refused; a record parked again keeps one open letter with the latest reason. */
export async function parkDeadLetter(
  q: Queryable,
  tenantId: string,
  crm: Crm,
  letter: { kind: EntityKind; key: string; reason: string; details: Record<string, unknown> },
): Promise<void> {
  await q.query(
    `INSERT INTO dead_letters (id, tenant_id, crm, entity_kind, record_key, reason, details) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
     ON CONFLICT (tenant_id, crm, entity_kind, record_key) WHERE status = 'open'
     DO UPDATE SET reason = EXCLUDED.reason, details = EXCLUDED.details, created_at = now()`,
    [randomUUID(), tenantId, crm, letter.kind, letter.key, letter.reason, JSON.stringify(letter.details)],
  );
}

export function listDeadLetters(
  q: Queryable,
  tenantId: string,
  f: { status?: DeadLetter['status'] | undefined; limit: number; cursor?: string | undefined },
): Promise<Page<DeadLetter> | null> {
  const query = { columns: COLUMNS, table: 'dead_letters', orderedBy: 'created_at', tenantId, filters: [['status = ?', f.status]] as [string, unknown][], limit: f.limit, cursor: f.cursor };
  return selectPage(q, query, toDeadLetter, (d) => ({ at: d.createdAt, id: d.id }));
}

export async function getDeadLetter(q: Queryable, tenantId: string, id: string): Promise<DeadLetter | null> {
  const { rows } = await q.query<Row>(`SELECT ${COLUMNS} FROM dead_letters WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  return rows[0] ? toDeadLetter(rows[0]) : null;
}

export async function markDeadLetterReplayed(q: Queryable, tenantId: string, id: string): Promise<DeadLetter | null> {
  const { rows } = await q.query<Row>(
    `UPDATE dead_letters SET status = 'replayed', replayed_at = now() WHERE tenant_id = $1 AND id = $2 AND status = 'open' RETURNING ${COLUMNS}`,
    [tenantId, id],
  );
  return rows[0] ? toDeadLetter(rows[0]) : null;
}

export async function countOpenDeadLetters(q: Queryable, tenantId: string): Promise<Array<{ crm: Crm; open: number; latest: string | null }>> {
  const { rows } = await q.query<{ crm: Crm; open: string; latest: string | null }>(
    `SELECT crm, count(*) AS open, (array_agg(reason ORDER BY created_at DESC))[1] AS latest
     FROM dead_letters WHERE tenant_id = $1 AND status = 'open' GROUP BY crm`,
    [tenantId],
  );
  return rows.map((r) => ({ crm: r.crm, open: Number(r.open), latest: r.latest }));
}

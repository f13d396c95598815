import type { Crm } from '../domain/crm';
import type { Queryable } from './db';

export interface SyncConnectionState {
  crm: Crm;
  watermark: Date | null;
  backfillStatus: 'none' | 'running' | 'done' | 'failed';
  backfillCursor: string | null;
  backfillSeen: number;
  backfillStartedAt: Date | null;
  backfillFinishedAt: Date | null;
  lastSuccessAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  /** When the CRM was last given what the mapping needs; nothing is written to it before. */
  provisionedAt: Date | null;
}

interface Row {
  crm: Crm;
  watermark: Date | null;
  backfill_status: SyncConnectionState['backfillStatus'];
  backfill_cursor: string | null;
  backfill_seen: number;
  backfill_started_at: Date | null;
  backfill_finished_at: Date | null;
  last_success_at: Date | null;
  last_error: string | null;
  last_error_at: Date | null;
  provisioned_at: Date | null;
}

const toState = (r: Row): SyncConnectionState => ({
  crm: r.crm,
  watermark: r.watermark,
  backfillStatus: r.backfill_status,
  backfillCursor: r.backfill_cursor,
  backfillSeen: r.backfill_seen,
  backfillStartedAt: r.backfill_started_at,
  backfillFinishedAt: r.backfill_finished_at,
  lastSuccessAt: r.last_success_at,
  lastError: r.last_error,
  lastErrorAt: r.last_error_at,
  provisionedAt: r.provisioned_at,
});

export async function getSyncStates(q: Queryable, tenantId: string): Promise<SyncConnectionState[]> {
  const { rows } = await q.query<Row>('SELECT * FROM sync_connection_state WHERE tenant_id = $1 ORDER BY crm', [tenantId]);
  return rows.map(toState);
}

export async function getSyncState(q: Queryable, tenantId: string, crm: Crm): Promise<SyncConnectionState | null> {
  const { rows } = await q.query<Row>('SELECT * FROM sync_connection_state WHERE tenant_id = $1 AND crm = $2', [tenantId, crm]);
  return rows[0] ? toState(rows[0]) : null;
}

const COLUMN: Record<string, string> = {
  watermark: 'watermark',
  backfillStatus: 'backfill_status',
  backfillCursor: 'backfill_cursor',
  backfillSeen: 'backfill_seen',
  backfillStartedAt: 'backfill_started_at',
  backfillFinishedAt: 'backfill_finished_at',
  lastSuccessAt: 'last_success_at',
  lastError: 'last_error',
  lastErrorAt: 'last_error_at',
  provisionedAt: 'provisioned_at',
};

/** Writes the given fields of a connection's sync state, creating the row on first use. */
export async function updateSyncState(q: Queryable, tenantId: string, crm: Crm, changes: Partial<Omit<SyncConnectionState, 'crm'>>): Promise<void> {
  const entries = Object.entries(changes).filter(([k]) => COLUMN[k]);
  const columns = entries.map(([k]) => COLUMN[k]!);
  const values = entries.map(([, v]) => v);
  const placeholders = columns.map((_, i) => `$${i + 3}`);
  await q.query(
    `INSERT INTO sync_connection_state (tenant_id, crm${columns.map((c) => `, ${c}`).join('')}) VALUES ($1, $2${placeholders.map((p) => `, ${p}`).join('')})
     ON CONFLICT (tenant_id, crm) DO ${columns.length ? `UPDATE SET ${columns.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}` : 'NOTHING'}`,
    [tenantId, crm, ...values],
  );
}

/** The CRMs a tenant is actively connected to. */
export async function connectedCrms(q: Queryable, tenantId: string): Promise<Crm[]> {
  const { rows } = await q.query<{ crm: Crm }>("SELECT crm FROM crm_connections WHERE tenant_id = $1 AND status = 'active' ORDER BY crm", [tenantId]);
  return rows.map((r) => r.crm);
}

/** Every active connection: what the reconciliation sweep walks (a system-wide look, across tenants). */
export async function allActiveConnections(q: Queryable): Promise<Array<{ tenantId: string; crm: Crm }>> {
  const { rows } = await q.query<{ tenant_id: string; crm: Crm }>("SELECT tenant_id, crm FROM crm_connections WHERE status = 'active'");
  return rows.map((r) => ({ tenantId: r.tenant_id, crm: r.crm }));
}

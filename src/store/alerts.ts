import { randomUUID } from 'node:crypto';
import type { AlertKind } from '../domain/alertRouting';
import type { Queryable } from './db';

/** Alerts of one kind folded into one message during a burst are themselves an alert of kind `digest`. */
export type StoredAlertKind = AlertKind | 'digest';
export type AlertStatus = 'pending' | 'posting' | 'posted' | 'digested' | 'closed';

/** One alert subject's life in Slack: raised, posted once (channel + ts), counted when raised again, closed when settled. */
export interface Alert {
  id: string;
  tenantId: string;
  kind: StoredAlertKind;
  subjectId: string;
  details: Record<string, unknown>;
  status: AlertStatus;
  raiseCount: number;
  firstRaisedAt: Date;
  lastRaisedAt: Date;
  channelId: string | null;
  ts: string | null;
  postedAt: Date | null;
  digestId: string | null;
  outcome: string | null;
  closedBy: string | null;
  closedAt: Date | null;
  snoozedUntil: Date | null;
  /** Its place among the alerts of its kind raised in the same digest window (1 = first). */
  burstPosition: number | null;
}

interface AlertRow {
  id: string;
  tenant_id: string;
  kind: StoredAlertKind;
  subject_id: string;
  details: Record<string, unknown>;
  status: AlertStatus;
  raise_count: number;
  first_raised_at: Date;
  last_raised_at: Date;
  channel_id: string | null;
  ts: string | null;
  posted_at: Date | null;
  digest_id: string | null;
  outcome: string | null;
  closed_by: string | null;
  closed_at: Date | null;
  snoozed_until: Date | null;
  burst_position: number | null;
}

const COLUMNS = `id, tenant_id, kind, subject_id, details, status, raise_count, first_raised_at, last_raised_at, channel_id, ts,
  posted_at, digest_id, outcome, closed_by, closed_at, snoozed_until, burst_position`;

const toAlert = (r: AlertRow): Alert => ({
  id: r.id,
  tenantId: r.tenant_id,
  kind: r.kind,
  subjectId: r.subject_id,
  details: r.details,
  status: r.status,
  raiseCount: r.raise_count,
  firstRaisedAt: r.first_raised_at,
  lastRaisedAt: r.last_raised_at,
  channelId: r.channel_id,
  ts: r.ts,
  postedAt: r.posted_at,
  digestId: r.digest_id,
  outcome: r.outcome,
  closedBy: r.closed_by,
  closedAt: r.closed_at,
  snoozedUntil: r.snoozed_until,
  burstPosition: r.burst_position,
});

/** The alert of a subject, created pending if there was none, and locked for the rest of the transaction. */
export async function lockAlertOfSubject(
  q: Queryable,
  tenantId: string,
  kind: StoredAlertKind,
  subjectId: string,
  init: { details: Record<string, unknown>; now: Date },
): Promise<{ alert: Alert; created: boolean }> {
  const inserted = await q.query<AlertRow>(
    `INSERT INTO alerts (id, tenant_id, kind, subject_id, details, status, first_raised_at, last_raised_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, 'pending', $6, $6)
     ON CONFLICT (tenant_id, kind, subject_id) DO NOTHING RETURNING ${COLUMNS}`,
    [randomUUID(), tenantId, kind, subjectId, JSON.stringify(init.details), init.now],
  );
  if (inserted.rows[0]) return { alert: toAlert(inserted.rows[0]), created: true };
  const { rows } = await q.query<AlertRow>(`SELECT ${COLUMNS} FROM alerts WHERE tenant_id = $1 AND kind = $2 AND subject_id = $3 FOR UPDATE`, [
    tenantId,
    kind,
    subjectId,
  ]);
  return { alert: toAlert(rows[0]!), created: false };
}

export async function getAlert(q: Queryable, tenantId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<Alert | null> {
  const { rows } = await q.query<AlertRow>(
    `SELECT ${COLUMNS} FROM alerts WHERE tenant_id = $1 AND id = $2${options.forUpdate ? ' FOR UPDATE' : ''}`,
    [tenantId, id],
  );
  return rows[0] ? toAlert(rows[0]) : null;
}

export async function findAlert(q: Queryable, tenantId: string, kind: StoredAlertKind, subjectId: string): Promise<Alert | null> {
  const { rows } = await q.query<AlertRow>(`SELECT ${COLUMNS} FROM alerts WHERE tenant_id = $1 AND kind = $2 AND subject_id = $3`, [
    tenantId,
    kind,
    subjectId,
  ]);
  return rows[0] ? toAlert(rows[0]) : null;
}

/** The alerts about these subjects, whatever their kind (a registration is the subject of several). */
export async function listAlertsOfSubjects(q: Queryable, tenantId: string, kinds: StoredAlertKind[], subjectIds: string[]): Promise<Alert[]> {
  const { rows } = await q.query<AlertRow>(
    `SELECT ${COLUMNS} FROM alerts WHERE tenant_id = $1 AND kind = ANY($2::text[]) AND subject_id = ANY($3::text[]) ORDER BY first_raised_at`,
    [tenantId, kinds, subjectIds],
  );
  return rows.map(toAlert);
}

/** Writes every mutable field of an alert the caller has locked and changed. */
export async function saveAlert(q: Queryable, a: Alert): Promise<void> {
  await q.query(
    `UPDATE alerts SET details = $3::jsonb, status = $4, raise_count = $5, first_raised_at = $6, last_raised_at = $7, channel_id = $8, ts = $9,
       posted_at = $10, digest_id = $11, outcome = $12, closed_by = $13, closed_at = $14, snoozed_until = $15
     WHERE tenant_id = $1 AND id = $2`,
    [
      a.tenantId,
      a.id,
      JSON.stringify(a.details),
      a.status,
      a.raiseCount,
      a.firstRaisedAt,
      a.lastRaisedAt,
      a.channelId,
      a.ts,
      a.postedAt,
      a.digestId,
      a.outcome,
      a.closedBy,
      a.closedAt,
      a.snoozedUntil,
    ],
  );
}

/** Claims a pending alert for posting, right before the request leaves: Slack may have the message from then on. */
export async function markAlertPosting(q: Queryable, tenantId: string, id: string, channelId: string): Promise<boolean> {
  const { rowCount } = await q.query("UPDATE alerts SET status = 'posting', channel_id = $3 WHERE tenant_id = $1 AND id = $2 AND status = 'pending'", [
    tenantId,
    id,
    channelId,
  ]);
  return rowCount === 1;
}

/** Slack answered that it did not post: the alert may be posted again. */
export async function markAlertNotPosted(q: Queryable, tenantId: string, id: string): Promise<void> {
  await q.query("UPDATE alerts SET status = 'pending' WHERE tenant_id = $1 AND id = $2 AND status = 'posting' AND ts IS NULL", [tenantId, id]);
}

/**
 * A message of this alert that someone clicked, when its post was never recorded (Trellis stopped,
 * or the connection broke, before Slack's answer was stored): the click names the message, and it
 * must be in the channel the post was meant for. A recorded message is never replaced.
 */
export async function adoptAlertMessage(q: Queryable, tenantId: string, id: string, m: { channelId: string; ts: string; at: Date }): Promise<void> {
  await q.query(
    `UPDATE alerts SET ts = $4, posted_at = $5, status = CASE WHEN status = 'posting' THEN 'posted' ELSE status END
     WHERE tenant_id = $1 AND id = $2 AND channel_id = $3 AND ts IS NULL`,
    [tenantId, id, m.channelId, m.ts, m.at],
  );
}

/** Where the message landed. A decision taken meanwhile keeps its closed status; only the message is recorded. */
export async function markAlertPosted(q: Queryable, tenantId: string, id: string, m: { channelId: string; ts: string; at: Date }): Promise<void> {
  await q.query(
    `UPDATE alerts SET channel_id = $3, ts = $4, posted_at = $5, status = CASE WHEN status = 'closed' THEN status ELSE 'posted' END
     WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id, m.channelId, m.ts, m.at],
  );
}

/** Alerts of one kind for one tenant are created one at a time, so each finds every earlier one committed. */
export async function lockAlertKind(q: Queryable, tenantId: string, kind: StoredAlertKind): Promise<void> {
  await q.query("SELECT pg_advisory_xact_lock(hashtextextended('alerts:' || $1 || ':' || $2, 0))", [tenantId, kind]);
}

/** Fixes how deep into its burst window a newly created alert is; the caller holds `lockAlertKind`. */
export async function recordBurstPosition(q: Queryable, alert: Alert, window: { start: Date; end: Date }): Promise<void> {
  await q.query(
    `UPDATE alerts SET burst_position = (
       SELECT count(*) FROM alerts WHERE tenant_id = $1 AND kind = $2 AND first_raised_at >= $3 AND first_raised_at < $4)
     WHERE tenant_id = $1 AND id = $5`,
    [alert.tenantId, alert.kind, window.start, window.end, alert.id],
  );
}

export async function listDigestMembers(q: Queryable, tenantId: string, digestId: string): Promise<Alert[]> {
  const { rows } = await q.query<AlertRow>(`SELECT ${COLUMNS} FROM alerts WHERE tenant_id = $1 AND digest_id = $2 ORDER BY first_raised_at, id`, [
    tenantId,
    digestId,
  ]);
  return rows.map(toAlert);
}

/**
 * Remembers that an outbox event was applied to the alerts. False when it already was,
 * so a redelivered event neither counts twice nor reopens what it opened.
 */
export async function claimAlertEvent(q: Queryable, tenantId: string, eventId: string): Promise<boolean> {
  const { rowCount } = await q.query('INSERT INTO alert_events (tenant_id, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [tenantId, eventId]);
  return rowCount > 0;
}

import { randomUUID } from 'node:crypto';
import type { ActivityInput, CertificationInput, SatisfactionInput, SupportCaseInput } from '../domain/partnerSignals';
import type { Queryable } from './db';

/** Writes of the signals behind partner health; the partner is checked by the caller in the same transaction. */

export async function insertCertification(q: Queryable, tenantId: string, partnerId: string, c: CertificationInput) {
  const { rows } = await q.query<{ id: string; name: string; holder_email: string | null; issued_at: Date; expires_at: Date | null }>(
    `INSERT INTO certifications (id, tenant_id, partner_id, name, holder_email, issued_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
     RETURNING id, name, holder_email, issued_at, expires_at`,
    [randomUUID(), tenantId, partnerId, c.name, c.holderEmail ?? null, c.issuedAt, c.expiresAt],
  );
  const r = rows[0]!;
  return { id: r.id, partnerId, name: r.name, holderEmail: r.holder_email, issuedAt: r.issued_at, expiresAt: r.expires_at };
}

export async function insertSatisfactionResponse(q: Queryable, tenantId: string, partnerId: string, s: SatisfactionInput) {
  const id = randomUUID();
  await q.query(
    `INSERT INTO satisfaction_responses (id, tenant_id, partner_id, score, respondent_email, comment, responded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [id, tenantId, partnerId, s.score, s.respondentEmail ?? null, s.comment ?? null, s.respondedAt],
  );
  return { id, partnerId, score: s.score, respondentEmail: s.respondentEmail ?? null, comment: s.comment ?? null, respondedAt: s.respondedAt };
}

/** Inserts the case, or updates it when the help desk id is known; null when that id belongs to another partner. */
export async function upsertSupportCase(q: Queryable, tenantId: string, partnerId: string, c: SupportCaseInput) {
  const { rows } = await q.query<{ id: string; subject: string | null; opened_at: Date; closed_at: Date | null; inserted: boolean }>(
    `INSERT INTO support_cases (id, tenant_id, partner_id, external_id, subject, opened_at, closed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (tenant_id, external_id) DO UPDATE
       SET subject = COALESCE(EXCLUDED.subject, support_cases.subject), opened_at = EXCLUDED.opened_at, closed_at = EXCLUDED.closed_at, recorded_at = now()
       WHERE support_cases.partner_id = EXCLUDED.partner_id
     RETURNING id, subject, opened_at, closed_at, (xmax = 0) AS inserted`,
    [randomUUID(), tenantId, partnerId, c.externalId, c.subject ?? null, c.openedAt, c.closedAt],
  );
  const r = rows[0];
  if (!r) return null;
  return { created: r.inserted, supportCase: { id: r.id, partnerId, externalId: c.externalId, subject: r.subject, openedAt: r.opened_at, closedAt: r.closed_at } };
}

/** Records a feed's activities in one statement. */
export async function insertActivities(q: Queryable, tenantId: string, partnerId: string, activities: readonly ActivityInput[]) {
  const recorded = activities.map((a) => ({ id: randomUUID(), partnerId, kind: a.kind, occurredAt: a.occurredAt }));
  await q.query(
    `INSERT INTO partner_activity (id, tenant_id, partner_id, kind, occurred_at)
     SELECT id, $1, $2, kind, occurred_at FROM unnest($3::uuid[], $4::text[], $5::timestamptz[]) AS a(id, kind, occurred_at)`,
    [tenantId, partnerId, recorded.map((r) => r.id), recorded.map((r) => r.kind), recorded.map((r) => r.occurredAt)],
  );
  return recorded;
}

/** Certifications issued by `now` and not expired at it, per partner (partners with none are absent). */
export async function countCurrentCertifications(q: Queryable, tenantId: string, partnerIds: readonly string[], now: Date): Promise<Map<string, number>> {
  const { rows } = await q.query<{ partner_id: string; current: string | number }>(
    `SELECT partner_id, count(*) AS current FROM certifications
     WHERE tenant_id = $1 AND partner_id = ANY($2::uuid[]) AND issued_at <= $3 AND (expires_at IS NULL OR expires_at > $3)
     GROUP BY partner_id`,
    [tenantId, [...partnerIds], now],
  );
  return new Map(rows.map((r) => [r.partner_id, Number(r.current)]));
}

export interface CurrentCertification {
  name: string;
  holderEmail: string | null;
  issuedAt: Date;
  expiresAt: Date | null;
}

/** A partner's certifications current at `now` (the ones the enablement component counts), soonest to expire first. */
export async function listCurrentCertifications(q: Queryable, tenantId: string, partnerId: string, now: Date): Promise<CurrentCertification[]> {
  const { rows } = await q.query<{ name: string; holder_email: string | null; issued_at: Date; expires_at: Date | null }>(
    `SELECT name, holder_email, issued_at, expires_at FROM certifications
     WHERE tenant_id = $1 AND partner_id = $2 AND issued_at <= $3 AND (expires_at IS NULL OR expires_at > $3)
     ORDER BY expires_at NULLS LAST, name, holder_email`,
    [tenantId, partnerId, now],
  );
  return rows.map((r) => ({ name: r.name, holderEmail: r.holder_email, issuedAt: r.issued_at, expiresAt: r.expires_at }));
}

import type { DetailsRequest, RecipientRole } from '../domain/detailsRequest';
import type { Queryable } from './db';

export interface DetailsRecipient {
  id: string;
  tenantId: string;
  requestId: string;
  email: string;
  role: RecipientRole;
  expiresAt: Date;
  usedAt: Date | null;
  mailedAt: Date | null;
}

interface RequestRow {
  id: string;
  registration_id: string;
  alert_id: string | null;
  question: string;
  requested_by: string;
  requested_by_name: string;
  requested_at: Date;
  mailed: boolean;
  answer: string | null;
  answered_by: string | null;
  answered_at: Date | null;
  recipient_emails: string[];
}

interface RecipientRow {
  id: string;
  tenant_id: string;
  request_id: string;
  email: string;
  role: RecipientRole;
  expires_at: Date;
  used_at: Date | null;
  mailed_at: Date | null;
}

const REQUEST_COLUMNS = `id, registration_id, alert_id, question, requested_by, requested_by_name, requested_at, mailed, answer, answered_by, answered_at,
  (SELECT coalesce(array_agg(x.email ORDER BY x.email), '{}') FROM details_request_recipients x
   WHERE x.tenant_id = details_requests.tenant_id AND x.request_id = details_requests.id) AS recipient_emails`;
const RECIPIENT_COLUMNS = 'id, tenant_id, request_id, email, role, expires_at, used_at, mailed_at';

const toRequest = (r: RequestRow): DetailsRequest => ({
  id: r.id,
  registrationId: r.registration_id,
  alertId: r.alert_id,
  question: r.question,
  requestedBy: r.requested_by,
  requestedByName: r.requested_by_name,
  requestedAt: r.requested_at,
  mailed: r.mailed,
  recipients: r.recipient_emails,
  answer: r.answer !== null && r.answered_by !== null && r.answered_at !== null ? { text: r.answer, by: r.answered_by, at: r.answered_at } : null,
});

const toRecipient = (r: RecipientRow): DetailsRecipient => ({
  id: r.id,
  tenantId: r.tenant_id,
  requestId: r.request_id,
  email: r.email,
  role: r.role,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
  mailedAt: r.mailed_at,
});

export async function insertDetailsRequest(
  q: Queryable,
  tenantId: string,
  request: DetailsRequest,
  recipients: Pick<DetailsRecipient, 'id' | 'email' | 'role' | 'expiresAt'>[],
): Promise<void> {
  await q.query(
    `INSERT INTO details_requests (id, tenant_id, registration_id, alert_id, question, requested_by, requested_by_name, requested_at, mailed)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [request.id, tenantId, request.registrationId, request.alertId, request.question, request.requestedBy, request.requestedByName, request.requestedAt, request.mailed],
  );
  for (const r of recipients) {
    await q.query('INSERT INTO details_request_recipients (id, tenant_id, request_id, email, role, expires_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      r.id,
      tenantId,
      request.id,
      r.email,
      r.role,
      r.expiresAt,
    ]);
  }
}

export async function getDetailsRequest(q: Queryable, tenantId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<DetailsRequest | null> {
  const { rows } = await q.query<RequestRow>(
    `SELECT ${REQUEST_COLUMNS} FROM details_requests WHERE tenant_id = $1 AND id = $2${options.forUpdate ? ' FOR UPDATE' : ''}`,
    [tenantId, id],
  );
  return rows[0] ? toRequest(rows[0]) : null;
}

/** Each registration's most recent question, for the messages and cards that show it. */
export async function latestDetailsRequests(q: Queryable, tenantId: string, registrationIds: string[]): Promise<Map<string, DetailsRequest>> {
  const { rows } = await q.query<RequestRow>(
    `SELECT DISTINCT ON (registration_id) ${REQUEST_COLUMNS} FROM details_requests
     WHERE tenant_id = $1 AND registration_id = ANY($2::uuid[]) ORDER BY registration_id, requested_at DESC, id`,
    [tenantId, registrationIds],
  );
  return new Map(rows.map((r) => [r.registration_id, toRequest(r)]));
}

export async function listDetailsRecipients(q: Queryable, tenantId: string, requestId: string): Promise<DetailsRecipient[]> {
  const { rows } = await q.query<RecipientRow>(`SELECT ${RECIPIENT_COLUMNS} FROM details_request_recipients WHERE tenant_id = $1 AND request_id = $2 ORDER BY role, email`, [
    tenantId,
    requestId,
  ]);
  return rows.map(toRecipient);
}

export async function getDetailsRecipient(q: Queryable, tenantId: string, id: string): Promise<DetailsRecipient | null> {
  const { rows } = await q.query<RecipientRow>(`SELECT ${RECIPIENT_COLUMNS} FROM details_request_recipients WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  return rows[0] ? toRecipient(rows[0]) : null;
}

/** Keeps the digest of the token a recipient's mail carries; the token itself is never stored. */
export async function saveRecipientTokenHash(q: Queryable, tenantId: string, id: string, tokenHash: string): Promise<void> {
  await q.query('UPDATE details_request_recipients SET token_hash = $3 WHERE tenant_id = $1 AND id = $2', [tenantId, id, tokenHash]);
}

export async function markRecipientMailed(q: Queryable, tenantId: string, id: string, at: Date): Promise<void> {
  await q.query('UPDATE details_request_recipients SET mailed_at = $3 WHERE tenant_id = $1 AND id = $2', [tenantId, id, at]);
}

/**
 * The recipient a link's token belongs to, locked for the rest of the transaction. The token is
 * the credential (a person answering has no session), so it is found by its digest across tenants,
 * as an API key is.
 */
export async function lockRecipientByTokenHash(q: Queryable, tokenHash: string): Promise<DetailsRecipient | null> {
  const { rows } = await q.query<RecipientRow>(`SELECT ${RECIPIENT_COLUMNS} FROM details_request_recipients WHERE token_hash = $1 FOR UPDATE`, [tokenHash]);
  return rows[0] ? toRecipient(rows[0]) : null;
}

export async function markRecipientUsed(q: Queryable, tenantId: string, id: string, at: Date): Promise<void> {
  await q.query('UPDATE details_request_recipients SET used_at = $3 WHERE tenant_id = $1 AND id = $2', [tenantId, id, at]);
}

export async function saveDetailsAnswer(q: Queryable, tenantId: string, requestId: string, answer: NonNullable<DetailsRequest['answer']>): Promise<void> {
  await q.query('UPDATE details_requests SET answer = $3, answered_by = $4, answered_at = $5 WHERE tenant_id = $1 AND id = $2', [
    tenantId,
    requestId,
    answer.text,
    answer.by,
    answer.at,
  ]);
}

/** The Slack reply that carried the answer, once it was posted. */
export async function answerPostedTs(q: Queryable, tenantId: string, requestId: string): Promise<string | null> {
  const { rows } = await q.query<{ answer_posted_ts: string | null }>('SELECT answer_posted_ts FROM details_requests WHERE tenant_id = $1 AND id = $2', [tenantId, requestId]);
  return rows[0]?.answer_posted_ts ?? null;
}

export async function markAnswerPosted(q: Queryable, tenantId: string, requestId: string, ts: string): Promise<void> {
  await q.query('UPDATE details_requests SET answer_posted_ts = $3 WHERE tenant_id = $1 AND id = $2', [tenantId, requestId, ts]);
}

/** Who submitted a registration, as the audit log recorded the actor: a user's email, a Slack user, an API key's name. */
export async function registrationSubmitter(q: Queryable, tenantId: string, registrationId: string): Promise<string | null> {
  const { rows } = await q.query<{ actor: string }>(
    `SELECT actor FROM audit_log WHERE tenant_id = $1 AND entity_type = 'deal_registration' AND entity_id = $2 AND action = 'deal_registration.submitted'
     ORDER BY id LIMIT 1`,
    [tenantId, registrationId],
  );
  return rows[0]?.actor ?? null;
}

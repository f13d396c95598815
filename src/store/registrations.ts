import type { Candidate, MatchableCustomer } from '../domain/conflicts';
import type { Crm } from '../domain/crm';
import { crmCompanyRef } from '../domain/crmDeal';
import { nameKeys, wordKeySets } from '../domain/nameMatch';
import { registrableDomain, type CustomerKey } from '../domain/customer';
import type { Region } from '../domain/partner';
import { productKey, type DealRegistration, type RegistrationStatus } from '../domain/registration';
import type { Queryable } from './db';
import { selectPage, type Page } from './pagination';

interface RegistrationRow {
  id: string;
  partner_id: string;
  account_id: string;
  customer_name: string;
  customer_domain: string | null;
  customer_country: string | null;
  products: string[];
  product_names: string[] | null;
  amount: string | number;
  currency: string;
  expected_close_date: string;
  region: Region;
  notes: string | null;
  status: RegistrationStatus;
  submitted_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
  override_by: string | null;
  override_at: Date | null;
  override_reason: string | null;
  protection_expires_at: Date | null;
  closed_at: Date | null;
}

const COLUMNS = `id, partner_id, account_id, customer_name, customer_domain, customer_country, products, product_names, amount, currency,
  expected_close_date, region, notes, status, submitted_at, decided_by, decided_at, decision_reason,
  override_by, override_at, override_reason, protection_expires_at, closed_at`;

const toRegistration = (r: RegistrationRow): DealRegistration => ({
  id: r.id,
  partnerId: r.partner_id,
  accountId: r.account_id,
  customer: { name: r.customer_name, domain: r.customer_domain, country: r.customer_country },
  products: r.product_names ?? r.products,
  amount: Number(r.amount),
  currency: r.currency,
  expectedCloseDate: r.expected_close_date,
  region: r.region,
  notes: r.notes,
  status: r.status,
  submittedAt: r.submitted_at,
  decision: r.decided_by && r.decided_at ? { by: r.decided_by, at: r.decided_at, reason: r.decision_reason } : null,
  override: r.override_by && r.override_at && r.override_reason ? { by: r.override_by, at: r.override_at, reason: r.override_reason } : null,
  protectionExpiresAt: r.protection_expires_at,
  closedAt: r.closed_at,
});

export async function insertRegistration(q: Queryable, tenantId: string, reg: DealRegistration, crmDealRef: string | null = null): Promise<void> {
  await q.query(
    `INSERT INTO deal_registrations (id, tenant_id, partner_id, account_id, customer_name, customer_domain, customer_country,
       products, amount, currency, expected_close_date, region, notes, status, submitted_at, crm_deal_ref, product_names)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
    [
      reg.id,
      tenantId,
      reg.partnerId,
      reg.accountId,
      reg.customer.name,
      reg.customer.domain,
      reg.customer.country,
      reg.products.map(productKey),
      reg.amount,
      reg.currency,
      reg.expectedCloseDate,
      reg.region,
      reg.notes,
      reg.status,
      reg.submittedAt,
      crmDealRef,
      reg.products,
    ],
  );
  await refreshAccountClaim(q, tenantId, reg.accountId);
}

/** Keeps `accounts.has_open_registrations` true exactly while a registration still claims the customer. */
async function refreshAccountClaim(q: Queryable, tenantId: string, accountId: string): Promise<void> {
  await q.query(
    `UPDATE accounts SET has_open_registrations = EXISTS (
       SELECT 1 FROM deal_registrations r WHERE r.tenant_id = $1 AND r.account_id = $2 AND r.status IN ('pending', 'approved'))
     WHERE tenant_id = $1 AND id = $2`,
    [tenantId, accountId],
  );
}

/** `forUpdate` locks the row until the transaction ends, for read-decide-write. */
export async function getRegistration(
  q: Queryable,
  tenantId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<DealRegistration | null> {
  const { rows } = await q.query<RegistrationRow>(
    `SELECT ${COLUMNS} FROM deal_registrations WHERE tenant_id = $1 AND id = $2${options.forUpdate ? ' FOR UPDATE' : ''}`,
    [tenantId, id],
  );
  return rows[0] ? toRegistration(rows[0]) : null;
}

/** Persists a registration's lifecycle fields after a domain transition. */
export async function saveRegistrationState(q: Queryable, tenantId: string, reg: DealRegistration): Promise<void> {
  await q.query(
    `UPDATE deal_registrations SET status = $3, decided_by = $4, decided_at = $5, decision_reason = $6,
       override_by = $7, override_at = $8, override_reason = $9, protection_expires_at = $10, closed_at = $11, updated_at = now()
     WHERE tenant_id = $1 AND id = $2`,
    [
      tenantId,
      reg.id,
      reg.status,
      reg.decision?.by ?? null,
      reg.decision?.at ?? null,
      reg.decision?.reason ?? null,
      reg.override?.by ?? null,
      reg.override?.at ?? null,
      reg.override?.reason ?? null,
      reg.protectionExpiresAt,
      reg.closedAt,
    ],
  );
  await refreshAccountClaim(q, tenantId, reg.accountId);
}

export interface RegistrationFilters {
  status?: RegistrationStatus | undefined;
  partnerId?: string | undefined;
  region?: Region | undefined;
  limit: number;
  cursor?: string | undefined;
}

export function listRegistrations(q: Queryable, tenantId: string, f: RegistrationFilters): Promise<Page<DealRegistration> | null> {
  const filters: [string, unknown][] = [
    ['status = ?', f.status],
    ['partner_id = ?', f.partnerId],
    ['region = ?', f.region],
  ];
  const query = { columns: COLUMNS, table: 'deal_registrations', orderedBy: 'submitted_at', tenantId, filters, limit: f.limit, cursor: f.cursor };
  return selectPage(q, query, toRegistration, (r) => ({ at: r.submittedAt, id: r.id }));
}

export interface CandidateQuery {
  customer: MatchableCustomer;
  products: string[];
  partnerId: string;
  /** Other partners' registrations (channel conflicts), or the partner's own (a second registration of the same deal). */
  of: 'other_partners' | 'same_partner';
  now: Date;
}

/** Open registrations other partners (or the partner itself) hold for an overlapping product, with their customer and their deal's CRM company. */
const CANDIDATE_COLUMNS = `r.id, r.partner_id, coalesce(r.product_names, r.products) AS products, r.region, r.status, r.protection_expires_at,
       a.normalized_name, a.normalized_domain, d.crm, d.company_crm_id`;
const CANDIDATE_JOINS = `JOIN accounts a ON a.tenant_id = r.tenant_id AND a.id = r.account_id
     LEFT JOIN crm_deals d ON d.tenant_id = r.tenant_id AND d.ref = r.crm_deal_ref`;
const OPEN_OF_PARTNERS = `r.tenant_id = $1
       AND r.status IN ('pending', 'approved')
       AND (r.status = 'pending' OR r.protection_expires_at > $2)
       AND (r.partner_id = $3) = $9::boolean
       AND r.products && $4::text[]`;

/**
 * Narrows the tenant's registrations to those that could conflict, each way through an index of
 * its own: the deal's CRM company, the organisation's domain, and the name keys (GIN) — names one
 * typo away, with the same core or written as an acronym, and names with a counterpart for each
 * of this name's longest words (the only names similar spelling can match). The domain rule then
 * decides; this query only has to never miss a real candidate.
 */
export async function findConflictCandidates(q: Queryable, tenantId: string, c: CandidateQuery): Promise<Candidate[]> {
  const domain = c.customer.normalizedDomain ? registrableDomain(c.customer.normalizedDomain) : null;
  const wordKeys = wordKeySets(c.customer.normalizedName);
  const crmCompany = c.customer.crmCompany ? parseCrmCompany(c.customer.crmCompany) : null;
  const firstWordParam = 10;
  const wordByWord = wordKeys.length
    ? `UNION SELECT id FROM accounts WHERE tenant_id = $1 AND has_open_registrations AND ${wordKeys.map((_, i) => `name_keys && $${firstWordParam + i}::text[]`).join(' AND ')}`
    : '';
  const { rows } = await q.query<CandidateRow>(
    `WITH matched AS (
       SELECT id FROM accounts WHERE tenant_id = $1 AND has_open_registrations AND registrable_domain = $5
       UNION SELECT id FROM accounts WHERE tenant_id = $1 AND has_open_registrations AND name_keys && $6::text[]
       ${wordByWord}
     ), hits AS (
       SELECT r.id FROM matched m JOIN deal_registrations r ON r.tenant_id = $1 AND r.account_id = m.id AND r.status IN ('pending', 'approved')
       UNION SELECT r.id FROM crm_deals d JOIN deal_registrations r ON r.tenant_id = d.tenant_id AND r.crm_deal_ref = d.ref
       WHERE d.tenant_id = $1 AND d.crm = $7 AND d.company_crm_id = $8 AND r.crm_deal_ref IS NOT NULL AND r.status IN ('pending', 'approved')
     )
     SELECT ${CANDIDATE_COLUMNS}
     FROM hits h JOIN deal_registrations r ON r.id = h.id
     ${CANDIDATE_JOINS}
     WHERE ${OPEN_OF_PARTNERS}`,
    [tenantId, c.now, c.partnerId, c.products.map(productKey), domain, nameKeys(c.customer.normalizedName), crmCompany?.crm ?? null, crmCompany?.id ?? null, c.of === 'same_partner', ...wordKeys],
  );
  return rows.map(toCandidate);
}

/** Every open registration other partners hold, unindexed: the reference the indexed search must agree with. */
export async function listOpenCandidates(q: Queryable, tenantId: string, c: Omit<CandidateQuery, 'customer'>): Promise<Candidate[]> {
  const { rows } = await q.query<CandidateRow>(
    // $5..$8 are the indexed search's; this reference reads none of them.
    `SELECT ${CANDIDATE_COLUMNS} FROM deal_registrations r ${CANDIDATE_JOINS} WHERE ${OPEN_OF_PARTNERS.replace('$9', '$5')}`,
    [tenantId, c.now, c.partnerId, c.products.map(productKey), c.of === 'same_partner'],
  );
  return rows.map(toCandidate);
}

/** A registration joined with its account's customer key, as conflict detection takes it. */
export interface CandidateRow {
  id: string;
  partner_id: string;
  products: string[];
  region: Region;
  status: RegistrationStatus;
  protection_expires_at: Date | null;
  normalized_name: string;
  normalized_domain: string | null;
  crm: Crm | null;
  company_crm_id: string | null;
}

const parseCrmCompany = (ref: string) => {
  const [crm, , id] = ref.split(':');
  return { crm: crm!, id: id! };
};

export const toCandidate = (r: CandidateRow): Candidate => ({
  id: r.id,
  partnerId: r.partner_id,
  products: r.products,
  region: r.region,
  status: r.status,
  protectionExpiresAt: r.protection_expires_at,
  customer: {
    normalizedName: r.normalized_name,
    normalizedDomain: r.normalized_domain,
    crmCompany: r.crm && r.company_crm_id ? crmCompanyRef(r.crm, r.company_crm_id) : null,
  },
});

/** The CRM company record of the deal a registration is made from, when Trellis has synced that deal. */
export async function crmCompanyOfDeal(q: Queryable, tenantId: string, crmDealRef: string): Promise<string | null> {
  const { rows } = await q.query<{ crm: Crm; company_crm_id: string }>(
    'SELECT crm, company_crm_id FROM crm_deals WHERE tenant_id = $1 AND ref = $2 AND company_crm_id IS NOT NULL',
    [tenantId, crmDealRef],
  );
  return rows[0] ? crmCompanyRef(rows[0].crm, rows[0].company_crm_id) : null;
}

/** Approved registrations whose protection window has ended, oldest first. */
export async function listDueForExpiry(q: Queryable, tenantId: string, now: Date, limit: number): Promise<DealRegistration[]> {
  const { rows } = await q.query<RegistrationRow>(
    `SELECT ${COLUMNS} FROM deal_registrations
     WHERE tenant_id = $1 AND status = 'approved' AND protection_expires_at <= $2
     ORDER BY protection_expires_at LIMIT $3 FOR UPDATE SKIP LOCKED`,
    [tenantId, now, limit],
  );
  return rows.map(toRegistration);
}

const QUALIFIED_COLUMNS = COLUMNS.split(',').map((c) => `r.${c.trim()}`).join(', ');

/** A registration with the CRM deal it was made from, if any. */
export type RegistrationWithDeal = DealRegistration & { crmDealRef: string | null };

/**
 * The registrations naming one customer, as a CRM record shows them: the account with the
 * same normalized domain, or with the same normalized name when the record has no domain.
 * Those made from `firstDeal` (the deal the record is) come first, so the limit never leaves them out.
 */
export async function listRegistrationsOfCustomer(
  q: Queryable,
  tenantId: string,
  customer: CustomerKey,
  limit: number,
  firstDeal: string | null = null,
): Promise<RegistrationWithDeal[]> {
  // One condition or the other, never both in one expression, so the planner can use the account index.
  const [match, value] = customer.normalizedDomain ? ['a.normalized_domain = $2', customer.normalizedDomain] : ['a.normalized_name = $2', customer.normalizedName];
  const { rows } = await q.query<RegistrationRow & { crm_deal_ref: string | null }>(
    `SELECT ${QUALIFIED_COLUMNS}, r.crm_deal_ref FROM accounts a
     JOIN deal_registrations r ON r.tenant_id = a.tenant_id AND r.account_id = a.id
     WHERE a.tenant_id = $1 AND ${match}
     ORDER BY coalesce(r.crm_deal_ref = $4, false) DESC, r.submitted_at DESC, r.id DESC LIMIT $3`,
    [tenantId, value, limit, firstDeal],
  );
  return rows.map((r) => ({ ...toRegistration(r), crmDealRef: r.crm_deal_ref }));
}

/** The current status of each of the given registrations, for showing the other side of a conflict. */
export async function getRegistrationStatuses(q: Queryable, tenantId: string, ids: readonly string[]): Promise<Map<string, RegistrationStatus>> {
  if (ids.length === 0) return new Map();
  const { rows } = await q.query<{ id: string; status: RegistrationStatus }>(
    'SELECT id, status FROM deal_registrations WHERE tenant_id = $1 AND id = ANY($2::uuid[])',
    [tenantId, [...ids]],
  );
  return new Map(rows.map((r) => [r.id, r.status]));
}

/** A tenant's pending registrations, the longest-waiting first: the approval inbox's queue. */
export async function listPendingRegistrationsOldestFirst(q: Queryable, tenantId: string, limit: number): Promise<DealRegistration[]> {
  const { rows } = await q.query<RegistrationRow>(
    `SELECT ${COLUMNS} FROM deal_registrations WHERE tenant_id = $1 AND status = 'pending' ORDER BY submitted_at, id LIMIT $2`,
    [tenantId, limit],
  );
  return rows.map(toRegistration);
}

export async function getRegistrationsByIds(q: Queryable, tenantId: string, ids: readonly string[]): Promise<DealRegistration[]> {
  if (ids.length === 0) return [];
  const { rows } = await q.query<RegistrationRow>(`SELECT ${COLUMNS} FROM deal_registrations WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [tenantId, ids]);
  return rows.map(toRegistration);
}

import { randomUUID } from 'node:crypto';
import type { Region } from '../domain/partner';
import type { Referral, ReferralInput, ReferralStatus } from '../domain/referral';
import type { Queryable } from './db';
import { selectPage, type Page } from './pagination';

interface ReferralRow {
  id: string;
  company_name: string;
  company_domain: string | null;
  company_country: string | null;
  region: Region | null;
  products: string[];
  contact_email: string | null;
  estimated_amount: string | number | null;
  estimated_currency: string | null;
  source: string | null;
  status: ReferralStatus;
  partner_id: string | null;
  unassigned_reason: string | null;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
}

const COLUMNS =
  'id, company_name, company_domain, company_country, region, products, contact_email, estimated_amount, estimated_currency, source, ' +
  'status, partner_id, unassigned_reason, created_at, updated_at, closed_at';

const toReferral = (r: ReferralRow): Referral => ({
  id: r.id,
  company: { name: r.company_name, domain: r.company_domain, country: r.company_country },
  region: r.region,
  products: r.products,
  contactEmail: r.contact_email,
  estimatedValue: r.estimated_amount === null ? null : { amount: Number(r.estimated_amount), currency: r.estimated_currency! },
  source: r.source,
  status: r.status,
  partnerId: r.partner_id,
  unassignedReason: r.unassigned_reason,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  closedAt: r.closed_at,
});

/** A referral as it arrives: `new`, held by nobody until it is routed. */
export async function insertReferral(q: Queryable, tenantId: string, input: ReferralInput, region: Region | null, at: Date): Promise<Referral> {
  const { rows } = await q.query<ReferralRow>(
    `INSERT INTO referrals (id, tenant_id, company_name, company_domain, company_country, region, products, contact_email,
       estimated_amount, estimated_currency, source, status, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'new', $12, $12) RETURNING ${COLUMNS}`,
    [
      randomUUID(),
      tenantId,
      input.company.name,
      input.company.domain ?? null,
      input.company.country ?? null,
      region,
      input.products,
      input.contactEmail ?? null,
      input.estimatedValue?.amount ?? null,
      input.estimatedValue?.currency ?? null,
      input.source ?? null,
      at,
    ],
  );
  return toReferral(rows[0]!);
}

/** `forUpdate` locks the row for the rest of the transaction, so two decisions on one referral take turns. */
export async function getReferral(q: Queryable, tenantId: string, id: string, opts: { forUpdate?: boolean } = {}): Promise<Referral | null> {
  const { rows } = await q.query<ReferralRow>(
    `SELECT ${COLUMNS} FROM referrals WHERE tenant_id = $1 AND id = $2${opts.forUpdate ? ' FOR UPDATE' : ''}`,
    [tenantId, id],
  );
  return rows[0] ? toReferral(rows[0]) : null;
}

/** Writes what a decision or routing changed: status, holder, why nobody holds it, and when it closed. */
export async function saveReferralState(q: Queryable, tenantId: string, ref: Referral): Promise<void> {
  await q.query(
    `UPDATE referrals SET status = $3, partner_id = $4, unassigned_reason = $5, updated_at = $6, closed_at = $7
     WHERE tenant_id = $1 AND id = $2`,
    [tenantId, ref.id, ref.status, ref.partnerId, ref.unassignedReason, ref.updatedAt, ref.closedAt],
  );
}

export interface ReferralFilters {
  status?: ReferralStatus | undefined;
  partnerId?: string | undefined;
  region?: Region | undefined;
  limit: number;
  cursor?: string | undefined;
}

export function listReferrals(q: Queryable, tenantId: string, f: ReferralFilters): Promise<Page<Referral> | null> {
  const filters: [string, unknown][] = [
    ['status = ?', f.status],
    ['partner_id = ?', f.partnerId],
    ['region = ?', f.region],
  ];
  const query = { columns: COLUMNS, table: 'referrals', orderedBy: 'created_at', tenantId, filters, limit: f.limit, cursor: f.cursor };
  return selectPage(q, query, toReferral, (r) => ({ at: r.createdAt, id: r.id }));
}

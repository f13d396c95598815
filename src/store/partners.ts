import { randomUUID } from 'node:crypto';
import { normalizeDomain } from '../domain/customer';
import type { Partner, PartnerInput, PartnerPatch, Region, Tier, PartnerStatus } from '../domain/partner';
import type { Queryable } from './db';
import { selectPage, type Page } from './pagination';

interface PartnerRow {
  id: string;
  name: string;
  domain: string | null;
  tier: Tier;
  region: Region;
  country: string;
  specialties: string[];
  status: PartnerStatus;
  manager_email: string | null;
  employee_count: number | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, name, domain, tier, region, country, specialties, status, manager_email, employee_count, created_at, updated_at';

const toPartner = (r: PartnerRow): Partner => ({
  id: r.id,
  name: r.name,
  domain: r.domain,
  tier: r.tier,
  region: r.region,
  country: r.country,
  specialties: r.specialties,
  status: r.status,
  managerEmail: r.manager_email,
  employeeCount: r.employee_count,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function insertPartner(q: Queryable, tenantId: string, input: PartnerInput): Promise<Partner> {
  const { rows } = await q.query<PartnerRow>(
    `INSERT INTO partners (id, tenant_id, name, domain, normalized_domain, tier, region, country, specialties, status, manager_email, employee_count)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${COLUMNS}`,
    [
      randomUUID(),
      tenantId,
      input.name,
      input.domain ?? null,
      input.domain ? normalizeDomain(input.domain) : null,
      input.tier,
      input.region,
      input.country,
      input.specialties,
      input.status,
      input.managerEmail ?? null,
      input.employeeCount ?? null,
    ],
  );
  return toPartner(rows[0]!);
}

export async function getPartner(q: Queryable, tenantId: string, id: string): Promise<Partner | null> {
  const { rows } = await q.query<PartnerRow>(`SELECT ${COLUMNS} FROM partners WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  return rows[0] ? toPartner(rows[0]) : null;
}

const PATCH_COLUMNS: Record<keyof PartnerPatch, string> = {
  name: 'name',
  domain: 'domain',
  tier: 'tier',
  region: 'region',
  country: 'country',
  specialties: 'specialties',
  status: 'status',
  managerEmail: 'manager_email',
  employeeCount: 'employee_count',
};

export async function updatePartner(q: Queryable, tenantId: string, id: string, patch: PartnerPatch): Promise<Partner | null> {
  const sets: string[] = [];
  const params: unknown[] = [tenantId, id];
  for (const [field, value] of Object.entries(patch) as [keyof PartnerPatch, unknown][]) {
    params.push(value);
    sets.push(`${PATCH_COLUMNS[field]} = $${params.length}`);
  }
  if ('domain' in patch) {
    params.push(patch.domain ? normalizeDomain(patch.domain) : null);
    sets.push(`normalized_domain = $${params.length}`);
  }
  const { rows } = await q.query<PartnerRow>(
    `UPDATE partners SET ${sets.join(', ')}, updated_at = now() WHERE tenant_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
    params,
  );
  return rows[0] ? toPartner(rows[0]) : null;
}

export interface PartnerFilters {
  region?: Region | undefined;
  tier?: Tier | undefined;
  status?: PartnerStatus | undefined;
  limit: number;
  cursor?: string | undefined;
}

export function listPartners(q: Queryable, tenantId: string, f: PartnerFilters): Promise<Page<Partner> | null> {
  const filters: [string, unknown][] = [
    ['region = ?', f.region],
    ['tier = ?', f.tier],
    ['status = ?', f.status],
  ];
  const query = { columns: COLUMNS, table: 'partners', orderedBy: 'created_at', tenantId, filters, limit: f.limit, cursor: f.cursor };
  return selectPage(q, query, toPartner, (p) => ({ at: p.createdAt, id: p.id }));
}

/** The partner picker: the first `limit` partners not churned whose name or domain contains the text, best matches first, and how many match in all. */
export async function searchPartners(q: Queryable, tenantId: string, text: string, limit: number): Promise<{ partners: Partner[]; total: number }> {
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  const { rows } = await q.query<PartnerRow & { total: string }>(
    `SELECT ${COLUMNS}, count(*) OVER () AS total FROM partners
     WHERE tenant_id = $1 AND status <> 'churned' AND (name ILIKE $2 OR domain ILIKE $2)
     ORDER BY (name ILIKE $3) DESC, name, id LIMIT $4`,
    [tenantId, `%${escaped}%`, `${escaped}%`, limit],
  );
  return { partners: rows.map(toPartner), total: rows[0] ? Number(rows[0].total) : 0 };
}

export async function getPartnersByIds(q: Queryable, tenantId: string, ids: readonly string[]): Promise<Partner[]> {
  if (ids.length === 0) return [];
  const { rows } = await q.query<PartnerRow>(`SELECT ${COLUMNS} FROM partners WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [tenantId, [...ids]]);
  return rows.map(toPartner);
}

/** Partners that may take on new work (co-selling candidates): everyone not churned or still a prospect. */
export async function listEngageablePartners(q: Queryable, tenantId: string, limit: number): Promise<Partner[]> {
  const { rows } = await q.query<PartnerRow>(
    `SELECT ${COLUMNS} FROM partners WHERE tenant_id = $1 AND status IN ('onboarding', 'active', 'at_risk') ORDER BY name, id LIMIT $2`,
    [tenantId, limit],
  );
  return rows.map(toPartner);
}

/** Every partner in one of the statuses, for sweeps and rankings over a whole tenant. */
export async function listPartnersByStatus(q: Queryable, tenantId: string, statuses: readonly PartnerStatus[]): Promise<Partner[]> {
  const { rows } = await q.query<PartnerRow>(`SELECT ${COLUMNS} FROM partners WHERE tenant_id = $1 AND status = ANY($2::text[]) ORDER BY id`, [
    tenantId,
    [...statuses],
  ]);
  return rows.map(toPartner);
}

/** A partner of the tenant with the same name (ignoring case) or, when given, the same normalized web domain: the name's match first. */
export async function findPartnerNamedOrAt(q: Queryable, tenantId: string, name: string, normalizedDomain: string | null): Promise<Partner | null> {
  const { rows } = await q.query<PartnerRow>(
    `SELECT ${COLUMNS} FROM partners WHERE tenant_id = $1 AND (lower(name) = lower($2) OR normalized_domain = $3)
     ORDER BY lower(name) = lower($2) DESC, created_at LIMIT 1`,
    [tenantId, name, normalizedDomain],
  );
  return rows[0] ? toPartner(rows[0]) : null;
}

/** The partner a CRM company record stands for, matched on the normalized web domain. */
export async function findPartnerByDomain(q: Queryable, tenantId: string, normalizedDomain: string): Promise<Partner | null> {
  const { rows } = await q.query<PartnerRow>(
    `SELECT ${COLUMNS} FROM partners WHERE tenant_id = $1 AND normalized_domain = $2 ORDER BY created_at LIMIT 1`,
    [tenantId, normalizedDomain],
  );
  return rows[0] ? toPartner(rows[0]) : null;
}


import type { Region, Tier } from '../../domain/partner';
import { splitPeriod } from '../../domain/reportPeriod';

/** What every analytics query is narrowed to. */
export interface AnalyticsScope {
  tenantId: string;
  /** Deals closing (or expected to close) from `from` through `to` (YYYY-MM-DD); registrations submitted then. */
  from: string | null;
  to: string | null;
  /** Deals in this currency only; every currency when null. */
  currency: string | null;
  /** Partners of this region and tier only. */
  region: Region | null;
  tier: Tier | null;
  /** Health is read as of now. */
  now: Date;
}

const periodSplitParams = (s: AnalyticsScope): unknown[] => {
  const { firstMonth, lastMonth, edges } = splitPeriod(s.from, s.to);
  return [firstMonth, lastMonth, edges[0]?.from ?? null, edges[0]?.to ?? null, edges[1]?.from ?? null, edges[1]?.to ?? null];
};

/**
 * `$1`…`$13` of every analytics query: the scope, then how its period splits into whole months
 * (`$8`, `$9`) and partial months at either end (`$10`–`$13`); a query's own parameters follow from `$14`.
 */
export const scopeParams = (s: AnalyticsScope): unknown[] => [s.tenantId, s.from, s.to, s.currency, s.now, s.region, s.tier, ...periodSplitParams(s)];
export const FIRST_OWN_PARAM = 14;

/** Stored rollup rows of the whole months of the period, in the scope's currency. */
export const storedMonths = (rollup: string) =>
  `${rollup}.tenant_id = $1 AND ($4::text IS NULL OR ${rollup}.currency = $4::text)
   AND (${rollup}.month BETWEEN coalesce($8::date, '-infinity'::date) AND coalesce($9::date, 'infinity'::date)
     OR (${rollup}.month IS NULL AND $2::date IS NULL AND $3::date IS NULL))`;

/** Deals closing in the partial months at either end of the period. */
export const partialMonthDays = (closeDate: string) => `(${closeDate} BETWEEN $10::date AND $11::date OR ${closeDate} BETWEEN $12::date AND $13::date)`;

/** Deals closing in the period (every deal, undated ones too, without one). */
export const periodDays = (closeDate: string) => `($2::date IS NULL OR ${closeDate} >= $2::date) AND ($3::date IS NULL OR ${closeDate} <= $3::date)`;

/**
 * A rollup's figures for the scope's period and currency: its stored rows for the whole months,
 * and the same figures computed from the touchpoints for the days of the partial months. When
 * `stored` (SQL) is false, the stored rows do not apply and the whole period is computed.
 */
export const periodFigures = (rollup: string, columns: string, figures: (dealsIn: (closeDate: string) => string) => string, stored = 'true') => `
  SELECT ${columns} FROM ${rollup} r WHERE ${stored} AND ${storedMonths('r')}
  UNION ALL
  SELECT ${columns} FROM (${figures((closeDate) => `CASE WHEN ${stored} THEN ${partialMonthDays(closeDate)} ELSE ${periodDays(closeDate)} END`)}) r
  WHERE $4::text IS NULL OR r.currency = $4::text`;

/**
 * Whether touchpoint `t` counts: a closed deal counts those made by the end of its close date, an
 * open one every touchpoint (each is recorded when it happens, so none lies after now).
 */
export const countsByCutoff = (t: string) =>
  `(NOT ${t}.deal_is_closed OR ${t}.deal_close_date IS NULL OR ${t}.at <= (${t}.deal_close_date + 1)::timestamp AT TIME ZONE 'UTC')`;

/**
 * The common tables of every analytics query: `scope_params` names the type of each scope
 * parameter (so a query may leave some unused); `in_scope`, the partners of the region and tier.
 */
export const SCOPE_CTES = `
scope_params AS (
  SELECT $1::uuid AS tenant_id, $2::date AS period_from, $3::date AS period_to, $4::text AS currency, $5::timestamptz AS now,
    $6::text AS region, $7::text AS tier, $8::date AS first_month, $9::date AS last_month,
    $10::date AS start_edge_from, $11::date AS start_edge_to, $12::date AS end_edge_from, $13::date AS end_edge_to
),
in_scope AS (
  SELECT p.id, p.name, p.region, p.tier FROM partners p
  WHERE p.tenant_id = $1 AND ($6::text IS NULL OR p.region = $6::text) AND ($7::text IS NULL OR p.tier = $7::text)
)`;

/** `touches`, for the queries that read touchpoints themselves: those on deals of the period and currency that count. */
export const TOUCHES_CTE = `
touches AS NOT MATERIALIZED (
  SELECT t.deal_id, t.partner_id, t.kind, t.at, t.deal_amount::float8 AS amount, t.deal_is_closed AS is_closed, t.deal_is_won AS is_won,
    t.deal_created_at AS crm_created_at, t.deal_close_date AS close_date, t.deal_account_id AS account_id
  FROM touchpoints t
  WHERE t.tenant_id = $1 AND ${periodDays('t.deal_close_date')} AND ($4::text IS NULL OR t.deal_currency = $4::text) AND ${countsByCutoff('t')}
)`;

/** Touchpoint kinds by which a partner can source a deal (see the domain's `dealSource`). */
export const SOURCING_KINDS_SQL = `('registration_submitted', 'referral')`;

export const num = (v: string | number | null): number => (v === null ? 0 : Number(v));
export const cents = (v: number): number => Math.round(v * 100) / 100;

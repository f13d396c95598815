import type { Region, Tier } from '../../domain/partner';

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
  /** Open deals count the touchpoints made until now. */
  now: Date;
}

/** `$1`…`$7` of every analytics query; a query's own parameters follow from `$8`. */
export const scopeParams = (s: AnalyticsScope): unknown[] => [s.tenantId, s.from, s.to, s.currency, s.now, s.region, s.tier];
export const FIRST_OWN_PARAM = 8;

/**
 * The common tables of the analytics queries: `deals` in the period and currency; `touches`,
 * the touchpoints on those deals that count (made by the deal's cutoff: the end of a closed
 * deal's close date, now for open ones), read from touchpoints alone with the deal figures they
 * carry; `in_scope`, the partners of the region and tier. Not materialized, so each query's own
 * conditions reach the scans.
 */
const inPeriod = (closeDate: string, currency: string) =>
  `($2::date IS NULL OR ${closeDate} >= $2::date) AND ($3::date IS NULL OR ${closeDate} <= $3::date) AND ($4::text IS NULL OR ${currency} = $4::text)`;
const cutoff = (isClosed: string, closeDate: string) =>
  `CASE WHEN ${isClosed} AND ${closeDate} IS NOT NULL THEN (${closeDate} + 1)::timestamp AT TIME ZONE 'UTC' ELSE $5::timestamptz END`;

export const SCOPE_CTES = `
deals AS NOT MATERIALIZED (
  SELECT d.id, d.amount::float8 AS amount, d.is_closed, d.is_won, d.crm_created_at, d.close_date, d.account_id
  FROM crm_deals d
  WHERE d.tenant_id = $1 AND ${inPeriod('d.close_date', 'd.currency')}
),
touches AS NOT MATERIALIZED (
  SELECT t.deal_id, t.partner_id, t.kind, t.at, t.deal_amount::float8 AS amount, t.deal_is_closed AS is_closed, t.deal_is_won AS is_won,
    t.deal_created_at AS crm_created_at, t.deal_close_date AS close_date, t.deal_account_id AS account_id
  FROM touchpoints t
  WHERE t.tenant_id = $1 AND ${inPeriod('t.deal_close_date', 't.deal_currency')} AND t.at <= ${cutoff('t.deal_is_closed', 't.deal_close_date')}
),
in_scope AS (
  SELECT p.id, p.name, p.region, p.tier FROM partners p
  WHERE p.tenant_id = $1 AND ($6::text IS NULL OR p.region = $6::text) AND ($7::text IS NULL OR p.tier = $7::text)
)`;

/** Touchpoint kinds by which a partner can source a deal (see the domain's `dealSource`). */
export const SOURCING_KINDS_SQL = `('registration_submitted', 'referral')`;

export const num = (v: string | number | null): number => (v === null ? 0 : Number(v));
export const cents = (v: number): number => Math.round(v * 100) / 100;

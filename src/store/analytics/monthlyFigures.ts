import { SOURCING_KINDS_SQL, countsByCutoff } from './scope';

/**
 * The one definition of each analytics rollup's rows, for the deals whose close date satisfies
 * `dealsIn`: stored per month when touchpoints are rebuilt, and computed the same way for the
 * partial months at the ends of a report period. `$1` is the tenant.
 */
export type DealsIn = (closeDate: string) => string;

/** Touchpoints that count (see `countsByCutoff`), with their deal's figures and close month. */
const counted = (dealsIn: DealsIn) => `
  SELECT t.deal_id, t.partner_id, t.kind, t.at, t.deal_amount AS amount, t.deal_currency AS currency,
    t.deal_is_closed AS is_closed, t.deal_is_closed AND t.deal_is_won AS is_won, t.deal_created_at AS created_at,
    t.deal_close_date AS close_date, t.deal_account_id AS account_id, date_trunc('month', t.deal_close_date)::date AS month,
    t.kind IN ${SOURCING_KINDS_SQL} AND t.at <= t.deal_created_at AS sources
  FROM touchpoints t
  WHERE t.tenant_id = $1 AND ${dealsIn('t.deal_close_date')} AND ${countsByCutoff('t')}`;

/** `analytics_deal_rollups`: every counted deal once per partner scope it falls in (see the migration). */
export const dealFigures = (dealsIn: DealsIn) => `
  WITH counted AS (${counted(dealsIn)}),
  deal_touch AS (SELECT deal_id, bool_or(sources) AS sourced FROM counted GROUP BY deal_id),
  deal_scopes AS (
    SELECT DISTINCT c.deal_id, s.region, s.tier
    FROM counted c JOIN partners p ON p.tenant_id = $1 AND p.id = c.partner_id
    CROSS JOIN LATERAL (VALUES (p.region, p.tier), (p.region, NULL), (NULL, p.tier), (NULL, NULL)) AS s (region, tier)
  )
  SELECT date_trunc('month', d.close_date)::date AS month, d.currency,
    CASE WHEN NOT d.is_closed THEN 'open' WHEN d.is_won THEN 'won' ELSE 'lost' END AS outcome,
    t.deal_id IS NOT NULL AS touched, coalesce(t.sourced, false) AS sourced, s.region, s.tier,
    count(*)::int AS deals, sum(d.amount) AS amount
  FROM crm_deals d
  LEFT JOIN deal_touch t ON t.deal_id = d.id
  LEFT JOIN deal_scopes s ON s.deal_id = d.id
  WHERE d.tenant_id = $1 AND d.duplicate_of IS NULL AND ${dealsIn('d.close_date')}
  GROUP BY 1, 2, 3, 4, 5, 6, 7`;

/** `analytics_partner_rollups`: each deal a partner touched counted once for it. */
export const partnerFigures = (dealsIn: DealsIn) => `
  WITH counted AS (${counted(dealsIn)}),
  partner_deals AS (
    SELECT partner_id, deal_id, month, currency, is_closed, is_won, amount, bool_or(sources) AS sourced
    FROM counted GROUP BY partner_id, deal_id, month, currency, is_closed, is_won, amount
  )
  SELECT partner_id, month, currency,
    count(*) FILTER (WHERE NOT is_closed)::int AS open_deals, coalesce(sum(amount) FILTER (WHERE NOT is_closed), 0) AS open_amount,
    count(*) FILTER (WHERE is_won)::int AS won_deals, count(*) FILTER (WHERE is_closed AND NOT is_won)::int AS lost_deals,
    coalesce(sum(amount) FILTER (WHERE is_won AND sourced), 0) AS sourced_revenue
  FROM partner_deals GROUP BY partner_id, month, currency`;

/**
 * `analytics_credit_rollups`: each won deal's counted touchpoints weighed once under every model
 * (the domain's `touchpointShares`): first and last share among touchpoints at the earliest or
 * latest instant, linear equally, time decay by 2^(-age/half-life) measured from the deal's latest
 * touchpoint (the common factor up to the close cancels out, and no weight underflows to zero).
 * `halfLifeSeconds` is the SQL of the half-life.
 */
export const creditFigures = (dealsIn: DealsIn, halfLifeSeconds: string) => `
  WITH counted AS (${counted(dealsIn)}),
  weighted AS (
    SELECT deal_id, partner_id, month, currency, amount::float8 AS amount,
      CASE WHEN at = min(at) OVER deal THEN 1 ELSE 0 END::float8 AS w_first,
      CASE WHEN at = max(at) OVER deal THEN 1 ELSE 0 END::float8 AS w_last,
      power(2::float8, -extract(epoch FROM (max(at) OVER deal) - at)::float8 / ${halfLifeSeconds}) AS w_time_decay
    FROM counted WHERE is_won
    WINDOW deal AS (PARTITION BY deal_id)
  ),
  per_partner AS (
    SELECT deal_id, partner_id, month, currency, max(amount) AS amount,
      sum(w_first) AS w_first, sum(w_last) AS w_last, count(*)::float8 AS w_linear, sum(w_time_decay) AS w_time_decay
    FROM weighted GROUP BY deal_id, partner_id, month, currency
  ),
  credits AS (
    SELECT partner_id, month, currency,
      amount * w_first / sum(w_first) OVER deal AS first, amount * w_last / sum(w_last) OVER deal AS last,
      amount * w_linear / sum(w_linear) OVER deal AS linear, amount * w_time_decay / sum(w_time_decay) OVER deal AS time_decay
    FROM per_partner WINDOW deal AS (PARTITION BY deal_id)
  )
  SELECT c.partner_id, c.month, c.currency, m.model, sum(m.revenue) AS revenue, count(*) FILTER (WHERE m.revenue > 0)::int AS deals
  FROM credits c
  CROSS JOIN LATERAL (VALUES ('first', c.first), ('last', c.last), ('linear', c.linear), ('time_decay', c.time_decay)) AS m (model, revenue)
  GROUP BY c.partner_id, c.month, c.currency, m.model`;

/** `analytics_customer_rollups`: the won deals a partner touched, per customer (a deal matched to no customer is its own). */
export const customerFigures = (dealsIn: DealsIn) => `
  WITH counted AS (${counted(dealsIn)}),
  partner_wins AS (
    SELECT DISTINCT partner_id, deal_id, coalesce(account_id::text, 'deal:' || deal_id::text) AS customer, month, currency, amount, close_date
    FROM counted WHERE is_won AND close_date IS NOT NULL
  )
  SELECT partner_id, customer, month, currency, sum(amount) AS won_revenue, min(close_date) AS first_win, max(close_date) AS last_win
  FROM partner_wins GROUP BY partner_id, customer, month, currency`;

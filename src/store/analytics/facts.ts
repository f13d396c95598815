import { creditFigures, customerFigures, dealFigures, partnerFigures } from './monthlyFigures';
import { periodFigures } from './scope';

/**
 * The rollups as the reports read them, for the scope's period and currency (see `periodFigures`):
 * a few thousand rows per report where the touchpoints hold millions.
 */
export const DEAL_FACTS_CTE = `deal_facts AS (${periodFigures('analytics_deal_rollups', 'currency, outcome, touched, sourced, region, tier, deals, amount', dealFigures)})`;

export const PARTNER_FACTS_CTE = `partner_facts AS (${periodFigures(
  'analytics_partner_rollups',
  'partner_id, open_deals, open_amount, won_deals, lost_deals, sourced_revenue',
  partnerFigures,
)})`;

export const CUSTOMER_FACTS_CTE = `customer_facts AS (${periodFigures('analytics_customer_rollups', 'partner_id, customer, won_revenue, first_win, last_win', customerFigures)})`;

/**
 * Credit under the model (SQL text) with the half-life in seconds: stored for the default
 * half-life (`atDefaultHalfLife`, SQL boolean), weighed from the touchpoints for any other.
 */
export const creditFactsCte = (model: string, halfLifeSeconds: string, atDefaultHalfLife: string) => `credit_facts AS (
  SELECT partner_id, revenue, deals FROM (${periodFigures(
    'analytics_credit_rollups',
    'partner_id, model, revenue, deals',
    (dealsIn) => creditFigures(dealsIn, halfLifeSeconds),
    atDefaultHalfLife,
  )}) c WHERE c.model = ${model})`;

/** Deal rollup rows that count every deal once: untouched deals, and touched ones under "any partner". */
export const EVERY_DEAL = 'region IS NULL AND tier IS NULL';
/** Deal rollup rows of the deals a partner of the scope's region and tier touched. */
export const TOUCHED_IN_SCOPE = 'touched AND region IS NOT DISTINCT FROM $6::text AND tier IS NOT DISTINCT FROM $7::text';

import type { CrmDeal } from '../../src/domain/crmDeal';
import { DealRegistrationInput } from '../../src/domain/registration';
import { TenantSettings } from '../../src/domain/settings';
import { refreshPartnerAnalytics } from '../../src/store/analytics/refresh';
import type { Db } from '../../src/store/db';
import type { Actor, Deps } from '../../src/usecases/context';
import { approveDealRegistration } from '../../src/usecases/decideDealRegistration';
import { createPartner } from '../../src/usecases/partners';
import { submitDealRegistration } from '../../src/usecases/submitDealRegistration';
import { createTenant } from '../../src/usecases/tenants';
import { principalFor } from '../../src/domain/access';

/** A tenant and its partner manager, created through the use cases. */
export async function analyticsTenant(deps: Deps, name = 'Northwind Cloud'): Promise<Actor> {
  const { tenant } = await createTenant(deps, name);
  return { tenantId: tenant.id, settings: TenantSettings.parse({}), name: 'pm@northwind.example.com', principal: principalFor('admin') };
}

export const analyticsPartner = (deps: Deps, actor: Actor, name: string, region: 'NA' | 'EMEA' | 'APAC', tier: 'gold' | 'silver' | 'registered') =>
  createPartner(deps, actor, { name, region, tier, country: region === 'NA' ? 'US' : region === 'EMEA' ? 'GB' : 'AU', specialties: [], status: 'active' });

/** A registration of the customer submitted at `at`, approved a day later unless `approve` is false. */
export async function registerCustomer(deps: Deps & { clock: { set(at: Date | string): void } }, actor: Actor, partnerId: string, customer: { name: string; domain: string }, at: string, approve = true) {
  deps.clock.set(at);
  const input = DealRegistrationInput.parse({ partnerId, customer: { ...customer, country: 'US' }, products: ['Analytics Suite'], amount: 50000, currency: 'USD', expectedCloseDate: '2027-06-30' });
  const { registration } = await submitDealRegistration(deps, actor, input);
  if (approve) {
    deps.clock.set(new Date(Date.parse(at) + 86_400_000));
    await approveDealRegistration(deps, actor, registration.id);
  }
  return registration;
}

/** A deal as the deal sweep stores it. */
export const crmDeal = (
  crm: CrmDeal['crm'],
  crmId: string,
  deal: { name: string; domain: string; amount: number; state: 'won' | 'lost' | 'open'; createdAt: string; closeDate: string; modifiedAt: string; currency?: string | null },
): CrmDeal => ({
  crm,
  crmId,
  name: deal.name,
  amount: deal.amount,
  currency: deal.currency === undefined ? 'USD' : deal.currency,
  stage: deal.state,
  isClosed: deal.state !== 'open',
  isWon: deal.state === 'won',
  createdAt: new Date(deal.createdAt),
  closeDate: deal.closeDate,
  company: { crmId: `c-${deal.domain}`, name: deal.domain.split('.')[0]!, domain: crm === 'salesforce' ? `https://www.${deal.domain}` : deal.domain },
  modifiedAt: new Date(deal.modifiedAt),
});

export const refreshAnalytics = (db: Db, tenantId: string, options: { full?: boolean } = {}) => db.transaction((tx) => refreshPartnerAnalytics(tx, tenantId, options));

const ANALYTICS_TABLES = {
  touchpoints: 'SELECT deal_id, partner_id, kind, source_id, at, deal_amount, deal_currency, deal_is_closed, deal_is_won, deal_close_date FROM touchpoints',
  analytics_deal_rollups: 'SELECT month, currency, outcome, touched, sourced, region, tier, deals, amount FROM analytics_deal_rollups',
  analytics_partner_rollups: 'SELECT partner_id, month, currency, open_deals, open_amount, won_deals, lost_deals, sourced_revenue FROM analytics_partner_rollups',
  analytics_credit_rollups: 'SELECT partner_id, month, currency, model, round(revenue::numeric, 6) AS revenue, deals FROM analytics_credit_rollups',
  analytics_customer_rollups: 'SELECT partner_id, customer, month, currency, won_revenue, first_win, last_win FROM analytics_customer_rollups',
} as const;

/** Every touchpoint and rollup row of the tenant, in a stable order, for comparing two rebuilds. */
export async function analyticsTables(db: Db, tenantId: string): Promise<Record<keyof typeof ANALYTICS_TABLES, unknown[]>> {
  const out = {} as Record<keyof typeof ANALYTICS_TABLES, unknown[]>;
  for (const [name, select] of Object.entries(ANALYTICS_TABLES) as Array<[keyof typeof ANALYTICS_TABLES, string]>) {
    out[name] = (await db.query(`SELECT * FROM (${select} WHERE tenant_id = $1) t ORDER BY t::text`, [tenantId])).rows;
  }
  return out;
}

/** A report's figures when its deals are in one currency; fails the test when it answered per currency instead. */
export function inOneCurrency<R extends object>(report: R): Exclude<R, { byCurrency: unknown }> {
  if ('byCurrency' in report) throw new Error(`expected figures in one currency, got one set per currency: ${JSON.stringify(report.byCurrency)}`);
  return report as Exclude<R, { byCurrency: unknown }>;
}

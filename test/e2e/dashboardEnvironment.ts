import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium';
import { createApp } from '../../src/api/app';
import { fixedClock } from '../../src/domain/clock';
import type { CrmDeal } from '../../src/domain/crmDeal';
import { DealRegistrationInput } from '../../src/domain/registration';
import { TenantSettings } from '../../src/domain/settings';
import { SESSION_COOKIE } from '../../src/install/session';
import { sessionToken } from '../support/sessions';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { refreshPartnerAnalytics } from '../../src/store/analytics/refresh';
import { matchDealsToAccounts, upsertCrmDeals } from '../../src/store/crmDeals';
import type { Actor } from '../../src/usecases/context';
import { approveDealRegistration } from '../../src/usecases/decideDealRegistration';
import { createPartner } from '../../src/usecases/partners';
import { submitDealRegistration } from '../../src/usecases/submitDealRegistration';
import { createTenant } from '../../src/usecases/tenants';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { testKeyring } from '../support/deps';
import { EVERY_PARTNER, principalFor } from '../../src/domain/access';
import { insertVendorUser } from '../../src/store/vendorUsers';

const SIGNING_SECRET = 'dashboard-e2e-signing-secret-0123456789abcdef';
const DAY = 86_400_000;

export interface DashboardEnvironment {
  url: string;
  browser: Browser;
  /** The signed settings-page session cookie of the tenant, as an install leaves it. */
  cookie: { name: string; value: string; url: string };
  close(): Promise<void>;
}

/**
 * Northwind with three partners in three regions, a partner manager, registrations over the past months, CRM deals
 * (won, lost, open, and one nobody touched) stored as the deal sweep stores them, two health
 * evaluations a month apart; Trellis serving the dashboard, the approval inbox and the one-click
 * sign-in; Chromium.
 */
export async function startDashboardEnvironment(): Promise<DashboardEnvironment> {
  const now = Date.now();
  const at = (days: number) => new Date(now + days * DAY);
  const isoDay = (days: number) => at(days).toISOString().slice(0, 10);
  const database: TestDatabase = await createTestDatabase('postgres');
  const clock = fixedClock(at(-260));
  const deps = { db: database.db, clock, keyring: testKeyring() };
  const { tenant } = await createTenant(deps, 'Northwind Cloud');
  const actor: Actor = { tenantId: tenant.id, settings: TenantSettings.parse({}), name: 'ingrid.larsen@northwind.example.com', principal: principalFor('admin') };
  const partner = (name: string, region: 'NA' | 'EMEA' | 'APAC', tier: 'gold' | 'silver' | 'registered', country: string) =>
    createPartner(deps, actor, { name, region, tier, country, specialties: [], status: 'active' });
  const bluepeak = await partner('Bluepeak Systems', 'NA', 'gold', 'US');
  const contoso = await partner('Contoso Consulting', 'EMEA', 'silver', 'GB');
  const northgate = await partner('Northgate Partners', 'APAC', 'registered', 'AU');
  // The partner manager the pending registrations wait for; she signs in with the one-click sign-in.
  await insertVendorUser(database.db, tenant.id, { email: 'pia.moreau@northwind.example.com', displayName: 'Pia Moreau', role: 'partner_manager', scope: EVERY_PARTNER, createdBy: 'test' }, at(-260));

  const register = async (partnerId: string, customer: string, domain: string, daysAgo: number, approveAfterDays: number | null) => {
    clock.set(at(-daysAgo));
    const input = DealRegistrationInput.parse({ partnerId, customer: { name: customer, domain, country: 'US' }, products: ['Analytics Suite'], amount: 50000, currency: 'USD', expectedCloseDate: isoDay(400) });
    const { registration } = await submitDealRegistration(deps, actor, input);
    if (approveAfterDays !== null) {
      clock.set(at(-daysAgo + approveAfterDays));
      await approveDealRegistration(deps, actor, registration.id);
    }
  };
  await register(contoso.id, 'Acme Industries', 'acme.com', 250, 2);
  await register(bluepeak.id, 'Globex Corporation', 'globex.com', 50, 1);
  await register(contoso.id, 'Globex Corporation', 'globex.com', 30, null);
  await register(contoso.id, 'Initech', 'initech.com', 20, 3);
  await register(bluepeak.id, 'Umbrella Health', 'umbrella.com', 15, null);
  await register(northgate.id, 'Hooli', 'hooli.com', 25, 4);
  clock.set(at(0));

  let crmId = 100;
  const deal = (name: string, domain: string, amount: number, state: 'won' | 'lost' | 'open', createdDaysAgo: number, closeInDays: number): CrmDeal => ({
    crm: 'hubspot',
    crmId: String(crmId++),
    name,
    amount,
    currency: 'USD',
    stage: state === 'won' ? 'closedwon' : state === 'lost' ? 'closedlost' : 'contractsent',
    isClosed: state !== 'open',
    isWon: state === 'won',
    createdAt: at(-createdDaysAgo),
    closeDate: isoDay(closeInDays),
    company: { crmId: `c-${domain}`, name: domain.split('.')[0]!, domain },
    modifiedAt: at(-1),
  });
  await upsertCrmDeals(database.db, tenant.id, [
    deal('Globex – Analytics Suite', 'globex.com', 120000, 'won', 40, -10),
    deal('Acme – Data Pipeline', 'acme.com', 50000, 'won', 240, -200),
    deal('Initech – Security Cloud', 'initech.com', 200000, 'open', 25, 30),
    deal('Umbrella – Edge Gateway', 'umbrella.com', 80000, 'open', 10, 60),
    deal('Hooli – Analytics Suite', 'hooli.com', 65000, 'lost', 30, -5),
    deal('Stark – Premium Support', 'stark.com', 30000, 'won', 60, -20),
  ]);
  await matchDealsToAccounts(database.db, tenant.id);
  await database.db.transaction((tx) => refreshPartnerAnalytics(tx, tenant.id));

  // Snapshots as the health evaluation leaves them; the dashboard reads only these columns.
  const snapshot = (partnerId: string, daysAgo: number, score: number, atRisk: boolean) =>
    database.db.query(`INSERT INTO health_snapshots (tenant_id, partner_id, evaluated_at, score, at_risk, factors) VALUES ($1, $2, $3, $4, $5, '{}'::jsonb)`, [tenant.id, partnerId, at(-daysAgo), score, atRisk]);
  await snapshot(bluepeak.id, 30, 70, false);
  await snapshot(contoso.id, 30, 60, false);
  await snapshot(northgate.id, 30, 50, false);
  await snapshot(bluepeak.id, 0, 85, false);
  await snapshot(contoso.id, 0, 35, true);
  await snapshot(northgate.id, 0, 18, true);

  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = loadConfig({ TRELLIS_SANDBOX: 'false', PUBLIC_URL: url });
  server.on(
    'request',
    createApp({
      ...deps,
      logger: createLogger('silent'),
      adminToken: undefined,
      install: { publicUrl: url, signingSecret: SIGNING_SECRET, hubspot: config.hubspot, salesforce: config.salesforce, slack: config.slack },
      signIn: { oidc: null, demoUsers: true },
    }),
  );
  const browser = await launchChromium();
  return {
    url,
    browser,
    cookie: { name: SESSION_COOKIE, value: await sessionToken(database.db, tenant.id, { email: 'ingrid.larsen@northwind.example.com' }, at(1)), url },
    async close() {
      await browser.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.drop();
    },
  };
}

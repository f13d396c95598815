/**
 * Card backend latency in the sandbox setup (embedded PGlite store, one process): each card
 * endpoint over HTTP as HubSpot's proxy calls it (v3 signature, portal lookup), against the
 * plain REST endpoint reading one registration with an API key, measured in the same run.
 *
 *   npx tsx bench/cards.ts
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/api/app';
import { systemClock } from '../src/domain/clock';
import { DealRegistrationInput } from '../src/domain/registration';
import { createLogger } from '../src/logger';
import { proxyHubSpotFetch } from '../src/preview/hubspotFetchProxy';
import { saveCrmConnection } from '../src/store/connections';
import { openDb } from '../src/store/openDb';
import { createKeyring, generateKeyringSpec, parseKeyring } from '../src/store/secrets';
import type { Actor } from '../src/usecases/context';
import { createPartner } from '../src/usecases/partners';
import { submitDealRegistration } from '../src/usecases/submitDealRegistration';
import { createTenant } from '../src/usecases/tenants';
import { summarize, timeEach } from './support/latency';

const SECRET = 'bench-client-secret';
const PORTAL = 4242;
const RUNS = 200;
const WARMUP = 50;
const TARGET_P99_MS = 100;

async function main(): Promise<void> {
  const db = await openDb({ kind: 'pglite', dataDir: 'memory://' });
  const deps = { db, clock: systemClock, keyring: createKeyring(parseKeyring(generateKeyringSpec())) };
  const { tenant, apiKey } = await createTenant(deps, 'Bench');
  const actor: Actor = { tenantId: tenant.id, settings: tenant.settings, name: 'bench@vendor.com' };
  await saveCrmConnection(db, deps.keyring, tenant.id, 'hubspot', { externalAccountId: String(PORTAL), scopes: [], accessToken: 'a' });
  const partners = [];
  for (let i = 0; i < 50; i += 1) {
    partners.push(await createPartner(deps, actor, { name: `Partner ${i}`, domain: `partner${i}.com`, tier: 'gold', region: i % 2 ? 'NA' : 'EMEA', country: 'US', specialties: ['analytics'], status: 'active', managerEmail: actor.name }));
  }
  let registrationId = '';
  for (let i = 0; i < 400; i += 1) {
    const input = DealRegistrationInput.parse({
      partnerId: partners[i % partners.length]!.id,
      customer: { name: `Customer ${i % 100}`, domain: `customer${i % 100}.com` },
      products: ['Analytics Suite'],
      amount: 1000 + i,
      currency: 'USD',
      expectedCloseDate: '2027-01-31',
    });
    registrationId = (await submitDealRegistration(deps, actor, input)).registration.id;
  }

  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  server.on('request', createApp({ ...deps, logger: createLogger('silent'), adminToken: undefined, cards: { clientSecrets: [SECRET], publicUrl: url } }));

  const caller = { portalId: PORTAL, userId: 1, userEmail: actor.name };
  const card = (path: string, method = 'GET', body?: unknown) => async () => {
    const res = await proxyHubSpotFetch(SECRET, caller, { url: `${url}/api/cards/hubspot${path}`, method, body });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  const check = { partnerId: partners[1]!.id, customer: { name: 'Customer 7', domain: 'customer7.com' }, products: ['analytics suite'], amount: 5, currency: 'USD', expectedCloseDate: '2027-01-31' };
  const cases: [string, () => Promise<void>][] = [
    [
      'REST GET /api/v1/deal-registrations/:id (baseline)',
      async () => {
        const res = await fetch(`${url}/api/v1/deal-registrations/${registrationId}`, { headers: { authorization: `Bearer ${apiKey}` } });
        await res.text();
        if (res.status !== 200) throw new Error(`baseline: ${res.status}`);
      },
    ],
    ['card GET /partners?q=part', card('/partners?q=part')],
    ['card GET /registrations (company record)', card('/registrations?name=Customer%207&domain=customer7.com')],
    ['card POST /registrations/check (live conflict check)', card('/registrations/check', 'POST', check)],
    ['card GET /co-sell', card('/co-sell?name=Customer%207&domain=customer7.com&country=US&products=analytics%20suite')],
    ['card GET /partner-health', card('/partner-health?domain=partner3.com')],
  ];
  const rows: string[] = [];
  let baselineP99 = 0;
  let worst = 0;
  for (const [name, run] of cases) {
    await timeEach(Array.from({ length: WARMUP }), run);
    const stats = summarize((await timeEach(Array.from({ length: RUNS }), run)).ms);
    if (!baselineP99) baselineP99 = stats.p99;
    worst = Math.max(worst, stats.p99);
    rows.push(`${name.padEnd(56)} p50 ${stats.p50.toFixed(2).padStart(7)} ms  p99 ${stats.p99.toFixed(2).padStart(7)} ms  ×${(stats.p99 / baselineP99).toFixed(2)} of baseline p99`);
  }
  console.log(`Card backend, ${RUNS} sequential requests each after ${WARMUP} warm-up, 50 partners, 400 registrations, PGlite\n${rows.join('\n')}`);
  console.log(worst < TARGET_P99_MS ? `OK: every card endpoint p99 under ${TARGET_P99_MS} ms` : `OVER TARGET: worst p99 ${worst.toFixed(1)} ms`);
  server.closeAllConnections();
  server.close();
  await db.close();
  process.exitCode = worst < TARGET_P99_MS ? 0 : 1;
}

void main();

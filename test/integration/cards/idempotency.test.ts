import { randomUUID } from 'node:crypto';
import { signV3 } from '../../../src/security/hubspotSignature';
import { listRegistrationsOfCustomer } from '../../../src/store/registrations';
import { customerKey } from '../../../src/domain/customer';
import { issueSalesforceCardSecret } from '../../../src/usecases/cardCredentials';
import { createPartner } from '../../../src/usecases/partners';
import { HUBSPOT_CLIENT_SECRET, hubspotCaller, installedTenant, startCardApp, type CardTestApp } from '../../support/cards';
import { vendorUser } from '../../support/sessions';

const REP = 'rob.rep@vendor.com';
const MANAGER = 'maria.manager@vendor.com';
const GLOBEX = { name: 'Globex Corporation', domain: 'globex.com', country: 'US' };

const globexDeal = (partnerId: string) => ({
  partnerId,
  customer: GLOBEX,
  products: ['Analytics Suite'],
  amount: 125000,
  currency: 'USD',
  expectedCloseDate: '2026-06-30',
});

/**
 * `hubspot.fetch` retries a request once after a 5xx or a timeout, and the Salesforce component's
 * Apex once more with the same key: a card write must happen once per user action however often
 * it arrives. The cards send one key per action; HubSpot's in the signed URL (it sends no custom headers).
 */
describe('card writes run once per idempotency key', () => {
  let app: CardTestApp;
  beforeAll(async () => {
    app = await startCardApp('postgres');
  });
  afterAll(() => app.close());

  async function vendor() {
    const t = await installedTenant(app.deps);
    await vendorUser(app.deps.db, t.tenantId, MANAGER, 'partner_manager');
    const northwind = await createPartner(app.deps, t.admin, {
      name: 'Northwind Partners', domain: 'northwind.com', tier: 'gold', region: 'NA', country: 'US', specialties: ['analytics'], status: 'active', managerEmail: MANAGER,
    });
    const registrations = async () => listRegistrationsOfCustomer(app.deps.db, t.tenantId, customerKey(GLOBEX), 20);
    return { ...t, northwind, registrations, rep: hubspotCaller(app, t.externalAccountId, REP), manager: hubspotCaller(app, t.externalAccountId, MANAGER) };
  }

  it('registers once when HubSpot delivers the same submission twice, and answers the retry as the first', async () => {
    const v = await vendor();
    const path = `/registrations?idempotencyKey=${randomUUID()}`;
    const first = await v.rep(path, { method: 'POST', body: globexDeal(v.northwind.id) });
    // The retry after a timeout: the first answer never reached the card.
    const retry = await v.rep(path, { method: 'POST', body: globexDeal(v.northwind.id) });
    expect(first.status).toBe(201);
    expect(retry).toEqual(first);
    expect(await v.registrations()).toHaveLength(1);

    // Another submission (another key) is judged afresh: the same deal again is refused, pointing to the first,
    // while another product for the customer is a registration of its own.
    const again = await v.rep(`/registrations?idempotencyKey=${randomUUID()}`, { method: 'POST', body: globexDeal(v.northwind.id) });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toMatchObject({ existingRegistrationId: first.body.registration.id });
    const more = await v.rep(`/registrations?idempotencyKey=${randomUUID()}`, { method: 'POST', body: { ...globexDeal(v.northwind.id), products: ['Payments'] } });
    expect(more.status).toBe(201);
    expect(more.body.registration.id).not.toBe(first.body.registration.id);
    expect(await v.registrations()).toHaveLength(2);
  });

  it('registers once when the retry arrives while the first is still being processed', async () => {
    const v = await vendor();
    const path = `/registrations?idempotencyKey=${randomUUID()}`;
    const both = await Promise.all([1, 2].map(() => v.rep(path, { method: 'POST', body: globexDeal(v.northwind.id) })));
    expect(both.map((r) => r.status)).toContain(201);
    for (const r of both) if (r.status !== 201) expect(r.body.error.code).toBe('idempotency_key_in_use');
    expect(await v.registrations()).toHaveLength(1);
  });

  it('refuses a key reused for another request, and a key out of bounds, naming the field', async () => {
    const v = await vendor();
    const key = randomUUID();
    expect((await v.rep(`/registrations?idempotencyKey=${key}`, { method: 'POST', body: globexDeal(v.northwind.id) })).status).toBe(201);
    const other = await v.rep(`/registrations?idempotencyKey=${key}`, { method: 'POST', body: { ...globexDeal(v.northwind.id), amount: 1 } });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('idempotency_key_reused');
    const long = await v.rep(`/registrations?idempotencyKey=${'k'.repeat(256)}`, { method: 'POST', body: globexDeal(v.northwind.id) });
    expect(long.status).toBe(400);
    expect(long.body.error.details).toEqual([{ path: ['Idempotency-Key'], message: 'must be 1 to 255 characters' }]);
    expect(await v.registrations()).toHaveLength(1);
  });

  it('answers a repeated decision and co-sell request as the first time, instead of "not pending" or a duplicate', async () => {
    const v = await vendor();
    const created = await v.rep(`/registrations?idempotencyKey=${randomUUID()}`, { method: 'POST', body: globexDeal(v.northwind.id) });
    const id = created.body.registration.id as string;

    const approvePath = `/registrations/${id}/approve?idempotencyKey=${randomUUID()}`;
    const approved = await v.manager(approvePath, { method: 'POST', body: {} });
    expect(approved.status).toBe(200);
    expect(approved.body.registration.status).toBe('approved');
    expect(await v.manager(approvePath, { method: 'POST', body: {} })).toEqual(approved);
    // Without the key the same click is a second decision, which the domain refuses.
    expect((await v.manager(`/registrations/${id}/approve`, { method: 'POST', body: {} })).status).toBe(409);

    const coSell = { partnerId: v.northwind.id, customer: GLOBEX, role: 'co_sell', crmDealRef: 'hubspot:deal:42' };
    const coSellPath = `/co-sell?idempotencyKey=${randomUUID()}`;
    const requested = await v.rep(coSellPath, { method: 'POST', body: coSell });
    expect(requested.status).toBe(201);
    expect(await v.rep(coSellPath, { method: 'POST', body: coSell })).toEqual(requested);
    const engagements = await v.rep('/co-sell?name=Globex%20Corporation&domain=globex.com&country=US');
    expect(engagements.body.engagements).toHaveLength(1);
  });

  it('keeps the HubSpot v3 signature valid with the key in the URL and an Idempotency-Key header; a changed key breaks it', async () => {
    const v = await vendor();
    const key = randomUUID();
    const url = `${app.url}/api/cards/hubspot/registrations?idempotencyKey=${key}&portalId=${v.externalAccountId}&userId=101&userEmail=${encodeURIComponent(REP)}`;
    const body = JSON.stringify(globexDeal(v.northwind.id));
    const send = (target: string, signedUrl: string, headers: Record<string, string> = {}) => {
      const ts = String(Date.now());
      return fetch(target, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hubspot-request-timestamp': ts,
          'x-hubspot-signature-v3': signV3(HUBSPOT_CLIENT_SECRET, 'POST', signedUrl, body, ts),
          ...headers,
        },
        body,
      });
    };
    // The key moved to another value after signing: not what HubSpot signed.
    expect((await send(url.replace(key, randomUUID()), url)).status).toBe(401);
    const withHeader = await send(url, url, { 'idempotency-key': key });
    expect(withHeader.status).toBe(201);
    const retried = await send(url, url);
    expect(retried.status).toBe(201);
    expect(await retried.json()).toEqual(await withHeader.json());
    expect(await v.registrations()).toHaveLength(1);
  });

  it('registers once when the Salesforce component retries with the same Idempotency-Key header', async () => {
    const t = await installedTenant(app.deps, 'salesforce');
    const northwind = await createPartner(app.deps, t.admin, { name: 'Northwind Partners', tier: 'gold', region: 'NA', country: 'US', specialties: [], status: 'active' });
    const { secret } = await issueSalesforceCardSecret(app.deps, t.admin);
    const key = randomUUID();
    const submit = () =>
      fetch(`${app.url}/api/cards/salesforce/registrations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'x-trellis-user-email': REP, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(globexDeal(northwind.id)),
      });
    const first = await submit();
    const retry = await submit();
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(await retry.json()).toEqual(await first.json());
    expect(await listRegistrationsOfCustomer(app.deps.db, t.tenantId, customerKey(GLOBEX), 20)).toHaveLength(1);
  });
});

import { signedHeaders } from '../../sandbox/slack';
import { signV3 } from '../../src/security/hubspotSignature';
import { issueSalesforceCardSecret } from '../../src/usecases/cardCredentials';
import { createPartner } from '../../src/usecases/partners';
import { salesforceEndpointSecret } from '../../webhooks/salesforce';
import { registration } from '../support/fixtures';
import { SECRETS, startSecurityWorld, type SecurityWorld } from './world';

const SIX_MINUTES = 6 * 60_000;

/**
 * Requests an attacker forges for the endpoints that trust a signature or a shared secret instead
 * of an API key: each is refused and stores nothing; the same request signed properly is taken
 * (so the refusals are the signature's doing).
 */
describe('forged and replayed signatures', () => {
  let w: SecurityWorld;
  const deps = () => (w.deps);
  beforeAll(async () => {
    w = await startSecurityWorld();
  });
  afterAll(() => w.close());

  /** A POST signed as HubSpot signs (v3), optionally with another secret, an old timestamp, or a body changed after signing. */
  const hubspotPost = (url: string, body: string, forgery: { secret?: string; ageMs?: number; sentBody?: string } = {}) => {
    const timestamp = String(Date.now() - (forgery.ageMs ?? 0));
    return fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hubspot-request-timestamp': timestamp,
        'x-hubspot-signature-v3': signV3(forgery.secret ?? SECRETS.hubspot.clientSecret, 'POST', url, body, timestamp),
      },
      body: forgery.sentBody ?? body,
    });
  };
  const forgeries = (body: string) => ({
    'wrong secret': { secret: 'not-the-client-secret' },
    'timestamp over 5 minutes old (a replay)': { ageMs: SIX_MINUTES },
    'body altered after signing': { sentBody: body.replace('Globex', 'Gl0bex') },
  });

  describe('HubSpot card requests', () => {
    it('refuses each forgery with 401 and registers nothing', async () => {
      const t = await w.connectedTenant('hubspot');
      const partner = await createPartner(w.deps, t.admin, { name: 'Northwind', tier: 'gold', region: 'NA', country: 'US', specialties: [], status: 'active' });
      const url = `${w.url}/api/cards/hubspot/registrations?portalId=${t.externalAccountId}&userId=1&userEmail=rep%40vendor.example`;
      const body = JSON.stringify(registration(partner.id));
      for (const [forgery, how] of Object.entries(forgeries(body))) {
        const res = await hubspotPost(url, body, how);
        expect([forgery, res.status]).toEqual([forgery, 401]);
      }
      expect(await w.count('deal_registrations', 'tenant_id = $1', [t.tenantId])).toBe(0);
      expect((await hubspotPost(url, body)).status).toBe(201);
    });
  });

  describe('HubSpot webhooks', () => {
    it('refuses each forgery with 401 and stores no event', async () => {
      const t = await w.connectedTenant('hubspot');
      const event = { eventId: 1, subscriptionId: 1, portalId: Number(t.externalAccountId), occurredAt: Date.now(), subscriptionType: 'company.propertyChange', attemptNumber: 0, objectId: 1, propertyName: 'name', propertyValue: 'Globex', changeSource: 'CRM_UI' };
      const body = JSON.stringify([event]);
      for (const [forgery, how] of Object.entries(forgeries(body))) {
        const res = await hubspotPost(`${w.url}/webhooks/hubspot`, body, how);
        expect([forgery, res.status]).toEqual([forgery, 401]);
      }
      expect(await w.count('inbound_events', 'tenant_id = $1', [t.tenantId])).toBe(0);
      expect((await hubspotPost(`${w.url}/webhooks/hubspot`, body)).status).toBe(200);
      expect(await w.count('inbound_events', 'tenant_id = $1', [t.tenantId])).toBe(1);
    });
  });

  describe.each(['/slack/events', '/slack/interactions'])('Slack requests to %s', (path) => {
    it('refuses each forgery with 401 and records nothing', async () => {
      const body = JSON.stringify({ type: 'url_verification', token: 'x', challenge: `Globex-${path}` });
      const post = (headers: Record<string, string>, sent = body) => fetch(`${w.url}${path}`, { method: 'POST', headers, body: sent });
      const seen = await w.count('slack_request_signatures');
      const refused = {
        'wrong secret': await post(signedHeaders('not-the-signing-secret', body, 'application/json')),
        'timestamp over 5 minutes old (a replay)': await post(signedHeaders(SECRETS.slack.signingSecret, body, 'application/json', Date.now() - SIX_MINUTES)),
        'body altered after signing': await post(signedHeaders(SECRETS.slack.signingSecret, body, 'application/json'), body.replace('Globex', 'Gl0bex')),
        'no signature': await post({ 'content-type': 'application/json' }),
      };
      expect(Object.fromEntries(Object.entries(refused).map(([k, r]) => [k, r.status]))).toEqual(Object.fromEntries(Object.keys(refused).map((k) => [k, 401])));
      expect(await w.count('slack_request_signatures')).toBe(seen);
      const signed = signedHeaders(SECRETS.slack.signingSecret, body, 'application/json');
      expect((await post(signed)).status).toBe(200);
      // The same signed request again is a replay.
      expect((await post(signed)).status).toBe(401);
    });
  });

  describe('Salesforce card requests (the org’s card secret from its Named Credential)', () => {
    it('refuses a made-up secret, an API key, a retired secret and an unnamed user with 401, and registers nothing', async () => {
      const t = await w.connectedTenant('salesforce');
      const partner = await createPartner(w.deps, t.admin, { name: 'Fabrikam', tier: 'gold', region: 'NA', country: 'US', specialties: [], status: 'active' });
      const retired = (await issueSalesforceCardSecret(w.deps, t.admin)).secret;
      const { secret } = await issueSalesforceCardSecret(w.deps, t.admin);
      const apiKey = (await w.newTenant()).apiKey;
      const post = (headers: Record<string, string>) =>
        fetch(`${w.url}/api/cards/salesforce/registrations`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(registration(partner.id)) });
      const user = { 'x-trellis-user-email': 'rep@vendor.example' };
      const refused = {
        'made-up secret': await post({ authorization: 'Bearer tcs_made_up', ...user }),
        'an API key': await post({ authorization: `Bearer ${apiKey}`, ...user }),
        'retired secret': await post({ authorization: `Bearer ${retired}`, ...user }),
        'no user named': await post({ authorization: `Bearer ${secret}` }),
      };
      expect(Object.fromEntries(Object.entries(refused).map(([k, r]) => [k, r.status]))).toEqual(Object.fromEntries(Object.keys(refused).map((k) => [k, 401])));
      expect(await w.count('deal_registrations', 'tenant_id = $1', [t.tenantId])).toBe(0);
      expect((await post({ authorization: `Bearer ${secret}`, ...user })).status).toBe(201);
    });
  });

  describe('Salesforce Outbound Messages (the secret is in the endpoint path)', () => {
    const message = (orgId: string, n: number) =>
      `<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><notifications xmlns="http://soap.sforce.com/2005/09/outbound"><OrganizationId>${orgId}</OrganizationId>` +
      `<Notification><Id>04l00000000000${n}AAA</Id><sObject xmlns:sf="urn:sobject.enterprise.soap.sforce.com" xsi:type="sf:Account" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><sf:Id>001000000000${n}AAA</sf:Id></sObject></Notification></notifications></soapenv:Body></soapenv:Envelope>`;

    it('refuses a made-up secret and another tenant’s endpoint with a SOAP fault, and stores nothing', async () => {
      const victim = await w.connectedTenant('salesforce');
      const attacker = await w.connectedTenant('salesforce');
      const endpoint = (tenantId: string) => `${w.url}/webhooks/salesforce/${salesforceEndpointSecret(SECRETS.signing, tenantId)}`;
      const post = (url: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: message(victim.externalAccountId, 1) });
      const refused = {
        'made-up secret': await post(`${w.url}/webhooks/salesforce/${'A'.repeat(43)}`),
        'not a secret at all': await post(`${w.url}/webhooks/salesforce/guess`),
        // The attacker's own endpoint, carrying the victim's org id.
        'another tenant’s endpoint': await post(endpoint(attacker.tenantId)),
      };
      for (const res of Object.values(refused)) expect(await res.text()).toContain('<faultcode>soapenv:Client</faultcode>');
      expect(Object.fromEntries(Object.entries(refused).map(([k, r]) => [k, r.status]))).toEqual(Object.fromEntries(Object.keys(refused).map((k) => [k, 403])));
      expect(await w.count('inbound_events', 'tenant_id IN ($1, $2)', [victim.tenantId, attacker.tenantId])).toBe(0);
      expect((await post(endpoint(victim.tenantId))).status).toBe(200);
      expect(await w.count('inbound_events', 'tenant_id = $1', [victim.tenantId])).toBe(1);
    });
  });
});

import { createPartner } from '../../src/usecases/partners';
import { submitDealRegistration } from '../../src/usecases/submitDealRegistration';
import { DealRegistrationInput } from '../../src/domain/registration';
import { registration } from '../support/fixtures';
import { SECRETS, startSecurityWorld, type SecurityWorld } from './world';

/** The headers every page must carry, whoever opens it. */
function expectPageHeaders(res: Response, path: string) {
  expect([path, res.headers.get('content-type')]).toEqual([path, expect.stringMatching(/^text\/html/)]);
  const csp = res.headers.get('content-security-policy') ?? '';
  expect([path, csp]).toEqual([path, expect.stringContaining("frame-ancestors 'none'")]);
  expect([path, res.headers.get('x-content-type-options')]).toEqual([path, 'nosniff']);
}

describe('security headers on every page, and the private endpoints', () => {
  let w: SecurityWorld;
  let signedIn: Awaited<ReturnType<SecurityWorld['connectedTenant']>>;
  let records: { partner: string; registration: string };
  beforeAll(async () => {
    w = await startSecurityWorld();
    signedIn = await w.connectedTenant('hubspot');
    const partner = await createPartner(w.deps, signedIn.admin, { name: 'Northwind', tier: 'gold', region: 'NA', country: 'US', specialties: [], status: 'active' });
    const submitted = await submitDealRegistration(w.deps, signedIn.admin, DealRegistrationInput.parse(registration(partner.id)));
    records = { partner: partner.id, registration: submitted.registration.id };
  });
  afterAll(() => w.close());

  /** Every page a stranger can reach: the home page, sign-in prompts, record pages, install refusals. */
  const strangerPages = () => [
    '/',
    '/settings',
    '/dashboard',
    `/partners/${records.partner}`,
    `/registrations/${records.registration}`,
    '/conflicts/not-an-id',
    '/oauth/slack/install',
    `/oauth/salesforce/install?tenant=${signedIn.tenantId}`,
    '/oauth/hubspot/callback?code=x&state=forged',
    '/oauth/salesforce/callback?error=access_denied',
    '/portal',
    '/portal/signin',
    '/portal/link/forged-token',
  ];

  it('sends CSP with frame-ancestors and nosniff on every page a stranger can open', async () => {
    for (const path of strangerPages()) {
      const res = await fetch(`${w.url}${path}`, { redirect: 'manual' });
      expect([path, res.status < 500]).toEqual([path, true]);
      expectPageHeaders(res, path);
      // Over plain http no HSTS: it would pin a host that has no https.
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('sends them on every page of a signed-in admin', async () => {
    const paths = ['/settings?tenant=' + signedIn.tenantId, '/dashboard', '/inbox', `/partners/${records.partner}`, `/registrations/${records.registration}`];
    for (const path of paths) {
      const res = await fetch(`${w.url}${path}`, { headers: { cookie: `trellis_session=${signedIn.browser.cookie(w.url, 'trellis_session')}` } });
      expect([path, res.status]).toEqual([path, 200]);
      expectPageHeaders(res, path);
    }
  });

  it('keeps /metrics to the metrics token, and /readyz to a bare status without it', async () => {
    for (const authorization of [undefined, 'Bearer wrong-metrics-token-0123', `Bearer ${SECRETS.admin}`, `Bearer ${(await w.newTenant()).apiKey}`]) {
      const res = await fetch(`${w.url}/metrics`, authorization ? { headers: { authorization } } : {});
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain('trellis_http_requests_total');
      const ready = await fetch(`${w.url}/readyz`, authorization ? { headers: { authorization } } : {});
      expect(await ready.json()).toEqual({ status: 'ready' });
    }
    expect((await fetch(`${w.url}/metrics`, { headers: { authorization: `Bearer ${SECRETS.metrics}` } })).status).toBe(200);
  });
});

describe('security headers behind https', () => {
  it('adds HSTS to pages and API answers when PUBLIC_URL is https', async () => {
    const w = await startSecurityWorld({ PUBLIC_URL: 'https://trellis.example.com' });
    try {
      for (const path of ['/', '/settings', '/api/v1/partners']) {
        const res = await fetch(`${w.url}${path}`);
        expect([path, res.headers.get('strict-transport-security')]).toEqual([path, expect.stringMatching(/max-age=31536000/)]);
      }
      expectPageHeaders(await fetch(`${w.url}/`), '/');
    } finally {
      await w.close();
    }
  });
});

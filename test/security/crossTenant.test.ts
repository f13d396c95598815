import { proxyHubSpotFetch } from '../../src/preview/hubspotFetchProxy';
import { parkDeadLetter } from '../../src/store/deadLetters';
import { issueSalesforceCardSecret } from '../../src/usecases/cardCredentials';
import { createPartner, registration } from '../support/fixtures';
import { cardRoutes, fillPath, hasPathParams, routeName, servedApiRoutes, type ServedRoute } from './routes';
import { SECRETS, startSecurityWorld, type SecurityWorld } from './world';
import { vendorUser } from '../support/sessions';

/** Tenant A's records, whose ids tenant B tries on every route. */
interface Ids {
  partner: string;
  registration: string;
  conflict: string;
  referral: string;
  apiKey: string;
  deadLetter: string;
  user: string;
}

/** How B attacks a route: which of A's ids goes in its `:id`, and a body the route would accept for B's own record. */
type Attack = { id: keyof Ids; body?: unknown } | { exempt: string };

const at = '2026-02-01T09:00:00Z';
const decisions = {
  approve: { id: 'registration', body: {} },
  reject: { id: 'registration', body: { reason: 'not yours' } },
  answer: { id: 'registration', body: { answer: 'An answer to another tenant' } },
} as const;

/**
 * Every route with a path parameter. A new `:param` route fails the first test below until it is
 * added here, with the record it names, or exempted with the reason.
 */
const ATTACKS: Record<string, Attack> = {
  'GET /api/v1/partners/:id': { id: 'partner' },
  'PATCH /api/v1/partners/:id': { id: 'partner', body: { name: 'Taken over' } },
  'GET /api/v1/partners/:id/fit': { id: 'partner' },
  'GET /api/v1/partners/:id/users': { id: 'partner' },
  'POST /api/v1/partners/:id/users': { id: 'partner', body: { email: 'eve@attacker.example', role: 'partner_admin' } },
  'PUT /api/v1/partners/:id/users/:userId': { id: 'partner', body: { role: 'seller' } },
  'DELETE /api/v1/partners/:id/users/:userId': { id: 'partner' },
  'GET /api/v1/partners/:id/health': { id: 'partner' },
  'GET /api/v1/partners/:id/tier-history': { id: 'partner' },
  'GET /api/v1/analytics/partners/:id/deals': { id: 'partner' },
  'POST /api/v1/partners/:id/certifications': { id: 'partner', body: { name: 'Forged exam', holderEmail: 'eve@attacker.example', issuedAt: at } },
  'POST /api/v1/partners/:id/satisfaction': { id: 'partner', body: { score: 1, respondentEmail: 'eve@attacker.example', respondedAt: at } },
  'POST /api/v1/partners/:id/support-cases': { id: 'partner', body: { externalId: 'HD-666', openedAt: at } },
  'POST /api/v1/partners/:id/activity': { id: 'partner', body: { kind: 'portal_login', occurredAt: at } },
  'GET /api/v1/deal-registrations/:id': { id: 'registration' },
  'POST /api/v1/deal-registrations/:id/approve': decisions.approve,
  'POST /api/v1/deal-registrations/:id/reject': decisions.reject,
  'POST /api/v1/deal-registrations/:id/close': { id: 'registration', body: { outcome: 'lost' } },
  'GET /api/v1/conflicts/:id': { id: 'conflict' },
  'POST /api/v1/conflicts/:id/resolve': { id: 'conflict', body: { resolution: 'not_a_conflict' } },
  'GET /api/v1/referrals/:id': { id: 'referral' },
  'POST /api/v1/referrals/:id/accept': { id: 'referral', body: {} },
  'POST /api/v1/referrals/:id/decline': { id: 'referral', body: {} },
  'POST /api/v1/referrals/:id/route': { id: 'referral' },
  'POST /api/v1/referrals/:id/close': { id: 'referral', body: { outcome: 'lost' } },
  'DELETE /api/v1/api-keys/:id': { id: 'apiKey' },
  'PUT /api/v1/users/:id': { id: 'user', body: { role: 'viewer' } },
  'DELETE /api/v1/users/:id': { id: 'user' },
  'POST /api/v1/api-keys/:id/revoke': { id: 'apiKey' },
  'GET /api/v1/sync/dead-letters/:id': { id: 'deadLetter' },
  'POST /api/v1/sync/dead-letters/:id/replay': { id: 'deadLetter' },
  'DELETE /api/v1/connections/:crm': { exempt: 'names a CRM, not a record: the caller can only disconnect its own tenant' },
  'POST /api/cards/hubspot/registrations/:id/approve': decisions.approve,
  'POST /api/cards/hubspot/registrations/:id/reject': decisions.reject,
  'POST /api/cards/salesforce/registrations/:id/approve': decisions.approve,
  'POST /api/cards/salesforce/registrations/:id/reject': decisions.reject,
  'POST /api/cards/hubspot/registrations/:id/details-answer': decisions.answer,
  'POST /api/cards/salesforce/registrations/:id/details-answer': decisions.answer,
};

const MANAGER = 'maria.manager@vendor.example';

describe('cross-tenant ids: tenant B on every route, with tenant A’s ids', () => {
  let w: SecurityWorld;
  let routes: ServedRoute[];
  let a: Awaited<ReturnType<SecurityWorld['newTenant']>>;
  let b: Awaited<ReturnType<SecurityWorld['newTenant']>>;
  let ids: Ids;
  let portal: Awaited<ReturnType<SecurityWorld['connectedTenant']>>;
  /** B calls a route as its kind of caller would: its API key, its HubSpot portal through HubSpot, its org's card secret. */
  let callAsB: (route: ServedRoute, path: string, body: unknown) => Promise<{ status: number; body: unknown }>;

  beforeAll(async () => {
    w = await startSecurityWorld();
    routes = [...(await servedApiRoutes(w.url)), ...cardRoutes(w.deps)];

    a = await w.newTenant('A');
    const na = await createPartner(a, { region: 'NA', managerEmail: MANAGER });
    const emea = await createPartner(a, { region: 'EMEA', country: 'DE', managerEmail: MANAGER });
    const first = await a.post('/api/v1/deal-registrations', registration(na.id));
    const second = await a.post('/api/v1/deal-registrations', registration(emea.id));
    const referral = await a.post('/api/v1/referrals', { company: { name: 'Initech', domain: 'initech.example', country: 'US' }, products: ['analytics'], contactEmail: 'cio@initech.example' });
    const key = await a.post('/api/v1/api-keys', { name: 'A integration' });
    const user = await a.post('/api/v1/users', { email: 'dana@a.example', role: 'partner_manager' });
    await parkDeadLetter(w.db, a.tenantId, 'hubspot', { kind: 'partner', key: 'c:1', reason: 'HubSpot refused the company', details: {} });
    const letters = await a.get('/api/v1/sync/dead-letters');
    ids = {
      partner: na.id,
      registration: first.body.id,
      conflict: second.body.conflicts[0].id,
      referral: referral.body.id,
      apiKey: key.body.apiKey.id,
      deadLetter: letters.body.data[0].id,
      user: user.body.id,
    };
    expect(Object.values(ids).every(Boolean)).toBe(true);

    b = await w.newTenant('B');
    portal = await w.connectedTenant('hubspot');
    const org = await w.connectedTenant('salesforce');
    // The card user is a partner manager in B's workspaces, so nothing but A's ids can refuse them.
    for (const tenantId of [portal.tenantId, org.tenantId]) await vendorUser(w.db, tenantId, MANAGER, 'partner_manager');
    const { secret } = await issueSalesforceCardSecret(w.deps, org.admin);
    callAsB = async (route, path, body) => {
      if (route.path.startsWith('/api/cards/hubspot/')) {
        return proxyHubSpotFetch(SECRETS.hubspot.clientSecret, { portalId: Number(portal.externalAccountId), userId: 1, userEmail: MANAGER }, { url: `${w.url}${path}`, method: route.method, body });
      }
      if (route.path.startsWith('/api/cards/salesforce/')) {
        const res = await fetch(`${w.url}${path}`, {
          method: route.method.toUpperCase(),
          headers: { authorization: `Bearer ${secret}`, 'x-trellis-user-email': MANAGER, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: res.status, body: await res.json() };
      }
      return b.call(route.method.toUpperCase(), path, body);
    };
  });
  afterAll(() => w.close());

  it('knows how to attack every route with a path parameter, and every route it attacks is served', () => {
    const withParams = routes.filter(hasPathParams).map(routeName).sort();
    expect(withParams).toEqual(Object.keys(ATTACKS).sort());
  });

  /** What A sees of its own records, through every route that reads one by id. */
  const aSees = () =>
    Promise.all(
      Object.entries(ATTACKS)
        .filter(([name, attack]) => name.startsWith('GET /api/v1/') && 'id' in attack)
        .map(async ([name, attack]) => [name, (await a.get(fillPath(name.slice(4), { id: ids[(attack as { id: keyof Ids }).id] }))).body]),
    );

  it('answers 404 on each of them, and A’s records are as they were', async () => {
    const before = await aSees();
    // Which keys A has and whether they are revoked (when one was last used moves with A's own calls).
    const keysOfA = async () => (await a.get('/api/v1/api-keys')).body.data.map((k: { id: string; revokedAt: string | null }) => [k.id, k.revokedAt]);
    const keysBefore = await keysOfA();
    const answers: Record<string, string> = {};
    for (const route of routes.filter(hasPathParams)) {
      const attack = ATTACKS[routeName(route)]!;
      if ('exempt' in attack) continue;
      const path = fillPath(route.path, { id: ids[attack.id] });
      const reply = await callAsB(route, path, attack.body);
      answers[routeName(route)] = `${reply.status} ${(reply.body as { error?: { code?: string } } | null)?.error?.code}`;
    }
    // A body the route refused (400) would not prove anything: each attack reached the lookup, and found nothing.
    expect(answers).toEqual(Object.fromEntries(Object.keys(answers).map((name) => [name, '404 not_found'])));
    expect(await aSees()).toEqual(before);
    expect(await keysOfA()).toEqual(keysBefore);
    expect(await w.count('api_keys', 'id = $1 AND revoked_at IS NULL', [ids.apiKey])).toBe(1);
  });

  it('does not take A’s ids in bodies or filters either', async () => {
    const registrationsOfB = () => w.count('deal_registrations', 'tenant_id = $1', [b.tenantId]);
    const asPortal = (path: string, body: unknown) =>
      proxyHubSpotFetch(SECRETS.hubspot.clientSecret, { portalId: Number(portal.externalAccountId), userId: 1, userEmail: MANAGER }, { url: `${w.url}/api/cards/hubspot${path}`, method: 'POST', body });
    const answers = {
      register: await b.post('/api/v1/deal-registrations', registration(ids.partner)),
      check: await b.post('/api/v1/deal-registrations/check', registration(ids.partner)),
      capacity: await b.call('PUT', '/api/v1/routing/rules', { capacity: { partners: { [ids.partner]: 1 } } }),
      cardRegister: await asPortal('/registrations', registration(ids.partner)),
      coSell: await asPortal('/co-sell', { partnerId: ids.partner, customer: { name: 'Globex Corporation' } }),
    };
    // Each names the field: A's partner is not one B has.
    expect(Object.fromEntries(Object.entries(answers).map(([name, r]) => [name, [r.status, (r.body as { error: { details: { path: string[] }[] } }).error.details[0]!.path.at(-1)]]))).toEqual({
      register: [400, 'partnerId'],
      check: [400, 'partnerId'],
      capacity: [400, ids.partner],
      cardRegister: [400, 'partnerId'],
      coSell: [400, 'partnerId'],
    });
    expect(await registrationsOfB()).toBe(0);
    for (const path of [`/api/v1/deal-registrations?partnerId=${ids.partner}`, `/api/v1/conflicts?registrationId=${ids.registration}`, `/api/v1/referrals?partnerId=${ids.partner}`]) {
      expect([path, (await b.get(path)).body]).toEqual([path, { data: [], nextCursor: null }]);
    }
  });

  it('keeps Idempotency-Keys per tenant: B reusing A’s key gets its own result, never A’s', async () => {
    const headers = { 'idempotency-key': 'order-2026-001' };
    const ofA = await a.post('/api/v1/deal-registrations', registration(ids.partner, { customer: { name: 'Umbrella', domain: 'umbrella.example', country: 'US' } }), headers);
    expect(ofA.status).toBe(201);
    const partnerOfB = await createPartner(b, { region: 'NA' });
    const ofB = await b.post('/api/v1/deal-registrations', registration(partnerOfB.id), headers);
    expect(ofB.status).toBe(201);
    expect(ofB.body.id).not.toBe(ofA.body.id);
    expect(ofB.body.partnerId).toBe(partnerOfB.id);
  });
});

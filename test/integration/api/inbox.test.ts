import { DealRegistrationInput } from '../../../src/domain/registration';
import { getConflict } from '../../../src/store/conflicts';
import { getRegistration } from '../../../src/store/registrations';
import { getTenant } from '../../../src/store/tenants';
import { findVendorUserByEmail } from '../../../src/store/vendorUsers';
import { userActor } from '../../../src/usecases/actors';
import { submitDealRegistration } from '../../../src/usecases/submitDealRegistration';
import type { SmtpCatcher } from '../../../sandbox/mail/catcher';
import { createPartner, registration } from '../../support/fixtures';
import { sessionCookie } from '../../support/sessions';
import { eventually, startMailingAlertsWorld, textOf, type AlertsWorld, type SlackTenant } from '../alerts/harness';

/**
 * The approval inbox: a partner manager outside Slack sees what waits, oldest first, filters it
 * in the address, and takes the decisions Slack offers; the Slack message follows each decision.
 */
const REP = 'rita@vendor.com';

describe('approval inbox', () => {
  let world: AlertsWorld;
  let smtp: SmtpCatcher;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ world, smtp, close } = await startMailingAlertsWorld('inbox-test-signing-secret-0123456789abcdef'));
  });
  afterAll(() => close());

  const open = async (path: string, cookie?: string) => {
    const res = await fetch(`${world.trellis.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
    return { status: res.status, html: await res.text() };
  };
  const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)![1]!;
  const submit = async (path: string, cookie: string, fields: Record<string, string>) => {
    const res = await fetch(`${world.trellis.url}${path}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
      redirect: 'manual',
    });
    return { status: res.status, location: res.headers.get('location'), html: await res.text() };
  };
  /** The items the page lists, in order, as `kind:id`. */
  const itemsOf = (html: string) => [...html.matchAll(/data-testid="inbox-item" data-kind="(\w+)" data-id="([^"]+)"/g)].map((m) => `${m[1]}:${m[2]}`);

  /**
   * Northwind (NA) registered Globex four days ago, Contoso EU (EMEA) the same customer three days
   * ago (a cross-region conflict; Rita, a sales rep, registered it from her CRM), Northwind
   * Initech two days ago. Jane and Omar manage every partner; Jane (first by email) is the one
   * each waits for.
   */
  async function workspace() {
    const t: SlackTenant = await world.newTenant();
    const northwind = await createPartner(t.api, { name: 'Northwind Traders', region: 'NA' });
    const contoso = await createPartner(t.api, { name: 'Contoso EU', region: 'EMEA', country: 'GB' });
    const start = world.clock.now();
    const submit = async (partnerId: string, customer: { name: string; domain: string }) => (await t.api.post('/api/v1/deal-registrations', registration(partnerId, { customer: { ...customer, country: 'US' } }))).body;
    const globexNorthwind = await submit(northwind.id, { name: 'Globex Corporation', domain: 'globex.com' });
    world.clock.advanceDays(1);
    await t.api.post('/api/v1/users', { email: REP, displayName: 'Rita Reyes', role: 'sales_rep' });
    const rita = userActor((await getTenant(world.trellis.db, t.tenantId))!, (await findVendorUserByEmail(world.trellis.db, t.tenantId, REP))!);
    const byRita = DealRegistrationInput.parse(registration(contoso.id, { customer: { name: 'Globex Corporation', domain: 'globex.com', country: 'US' } }));
    const globexContoso = await submitDealRegistration(world.deps, rita, byRita).then(({ registration, conflicts }) => ({ id: registration.id, conflicts }));
    world.clock.advanceDays(1);
    const initech = await submit(northwind.id, { name: 'Initech', domain: 'initech.com' });
    world.clock.set(new Date(start.getTime() + 4 * 86_400_000));
    const conflictId = globexContoso.conflicts[0]!.id;
    const jane = await sessionCookie(world.trellis.db, t.tenantId, { email: 'jane@vendor.com' });
    return { t, northwind, contoso, globexNorthwind, globexContoso, initech, conflictId, jane };
  }

  it('lists pending registrations and open conflicts oldest first, with the deal, who it waits for and the evidence', async () => {
    const w = await workspace();
    const page = await open('/inbox', w.jane);
    expect(page.status).toBe(200);
    expect(itemsOf(page.html)).toEqual([
      `registration:${w.globexNorthwind.id}`,
      `registration:${w.globexContoso.id}`,
      `conflict:${w.conflictId}`,
      `registration:${w.initech.id}`,
    ]);
    expect(page.html).toContain('<h1>Approval inbox: 4 waiting');
    expect(page.html).toContain('Waiting for jane@vendor.com for 4 days');
    expect(page.html).toContain('Waiting for jane@vendor.com for 2 days');
    expect(page.html).toContain('$125,000');
    expect(page.html).toContain('Analytics Suite');
    expect(page.html).toContain('Same domain (globex.com)');
    expect(page.html).toContain('Approve Northwind Traders');
    // The navigation of every signed-in page counts what waits.
    expect(page.html).toMatch(/<a href="\/inbox">Inbox <span class="pill" data-testid="inbox-count">4</);
    expect((await open('/dashboard', w.jane)).html).toContain('data-testid="inbox-count">4<');
  });

  it('filters by kind, region, partner and what waits for me, kept in the address', async () => {
    const w = await workspace();
    expect(itemsOf((await open('/inbox?kind=conflicts', w.jane)).html)).toEqual([`conflict:${w.conflictId}`]);
    expect(itemsOf((await open('/inbox?region=EMEA', w.jane)).html)).toEqual([`registration:${w.globexContoso.id}`, `conflict:${w.conflictId}`]);
    expect(itemsOf((await open(`/inbox?kind=registrations&partner=${w.northwind.id}`, w.jane)).html)).toEqual([`registration:${w.globexNorthwind.id}`, `registration:${w.initech.id}`]);
    expect(itemsOf((await open('/inbox?mine=1', w.jane)).html)).toHaveLength(4);
    const omar = await sessionCookie(world.trellis.db, w.t.tenantId, { email: 'omar@vendor.com' });
    const omarsOwn = await open('/inbox?mine=1', omar);
    expect(itemsOf(omarsOwn.html)).toEqual([]);
    expect(omarsOwn.html).toContain('Nothing matches these filters.');
    expect(omarsOwn.html).toContain('<option value="registrations">Registrations</option>');
    const bad = await open('/inbox?region=Mars', w.jane);
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('region:');
  });

  it('approves and rejects from the forms, comes back to the same view with a notice, and redraws the Slack message', async () => {
    const w = await workspace();
    const slackMessage = (customer: string) => eventually(() => w.t.posted().find((m) => textOf(m).includes(`registered *${customer}*`)));
    const initechPost = await slackMessage('Initech');
    const page = await open('/inbox?kind=registrations', w.jane);
    const approved = await submit(`/inbox/registrations/${w.initech.id}/approve`, w.jane, { csrf: csrfOf(page.html), kind: 'registrations' });
    expect(approved.status).toBe(303);
    expect(approved.location).toBe('/inbox?kind=registrations&done=approved');
    expect((await getRegistration(world.trellis.db, w.t.tenantId, w.initech.id))?.status).toBe('approved');
    const after = await open(approved.location!, w.jane);
    expect(after.html).toContain('Registration approved.');
    expect(itemsOf(after.html)).not.toContain(`registration:${w.initech.id}`);
    const redrawn = await eventually(() => w.t.posted().find((m) => m.ts === initechPost.ts && textOf(m).includes('Deal registration approved')));
    expect(textOf(redrawn)).toContain('Approved* by jane@vendor.com');

    const rejected = await submit(`/inbox/registrations/${w.globexNorthwind.id}/reject`, w.jane, { csrf: csrfOf(page.html), reason: 'Globex buys direct from us this year.' });
    expect(rejected.status).toBe(303);
    expect(await getRegistration(world.trellis.db, w.t.tenantId, w.globexNorthwind.id)).toMatchObject({ status: 'rejected', decision: { reason: 'Globex buys direct from us this year.' } });
  });

  it('refuses a rejection without a reason on the page, keeping what was typed and the filters', async () => {
    const w = await workspace();
    const page = await open('/inbox', w.jane);
    const refused = await submit(`/inbox/registrations/${w.initech.id}/reject`, w.jane, { csrf: csrfOf(page.html), reason: ' no', region: 'NA' });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Nothing changed: reason: tell the partner why, in a few words.');
    expect(refused.html).toMatch(new RegExp(`<textarea id="reason-${w.initech.id}" name="reason"[^>]*aria-invalid="true"[^>]*> no</textarea>`));
    expect(refused.html).toContain('<option value="NA" selected>NA</option>');
    expect((await getRegistration(world.trellis.db, w.t.tenantId, w.initech.id))?.status).toBe('pending');
  });

  it('resolves a conflict for the side chosen and asks the partners a question, as the Slack buttons do', async () => {
    const w = await workspace();
    const conflictPost = await eventually(() => w.t.posted().find((m) => textOf(m).includes('channel conflict')));
    const page = await open('/inbox?kind=conflicts', w.jane);
    const asked = await submit(`/inbox/conflicts/${w.conflictId}/ask`, w.jane, { csrf: csrfOf(page.html), question: 'Who first met Globex’s CFO?' });
    expect(asked.status).toBe(303);
    // Asked as Slack's modal asks: Rita, who registered Contoso's side, is mailed a link to answer; Northwind's came through the API.
    const mail = await eventually(() => smtp.messages().find((m) => m.to.includes(REP) && m.text.includes('Who first met Globex’s CFO?')), 30_000);
    expect(mail.subject).toContain('Globex Corporation');
    expect(mail.text).toMatch(/\/answers\/\S+/);
    const withQuestion = await eventually(() => w.t.posted().find((m) => m.ts === conflictPost.ts && textOf(m).includes(`emailed to ${REP}`)));
    expect(textOf(withQuestion)).toContain(`Details requested from Contoso EU by jane@vendor.com · emailed to ${REP}, waiting for an answer`);
    expect(textOf(withQuestion)).toContain('Details requested from Northwind Traders by jane@vendor.com · nobody to email: it was registered through the API');
    const shown = await open(asked.location!, w.jane);
    expect(shown.html).toContain('Your question was sent');
    expect(shown.html).toContain(`by jane@vendor.com · emailed to ${REP}, waiting for an answer`);
    expect(shown.html).toContain('<blockquote>Who first met Globex’s CFO?</blockquote>');

    // The answer comes back to the inbox item, as to the Slack alert.
    const link = `${world.trellis.url}${/\/answers\/\S+/.exec(mail.text)![0]}`;
    const answered = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ answer: 'Rita did, at the March summit.' }) });
    expect(answered.status).toBe(200);
    expect((await open('/inbox?kind=conflicts', w.jane)).html).toContain(`by jane@vendor.com · answered by ${REP}`);

    const noChoice = await submit(`/inbox/conflicts/${w.conflictId}/resolve`, w.jane, { csrf: csrfOf(page.html) });
    expect(noChoice.status).toBe(400);
    expect(noChoice.html).toContain('choose who keeps the customer');

    const resolved = await submit(`/inbox/conflicts/${w.conflictId}/resolve`, w.jane, { csrf: csrfOf(page.html), choice: 'approve_earlier', kind: 'conflicts' });
    expect(resolved.location).toBe('/inbox?kind=conflicts&done=resolved');
    expect(await getConflict(world.trellis.db, w.t.tenantId, w.conflictId)).toMatchObject({ status: 'resolved', resolution: 'existing_wins', resolvedBy: 'jane@vendor.com', resolutionNote: 'decided in the Trellis inbox' });
    expect((await getRegistration(world.trellis.db, w.t.tenantId, w.globexNorthwind.id))?.status).toBe('approved');
    expect((await getRegistration(world.trellis.db, w.t.tenantId, w.globexContoso.id))?.status).toBe('rejected');
    await eventually(() => w.t.posted().find((m) => m.ts === conflictPost.ts && textOf(m).includes('*Resolved* by jane@vendor.com: the earlier registration won')));

    const again = await submit(`/inbox/conflicts/${w.conflictId}/resolve`, w.jane, { csrf: csrfOf(page.html), choice: 'not_a_conflict' });
    expect(again.status).toBe(409);
    expect(again.html).toContain('Nothing changed: this conflict has already been resolved.');
  });

  it('shows a viewer the list read-only and refuses their decisions naming their role', async () => {
    const w = await workspace();
    const viewer = await sessionCookie(world.trellis.db, w.t.tenantId, { email: 'vic@vendor.com', role: 'viewer' });
    const page = await open('/inbox', viewer);
    expect(itemsOf(page.html)).toHaveLength(4);
    expect(page.html).not.toContain('/approve"');
    expect(page.html).toContain('You are signed in as Viewer');
    const refused = await submit(`/inbox/registrations/${w.initech.id}/approve`, viewer, { csrf: csrfOf(page.html) });
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('vic@vendor.com (Viewer)');
    expect((await getRegistration(world.trellis.db, w.t.tenantId, w.initech.id))?.status).toBe('pending');
  });

  it('shows a partner manager scoped to a region only that region, and refuses them the others', async () => {
    const w = await workspace();
    await w.t.api.post('/api/v1/users', { email: 'emma@vendor.com', role: 'partner_manager', scope: { regions: ['EMEA'] } });
    const emma = await sessionCookie(world.trellis.db, w.t.tenantId, { email: 'emma@vendor.com' });
    const page = await open('/inbox', emma);
    // The conflict involves Northwind (NA) too: not hers to decide.
    expect(itemsOf(page.html)).toEqual([`registration:${w.globexContoso.id}`]);
    expect(page.html).toContain('Waiting for emma@vendor.com for 3 days');
    const refused = await submit(`/inbox/registrations/${w.initech.id}/approve`, emma, { csrf: csrfOf(page.html) });
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('does not manage Northwind Traders');
    expect((await getRegistration(world.trellis.db, w.t.tenantId, w.initech.id))?.status).toBe('pending');
  });

  it('keeps to the signed-in workspace, and refuses forms without a session or their token', async () => {
    const w = await workspace();
    const other = await world.newTenant();
    const stranger = await sessionCookie(world.trellis.db, other.tenantId, { email: 'jane@vendor.com' });
    const theirs = await open('/inbox', stranger);
    expect(itemsOf(theirs.html)).toEqual([]);
    const crossed = await submit(`/inbox/registrations/${w.initech.id}/approve`, stranger, { csrf: csrfOf(theirs.html) });
    expect(crossed.status).toBe(404);
    expect((await getRegistration(world.trellis.db, w.t.tenantId, w.initech.id))?.status).toBe('pending');

    expect((await open('/inbox')).status).toBe(401);
    expect((await submit(`/inbox/registrations/${w.initech.id}/approve`, w.jane, { csrf: 'forged' })).status).toBe(403);
    expect((await submit(`/inbox/registrations/${w.initech.id}/approve`, '', {})).status).toBe(401);
    expect((await getRegistration(world.trellis.db, w.t.tenantId, w.initech.id))?.status).toBe('pending');
  });
});

import type { CaughtMail, SmtpCatcher } from '../../../sandbox/mail/catcher';
import { createPartner } from '../../support/fixtures';
import { eventually, startMailingAlertsWorld, type AlertsWorld } from '../alerts/harness';

const LENA = 'lena@alpha-partners.example';

/** A browser of one person: it keeps the portal's cookie between requests, as a browser does. */
function browserAt(base: string) {
  let cookie = '';
  const request = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${base}${path}`, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), ...(cookie && { cookie }) } });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!.endsWith('=') ? '' : set.split(';')[0]!;
    return { status: res.status, location: res.headers.get('location'), html: await res.text() };
  };
  const post = (path: string, form: Record<string, string> = {}) =>
    request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
  return { get: (path: string) => request(path), post };
}

/** The form token a portal page carries. */
const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)![1]!;

describe('partner users: invited by the vendor, signed in by a link mailed to them, removed at once', () => {
  let world: AlertsWorld;
  let smtp: SmtpCatcher;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ world, smtp, close } = await startMailingAlertsWorld('portal-test-signing-secret-0123456789'));
  });
  afterAll(() => close());

  const mailTo = (to: string, subject: string, after = 0) => eventually(() => smtp.messages().slice(after).find((m) => m.to.includes(to) && m.subject.includes(subject)), 30_000);
  const linkIn = (mail: CaughtMail) => /\/portal\/link\/\S+/.exec(mail.text)![0];

  async function invited(email = LENA) {
    const t = await world.newTenant();
    const partner = await createPartner(t.api, { name: 'Alpha Partners' });
    const before = smtp.messages().length;
    const reply = await t.api.post<{ id: string; role: string; firstSignedInAt: string | null }>(`/api/v1/partners/${partner.id}/users`, { email, displayName: 'Lena Vogel', role: 'partner_admin' });
    expect(reply.status).toBe(201);
    const mail = await mailTo(email, 'invited', before);
    return { t, partner, user: reply.body, mail };
  }

  it('mails the invitation; the link asks to continue, signs in once and opens the home of that partner', async () => {
    const { t, partner, user, mail } = await invited();
    expect(mail.text).toContain('invited you to the');
    // Invited through an API key: the vendor invites, not "api-key:…".
    expect(mail.text).not.toContain('api-key:');
    expect(mail.text).toContain('partner portal for Alpha Partners');
    expect(mail.html).toContain(linkIn(mail));

    const lena = browserAt(world.trellis.url);
    // Opening the link (as a mail scanner would) does not use it up.
    expect((await lena.get(linkIn(mail))).html).toContain(`signing in as <strong>${LENA}</strong>`);
    const signedIn = await lena.post(linkIn(mail));
    expect(signedIn).toMatchObject({ status: 303, location: '/portal' });
    const home = await lena.get('/portal');
    expect(home.status).toBe(200);
    expect(home.html).toContain('Partner admin at <strong>Alpha Partners</strong>');
    expect(home.html).toContain('Your team');

    // The link worked once.
    expect((await browserAt(world.trellis.url).post(linkIn(mail))).status).toBe(410);
    const listed = await t.api.get<{ data: { id: string; firstSignedInAt: string | null }[] }>(`/api/v1/partners/${partner.id}/users`);
    expect(listed.body.data).toEqual([expect.objectContaining({ id: user.id, firstSignedInAt: expect.any(String) })]);
  });

  it('a partner admin invites a colleague, who asks for a link on the sign-in page; removing them ends their session at once', async () => {
    const { mail } = await invited('admin@beta-partners.example');
    const admin = browserAt(world.trellis.url);
    await admin.post(linkIn(mail));
    const home = await admin.get('/portal');
    const before = smtp.messages().length;
    const invitedColleague = await admin.post('/portal/team', { csrf: csrfOf(home.html), email: 'sam@beta-partners.example', displayName: 'Sam Berg', role: 'seller' });
    expect(invitedColleague).toMatchObject({ status: 303, location: '/portal?done=invited' });
    await mailTo('sam@beta-partners.example', 'invited', before);

    // Sam asks for a link on the sign-in page rather than using the invitation.
    const sam = browserAt(world.trellis.url);
    const asked = await sam.post('/portal/signin', { email: 'Sam@Beta-Partners.example' });
    expect(asked.html).toContain('a link to sign in is on its way');
    const signInMail = await mailTo('sam@beta-partners.example', 'Your link to sign in', before);
    await sam.post(linkIn(signInMail));
    const samHome = await sam.get('/portal');
    expect(samHome.html).toContain('Seller at <strong>');
    // A seller does not manage the team.
    expect(samHome.html).not.toContain('Your team');
    expect((await sam.post('/portal/team', { csrf: csrfOf(samHome.html), email: 'x@beta-partners.example', role: 'seller' })).status).toBe(403);

    const samId = /action="\/portal\/team\/([0-9a-f-]+)\/remove"/.exec((await admin.get('/portal')).html)![1]!;
    expect((await admin.post(`/portal/team/${samId}/remove`, { csrf: csrfOf(home.html) })).status).toBe(303);
    expect((await sam.get('/portal')).html).toContain('Sign in to your partner portal');
  });

  it('answers a sign-in request the same whether or not the address has access, and mails nobody for an unknown one', async () => {
    const before = smtp.messages().length;
    const stranger = await browserAt(world.trellis.url).post('/portal/signin', { email: 'nobody@nowhere.example' });
    expect(stranger.status).toBe(200);
    expect(stranger.html).toContain('If nobody@nowhere.example has access to a partner portal, a link to sign in is on its way');
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.messages().slice(before).filter((m) => m.to.includes('nobody@nowhere.example'))).toEqual([]);
    expect((await browserAt(world.trellis.url).post('/portal/signin', { email: 'not an address' })).status).toBe(400);
    expect((await browserAt(world.trellis.url).get('/portal/link/forged-token')).status).toBe(410);
  });

  it('refuses a second user with the same email in one program, and a role partners do not have', async () => {
    const { t, partner } = await invited('dup@gamma-partners.example');
    expect((await t.api.post(`/api/v1/partners/${partner.id}/users`, { email: 'DUP@gamma-partners.example', role: 'seller' })).status).toBe(409);
    const bad = await t.api.post(`/api/v1/partners/${partner.id}/users`, { email: 'x@gamma-partners.example', role: 'owner' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('role');
  });
});

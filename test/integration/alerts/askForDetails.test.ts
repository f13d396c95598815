import { DealRegistrationInput } from '../../../src/domain/registration';
import { latestDetailsRequests } from '../../../src/store/detailsRequests';
import { getRegistration } from '../../../src/store/registrations';
import { getTenant } from '../../../src/store/tenants';
import { findVendorUserByEmail } from '../../../src/store/vendorUsers';
import { userActor } from '../../../src/usecases/actors';
import { submitDealRegistration } from '../../../src/usecases/submitDealRegistration';
import type { CaughtMail, SmtpCatcher } from '../../../sandbox/mail/catcher';
import { createPartner, registration } from '../../support/fixtures';
import { buttonsOf, eventually, expectAnswerInThread, startMailingAlertsWorld, textOf, type AlertsWorld, type SlackTenant } from './harness';

const REP = 'rita@vendor.com';

describe('"Ask for details" from a Slack alert, asked by mail and answered through a link', () => {
  let world: AlertsWorld;
  let smtp: SmtpCatcher;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ world, smtp, close } = await startMailingAlertsWorld('details-test-signing-secret-0123456789'));
  });
  afterAll(() => close());

  /** A registration a sales rep submitted (as a CRM card submits it: as the rep), and its Slack alert. */
  async function registeredByRep(customer = 'Globex Corporation') {
    const t = await world.newTenant();
    await t.api.post('/api/v1/users', { email: REP, displayName: 'Rita Reyes', role: 'sales_rep' });
    const partner = await createPartner(t.api, { name: 'Northwind' });
    const tenant = (await getTenant(world.trellis.db, t.tenantId))!;
    const rep = (await findVendorUserByEmail(world.trellis.db, t.tenantId, REP))!;
    const input = DealRegistrationInput.parse(registration(partner.id, { customer: { name: customer, domain: `${customer.split(' ')[0]!.toLowerCase()}.com` } }));
    const { registration: reg } = await submitDealRegistration(world.deps, userActor(tenant, rep), input);
    const message = await eventually(() => t.posted().find((m) => textOf(m).includes('awaiting approval')));
    return { t, registrationId: reg.id, message };
  }

  async function ask(t: SlackTenant, ts: string, registrationId: string, question: string) {
    expect((await t.click(ts, 'registration.ask_details', t.jane.id)).status).toBe(200);
    const view = await eventually(() => world.slack.views().find((v) => v.userId === t.jane.id && String(v.spec.private_metadata).includes(registrationId) && !v.closed));
    return { view, submitted: await world.slack.submitView({ viewId: view.id, values: { question: { question_input: question } } }) };
  }

  const mailAbout = (customer: string) => eventually(() => smtp.messages().find((m) => m.subject.includes(customer)), 30_000);
  /** The link to answer, as the mail's text part carries it, opened on this Trellis. */
  const answerUrl = (mail: CaughtMail) => `${world.trellis.url}${/\/answers\/\S+/.exec(mail.text)![0]}`;
  const answer = (url: string, text: string) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ answer: text }) });

  it('asks in a modal, mails the rep the question with a link, and brings the answer back to the Slack thread', async () => {
    const { t, registrationId, message } = await registeredByRep();
    expect(buttonsOf(message)).toContain('registration.ask_details');
    const { view, submitted } = await ask(t, message.ts, registrationId, 'Which business unit is buying?');
    expect(textOf({ blocks: view.spec.blocks as unknown[] })).toContain('emails the question to whoever submitted');
    expect(submitted.status).toBe(200);

    const stored = await eventually(async () => (await latestDetailsRequests(world.trellis.db, t.tenantId, [registrationId])).get(registrationId));
    expect(stored).toMatchObject({ question: 'Which business unit is buying?', requestedByName: 'Jane Park', recipients: [REP], answer: null });

    const mail = await mailAbout('Globex Corporation');
    expect(mail.to).toEqual([REP]);
    expect(mail.from).toBe('trellis@vendor.com');
    expect(mail.text).toContain('Jane Park has a question about the deal registration for Globex Corporation');
    expect(mail.text).toContain('> Which business unit is buying?');
    expect(mail.text).toContain('Amount: $125,000');
    expect(mail.html).toContain('Which business unit is buying?');
    expect(mail.html).toContain(/\/answers\/\S+/.exec(mail.text)![0]);
    const asked = await eventually(() => t.posted().find((m) => m.ts === message.ts && textOf(m).includes('Details requested')));
    expect(textOf(asked)).toContain(`Details requested by Jane Park · emailed to ${REP}, waiting for an answer`);

    const page = await fetch(answerUrl(mail));
    expect(page.status).toBe(200);
    const form = await page.text();
    expect(form).toContain('Which business unit is buying?');
    expect(form).toContain(`Answering as ${REP}`);
    // The link is a credential: it must not leak to another site through a Referer.
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');

    const sent = await answer(answerUrl(mail), 'The EMEA logistics division, budget approved in Q1.');
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain('Thank you: your answer was sent');
    const answered = (await latestDetailsRequests(world.trellis.db, t.tenantId, [registrationId])).get(registrationId)!;
    expect(answered.answer).toMatchObject({ text: 'The EMEA logistics division, budget approved in Q1.', by: REP });
    expect((await getRegistration(world.trellis.db, t.tenantId, registrationId))!.status).toBe('pending');

    // Still pending: the approver decides now.
    await expectAnswerInThread(t, message.ts, 'The EMEA logistics division, budget approved in Q1.', REP);
  });

  it("also asks the partner's own people who register deals in its portal, each with a link of their own", async () => {
    const { t, registrationId, message } = await registeredByRep('Massive Dynamic');
    const partnerId = (await getRegistration(world.trellis.db, t.tenantId, registrationId))!.partnerId;
    await t.api.post(`/api/v1/partners/${partnerId}/users`, { email: 'seller@northwind-partner.example', role: 'seller' });
    await t.api.post(`/api/v1/partners/${partnerId}/users`, { email: 'marketer@northwind-partner.example', role: 'marketer' });
    await ask(t, message.ts, registrationId, 'Which business unit is buying?');
    const mails = await eventually(() => {
      const about = smtp.messages().filter((m) => m.subject.includes('Massive Dynamic'));
      return about.length >= 2 ? about : undefined;
    }, 30_000);
    expect(mails.map((m) => m.to[0]).sort()).toEqual([REP, 'seller@northwind-partner.example']);
    expect(new Set(mails.map(answerUrl)).size).toBe(2);
  });

  it('refuses a question too short to answer, in the modal', async () => {
    const { t, registrationId, message } = await registeredByRep('Initech Ltd');
    const { submitted } = await ask(t, message.ts, registrationId, 'why');
    expect(submitted.errors).toEqual({ question: 'ask a question of a few words' });
  });

  it('takes one answer per link: a second use, or a forged link, changes nothing', async () => {
    const { t, registrationId, message } = await registeredByRep('Umbrella Corp');
    await ask(t, message.ts, registrationId, 'Is the customer already on a trial?');
    const mail = await mailAbout('Umbrella Corp');
    const url = answerUrl(mail);
    expect((await answer(url, 'Yes, since February.')).status).toBe(200);

    const again = await answer(url, 'Actually no.');
    expect(again.status).toBe(410);
    expect(await again.text()).toContain(`This link was already used: the question was answered by ${REP}`);
    expect((await fetch(url)).status).toBe(410);

    const [id, signature] = url.split('/answers/')[1]!.split('.');
    const forged = [`${id}.${signature!.slice(0, -2)}xx`, `${crypto.randomUUID()}.${signature}`, 'not-a-token'];
    for (const token of forged) {
      const res = await answer(`${world.trellis.url}/answers/${token}`, 'Forged');
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('This link is not valid');
    }
    const stored = (await latestDetailsRequests(world.trellis.db, t.tenantId, [registrationId])).get(registrationId)!;
    expect(stored.answer?.text).toBe('Yes, since February.');
    const replies = () => t.posted().filter((m) => m.threadTs === message.ts && m.ts !== message.ts);
    await eventually(() => replies().length > 0);
    expect(replies().map(textOf).join('\n')).toContain('Yes, since February.');
    expect(replies()).toHaveLength(1);
  });

  it('refuses an expired link with a page that says so and what to do', async () => {
    const { t, registrationId, message } = await registeredByRep('Hooli Inc');
    await ask(t, message.ts, registrationId, 'Who is the economic buyer?');
    const url = answerUrl(await mailAbout('Hooli Inc'));
    world.clock.set('2026-03-17T09:00:01Z');
    try {
      const opened = await fetch(url);
      expect(opened.status).toBe(410);
      const page = await opened.text();
      expect(page).toContain('This link has expired');
      expect(page).toContain('ask the person who sent it to ask again from Slack');
      expect((await answer(url, 'Too late')).status).toBe(410);
    } finally {
      world.clock.set('2026-03-02T09:00:00Z');
    }
    expect((await latestDetailsRequests(world.trellis.db, t.tenantId, [registrationId])).get(registrationId)!.answer).toBeNull();
  });

  it('retries the mail when the mail server refuses for a while, and sends it once', async () => {
    const { t, registrationId, message } = await registeredByRep('Stark Industries');
    smtp.refuseNext(2);
    await ask(t, message.ts, registrationId, 'What is the expected seat count?');
    const mail = await mailAbout('Stark Industries');
    expect(mail.text).toContain('What is the expected seat count?');
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.messages().filter((m) => m.subject.includes('Stark Industries'))).toHaveLength(1);
  }, 60_000);

  it('parks a mail the server refuses for good without retrying it, and goes on mailing the next', async () => {
    const refused = await registeredByRep('Wayne Enterprises');
    smtp.refuseNext(1, 550);
    await ask(refused.t, refused.message.ts, refused.registrationId, 'Is this the same deal as last year?');
    await eventually(async () => {
      const { rows } = await world.trellis.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM details_request_recipients WHERE tenant_id = $1 AND token_hash IS NOT NULL", [refused.t.tenantId]);
      return rows[0]!.n === 1;
    });
    const next = await registeredByRep('Cyberdyne Systems');
    await ask(next.t, next.message.ts, next.registrationId, 'Which products exactly?');
    await mailAbout('Cyberdyne Systems');
    // A retry would have come two seconds after the refusal.
    await new Promise((r) => setTimeout(r, 3000));
    expect(smtp.messages().filter((m) => m.subject.includes('Wayne Enterprises'))).toEqual([]);
    const { rows } = await world.trellis.db.query('SELECT mailed_at FROM details_request_recipients WHERE tenant_id = $1', [refused.t.tenantId]);
    expect(rows).toEqual([{ mailed_at: null }]);
  }, 60_000);
});

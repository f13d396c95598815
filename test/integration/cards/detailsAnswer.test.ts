import { DealRegistrationInput } from '../../../src/domain/registration';
import { saveCrmConnection } from '../../../src/store/connections';
import { latestDetailsRequests } from '../../../src/store/detailsRequests';
import { getTenant } from '../../../src/store/tenants';
import { findVendorUserByEmail } from '../../../src/store/vendorUsers';
import { userActor } from '../../../src/usecases/actors';
import { issueSalesforceCardSecret } from '../../../src/usecases/cardCredentials';
import { submitDealRegistration } from '../../../src/usecases/submitDealRegistration';
import { createPartner, registration } from '../../support/fixtures';
import { eventually, expectAnswerInThread, startAlertsWorld, textOf, type AlertsWorld, type SlackTenant } from '../alerts/harness';

const REP = 'rita@vendor.com';
const VIEWER = 'vic@vendor.com';

describe('answering an approver\'s question from the CRM card', () => {
  let world: AlertsWorld;
  beforeAll(async () => {
    world = await startAlertsWorld('redis');
  });
  afterAll(() => world.close());

  /** A registration Rita submitted, its Slack alert, a question Jane asked from it, and the Salesforce card as any user calls it. */
  async function askedAboutRitasRegistration() {
    const t = await world.newTenant();
    await t.api.post('/api/v1/users', { email: REP, displayName: 'Rita Reyes', role: 'sales_rep' });
    await t.api.post('/api/v1/users', { email: VIEWER, displayName: 'Vic Viewer', role: 'viewer' });
    const partner = await createPartner(t.api, { name: 'Northwind' });
    const tenant = (await getTenant(world.trellis.db, t.tenantId))!;
    const rep = (await findVendorUserByEmail(world.trellis.db, t.tenantId, REP))!;
    const input = DealRegistrationInput.parse(registration(partner.id, { customer: { name: 'Globex Corporation', domain: 'globex.com' } }));
    const { registration: reg } = await submitDealRegistration(world.deps, userActor(tenant, rep), input);
    const message = await eventually(() => t.posted().find((m) => textOf(m).includes('awaiting approval')));
    await ask(t, message.ts, reg.id, 'Which business unit is buying?');
    await eventually(async () => (await latestDetailsRequests(world.trellis.db, t.tenantId, [reg.id])).get(reg.id));

    await saveCrmConnection(world.trellis.db, world.deps.keyring, t.tenantId, 'salesforce', { externalAccountId: `00D${t.tenantId.replace(/-/g, '').slice(0, 15)}`, scopes: [], accessToken: 'a', refreshToken: 'r' });
    const { secret } = await issueSalesforceCardSecret(world.deps, userActor(tenant, rep));
    const card = (email: string) => (path: string, body?: unknown) =>
      fetch(`${world.trellis.url}/api/cards/salesforce${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${secret}`, 'x-trellis-user-email': email, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    return { t, registrationId: reg.id, message, card };
  }

  async function ask(t: SlackTenant, ts: string, registrationId: string, question: string) {
    expect((await t.click(ts, 'registration.ask_details', t.jane.id)).status).toBe(200);
    const view = await eventually(() => world.slack.views().find((v) => v.userId === t.jane.id && String(v.spec.private_metadata).includes(registrationId) && !v.closed));
    expect((await world.slack.submitView({ viewId: view.id, values: { question: { question_input: question } } })).status).toBe(200);
  }

  it('shows the question on the registration, and the answer sent from the card lands on the question and in the Slack thread', async () => {
    const { t, registrationId, message, card } = await askedAboutRitasRegistration();
    const listed = await (await card(REP)('/registrations?name=Globex%20Corporation&domain=globex.com')).json();
    expect(listed.registrations[0].detailsRequest).toEqual({ question: 'Which business unit is buying?', askedBy: 'Jane Park', askedAt: '2026-03-02T09:00:00.000Z', answer: null });

    const sent = await card(REP)(`/registrations/${registrationId}/details-answer`, { answer: 'The EMEA logistics division, budget approved in Q1.' });
    expect(sent.status).toBe(200);
    expect((await sent.json()).registration.detailsRequest.answer).toEqual({ text: 'The EMEA logistics division, budget approved in Q1.', by: REP, at: '2026-03-02T09:00:00.000Z' });
    const stored = (await latestDetailsRequests(world.trellis.db, t.tenantId, [registrationId])).get(registrationId)!;
    expect(stored.answer).toMatchObject({ text: 'The EMEA logistics division, budget approved in Q1.', by: REP });

    await expectAnswerInThread(t, message.ts, 'The EMEA logistics division, budget approved in Q1.', REP);

    // Answered once: a second answer is refused and nothing more reaches the thread.
    const again = await card(REP)(`/registrations/${registrationId}/details-answer`, { answer: 'Actually no.' });
    expect(again.status).toBe(409);
    expect((await again.json()).error.message).toContain(`already answered by ${REP}`);
  });

  it('refuses someone who neither submitted the registration nor may register deals, and an empty answer', async () => {
    const { t, registrationId, card } = await askedAboutRitasRegistration();
    const refused = await card(VIEWER)(`/registrations/${registrationId}/details-answer`, { answer: 'I think logistics.' });
    expect(refused.status).toBe(403);
    const empty = await card(REP)(`/registrations/${registrationId}/details-answer`, { answer: '  ' });
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.details).toEqual([expect.objectContaining({ path: ['answer'] })]);
    expect((await latestDetailsRequests(world.trellis.db, t.tenantId, [registrationId])).get(registrationId)!.answer).toBeNull();
  });
});

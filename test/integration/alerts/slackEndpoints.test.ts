import { signedHeaders, slackSignature } from '../../../sandbox/slack';
import { QUEUE_KINDS } from '../../support/queues';
import { SIGNING_SECRET, startAlertsWorld, type AlertsWorld } from './harness';

describe.each(QUEUE_KINDS)('Slack endpoints refuse what Slack did not send (%s queue)', (queue) => {
  let world: AlertsWorld;
  beforeAll(async () => {
    world = await startAlertsWorld(queue);
  });
  afterAll(() => world.close());

  // Each request differs, so none is a replay of another.
  let n = 0;
  const newChallenge = () => JSON.stringify({ type: 'url_verification', token: 'x', challenge: `c-${++n}` });
  const post = (path: string, body: string, headers: Record<string, string>) =>
    fetch(`${world.trellis.url}${path}`, { method: 'POST', headers, body });

  it('answers a correctly signed request on both endpoints', async () => {
    for (const path of ['/slack/events', '/slack/interactions']) {
      const challenge = newChallenge();
      const res = await post(path, challenge, signedHeaders(SIGNING_SECRET, challenge, 'application/json'));
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ challenge: JSON.parse(challenge).challenge });
    }
  });

  it('refuses a forged signature, a stale timestamp and a replay', async () => {
    const challenge = newChallenge();
    const forged = signedHeaders('not-the-secret', challenge, 'application/json');
    expect((await post('/slack/events', challenge, forged)).status).toBe(401);

    const staleAt = Date.now() - 6 * 60_000;
    const stale = signedHeaders(SIGNING_SECRET, challenge, 'application/json', staleAt);
    expect(stale['X-Slack-Signature']).toBe(slackSignature(SIGNING_SECRET, Math.floor(staleAt / 1000), challenge));
    expect((await post('/slack/events', challenge, stale)).status).toBe(401);

    const fresh = signedHeaders(SIGNING_SECRET, challenge, 'application/json');
    expect((await post('/slack/events', challenge, fresh)).status).toBe(200);
    expect((await post('/slack/events', challenge, fresh)).status).toBe(401);
  });

  it('refuses a click from a workspace without Trellis installed', async () => {
    const body = new URLSearchParams({ payload: JSON.stringify({ type: 'block_actions', team: { id: 'T0NOBODY' }, user: { id: 'U1' }, actions: [] }) }).toString();
    const res = await post('/slack/interactions', body, signedHeaders(SIGNING_SECRET, body, 'application/x-www-form-urlencoded'));
    expect(res.status).not.toBe(200);
  });
});

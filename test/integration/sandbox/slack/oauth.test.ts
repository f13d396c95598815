import { WebClient, type WebAPIPlatformError } from '@slack/web-api';
import { startWorld, type World } from './world';

const REDIRECT = 'http://127.0.0.1:9/slack/oauth_redirect';

let w: World;
let anonymous: WebClient;
beforeAll(async () => {
  w = await startWorld({ rateLimits: { enabled: false } });
  anonymous = new WebClient(undefined, { slackApiUrl: w.slack.apiUrl, retryConfig: { retries: 0 } });
});
afterAll(() => w.slack.close());

/** Submits the consent form as the user's browser would, returning Slack's redirect. */
async function consent(fields: Record<string, string>): Promise<{ status: number; location: URL | null; body: string }> {
  const res = await fetch(`${w.slack.url}/oauth/v2/authorize`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: w.app.clientId, redirect_uri: REDIRECT, decision: 'allow', ...fields }).toString(),
    redirect: 'manual',
  });
  const location = res.headers.get('location');
  return { status: res.status, location: location ? new URL(location) : null, body: await res.text() };
}

async function errorOf(call: Promise<unknown>): Promise<string> {
  return call.then(
    () => 'ok',
    (err: WebAPIPlatformError) => err.data.error,
  );
}

describe('OAuth v2 install', () => {
  it('shows a consent page for the app', async () => {
    const res = await fetch(
      `${w.slack.url}/oauth/v2/authorize?${new URLSearchParams({ client_id: w.app.clientId, scope: 'chat:write,incoming-webhook', redirect_uri: REDIRECT, state: 'st-1' })}`,
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Trellis is requesting permission');
    expect(html).toContain('<form method="post" action="/oauth/v2/authorize">');
    expect(html).toContain(`value="${w.team.id}"`);
    expect(html).toContain('name="channel"');
    expect(html).toContain('value="st-1"');
  });

  it('refuses unknown clients and unregistered redirect URIs before redirecting anywhere', async () => {
    const unknown = await fetch(`${w.slack.url}/oauth/v2/authorize?client_id=nope&scope=chat:write`);
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('invalid_client_id');
    const elsewhere = await fetch(`${w.slack.url}/oauth/v2/authorize?client_id=${w.app.clientId}&redirect_uri=${encodeURIComponent('https://evil.test/cb')}`);
    expect(elsewhere.status).toBe(400);
    expect(await elsewhere.text()).toContain('bad_redirect_uri');
  });

  it('exchanges the code for a bot token through oauth.v2.access', async () => {
    const { status, location } = await consent({ scope: 'chat:write,channels:read,incoming-webhook', state: 'st-2', team: w.team.id, user: w.ada.id, channel: w.deals.id });
    expect(status).toBe(302);
    expect(location?.origin + location!.pathname).toBe(REDIRECT);
    expect(location?.searchParams.get('state')).toBe('st-2');
    const code = location!.searchParams.get('code')!;

    const res = await anonymous.oauth.v2.access({ client_id: w.app.clientId, client_secret: w.app.clientSecret, code, redirect_uri: REDIRECT });
    expect(res).toMatchObject({
      ok: true,
      token_type: 'bot',
      app_id: w.app.id,
      bot_user_id: w.bot.botUserId,
      team: { id: w.team.id, name: 'Acme Partners' },
      enterprise: null,
      authed_user: { id: w.ada.id },
      incoming_webhook: { channel: '#partner-deals', channel_id: w.deals.id },
    });
    expect(res.access_token).toMatch(/^xoxb-/);
    expect(res.scope!.split(',')).toEqual(expect.arrayContaining(['chat:write', 'channels:read', 'incoming-webhook']));

    const client = new WebClient(res.access_token, { slackApiUrl: w.slack.apiUrl });
    expect((await client.auth.test()).team_id).toBe(w.team.id);

    const hook = await fetch(res.incoming_webhook!.url!, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: 'Hello from a webhook' }) });
    expect(await hook.text()).toBe('ok');
    expect(w.slack.messages(w.deals.id).at(-1)).toMatchObject({ text: 'Hello from a webhook', user: w.bot.botUserId });

    // Codes are single-use.
    expect(await errorOf(anonymous.oauth.v2.access({ client_id: w.app.clientId, client_secret: w.app.clientSecret, code, redirect_uri: REDIRECT }))).toBe('invalid_code');
  });

  it('accepts client credentials as HTTP Basic auth', async () => {
    const { location } = await consent({ scope: 'chat:write', team: w.team.id });
    const res = await fetch(`${w.slack.apiUrl}oauth.v2.access`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: `Basic ${Buffer.from(`${w.app.clientId}:${w.app.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ code: location!.searchParams.get('code')!, redirect_uri: REDIRECT }).toString(),
    });
    expect(await res.json()).toMatchObject({ ok: true, token_type: 'bot', team: { id: w.team.id } });
  });

  it('reports bad secrets, unknown clients, bad codes and redirect mismatches', async () => {
    const code = async () => (await consent({ scope: 'chat:write', team: w.team.id })).location!.searchParams.get('code')!;
    const access = (args: Record<string, string>) => errorOf(anonymous.oauth.v2.access({ client_id: w.app.clientId, client_secret: w.app.clientSecret, redirect_uri: REDIRECT, code: 'x', ...args }));
    expect(await access({ code: await code(), client_secret: 'wrong' })).toBe('bad_client_secret');
    expect(await access({ code: await code(), client_id: '123.456' })).toBe('invalid_client_id');
    expect(await access({ code: 'made-up' })).toBe('invalid_code');
    expect(await access({ code: await code(), redirect_uri: 'http://127.0.0.1:9/slack/other' })).toBe('bad_redirect_uri');
  });

  it('redirects with access_denied when the user cancels', async () => {
    const { status, location } = await consent({ scope: 'chat:write', state: 'st-3', team: w.team.id, decision: 'deny' });
    expect(status).toBe(302);
    expect(location?.searchParams.get('error')).toBe('access_denied');
    expect(location?.searchParams.get('state')).toBe('st-3');
    expect(location?.searchParams.get('code')).toBeNull();
  });
});

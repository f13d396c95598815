import { ErrorCode, WebClient, type WebAPIRateLimitedError } from '@slack/web-api';
import { startWorld, type World } from './world';

/**
 * What real workspaces refuse (platform-rules.md §4, K1–K5), driven by `@slack/web-api`.
 * Source keys name the documentation each rule is pinned to.
 */
const errorOf = (p: Promise<unknown>) => p.then(
  () => 'ok',
  (e: { data?: { error?: string } }) => e.data?.error ?? String(e),
);

describe('Slack platform rules', () => {
  let w: World;
  beforeAll(async () => {
    // Slack's real per-minute windows; only the per-channel posting pace is relaxed, to seed history quickly.
    w = await startWorld({ rateLimits: { perChannel: { intervalMs: 1, burst: 100 } } });
  });
  afterAll(() => w.slack.close());

  const clientOf = (token: string) => new WebClient(token, { slackApiUrl: w.slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });

  /** An app of the given distribution, installed with the history scopes, in a channel with 20 messages. */
  async function historyReader(distribution: 'commercial' | 'marketplace' | 'internal') {
    const app = w.slack.registerApp({ name: `Reader ${distribution}`, distribution });
    const client = clientOf(w.slack.install(app.id, w.team.id, { scopes: ['chat:write', 'channels:history', 'channels:read'] }));
    const channel = w.slack.addChannel({ team: w.team.id, name: `history-${distribution}`, members: [w.ada.id] });
    w.slack.joinChannel(channel.id, [w.slack.installation(app.id, w.team.id).botUserId]);
    const parent = await client.chat.postMessage({ channel: channel.id, text: 'thread start' });
    for (let i = 1; i < 20; i++) await client.chat.postMessage({ channel: channel.id, text: `reply ${i}`, thread_ts: parent.ts! });
    for (let i = 1; i < 20; i++) await client.chat.postMessage({ channel: channel.id, text: `message ${i}` });
    return { client, channel: channel.id, parentTs: parent.ts! };
  }

  it('K1 [sl-rl, zc]: a commercial app outside the Marketplace reads history once a minute, 15 messages at most', async () => {
    const { client, channel, parentTs } = await historyReader('commercial');
    const history = await client.conversations.history({ channel, limit: 200 });
    expect(history.messages).toHaveLength(15);
    expect(history.messages?.[0]?.text).toBe('message 19');
    expect(history.has_more).toBe(true);
    const again = (await client.conversations.history({ channel }).catch((e: unknown) => e)) as WebAPIRateLimitedError;
    expect(again.code).toBe(ErrorCode.RateLimitedError);
    expect(again.retryAfter).toBeGreaterThan(50);

    // conversations.replies has its own minute and the same cap.
    const replies = await client.conversations.replies({ channel, ts: parentTs, limit: 100 });
    expect(replies.messages).toHaveLength(15);
    expect(replies.messages?.[0]?.text).toBe('thread start');
    expect(replies.has_more).toBe(true);
    const repliesAgain = (await client.conversations.replies({ channel, ts: parentTs }).catch((e: unknown) => e)) as WebAPIRateLimitedError;
    expect(repliesAgain.code).toBe(ErrorCode.RateLimitedError);
  });

  it('K1 [sl-rl]: Marketplace and internal apps keep the method tier and the full limit', async () => {
    for (const distribution of ['marketplace', 'internal'] as const) {
      const { client, channel, parentTs } = await historyReader(distribution);
      expect((await client.conversations.history({ channel, limit: 200 })).messages).toHaveLength(20);
      expect((await client.conversations.history({ channel, limit: 5 })).messages).toHaveLength(5);
      expect((await client.conversations.replies({ channel, ts: parentTs, limit: 100 })).messages).toHaveLength(20);
    }
  });

  it('K1: history needs the history scope of the conversation type, whatever the distribution', async () => {
    expect(await errorOf(w.client.conversations.history({ channel: w.deals.id }))).toBe('missing_scope');
    expect(await errorOf(w.client.conversations.replies({ channel: w.deals.id, ts: '1.000001' }))).toBe('missing_scope');
  });

  it('K2 [sl-int]: a response_url takes 5 posts, then is used up; after 30 minutes it has expired', async () => {
    // No app listens: the click is still delivered with a response_url, which is all this rule needs.
    w.slack.updateApp(w.app.id, { interactivityUrl: 'http://127.0.0.1:9/slack/interactions' });
    const blocks = [{ type: 'actions', elements: [{ type: 'button', action_id: 'ok', text: { type: 'plain_text', text: 'Ok' } }] }];
    const respond = (url: string, n: number) =>
      fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: `answer ${n}` }) });
    const click = async () => {
      const posted = await w.client.chat.postMessage({ channel: w.deals.id, text: 'x', blocks });
      return (await w.slack.click({ team: w.team.id, user: w.ada.id, channel: w.deals.id, ts: posted.ts!, actionId: 'ok' })).responseUrl;
    };

    const url = await click();
    for (let n = 1; n <= 5; n++) expect((await respond(url, n)).status).toBe(200);
    const sixth = await respond(url, 6);
    expect(sixth.status).toBe(404);
    expect(await sixth.json()).toEqual({ ok: false, error: 'used_url' });

    const later = await click();
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
    try {
      jest.setSystemTime(Date.now() + 30 * 60_000 + 1000);
      const expired = await respond(later, 1);
      expect(expired.status).toBe(404);
      expect(await expired.json()).toEqual({ ok: false, error: 'expired_url' });
    } finally {
      jest.useRealTimers();
    }
  });

  it('K3 [sl-mod, slkit]: chat.update refuses ephemeral messages and messages of others, and unknown ts', async () => {
    const ephemeral = await w.client.chat.postEphemeral({ channel: w.deals.id, user: w.ada.id, text: 'only Ada' });
    expect(await errorOf(w.client.chat.update({ channel: w.deals.id, ts: ephemeral.message_ts!, text: 'edited' }))).toBe('cant_update_message');
    const other = w.slack.registerApp({ name: 'Someone else' });
    const theirs = await clientOf(w.slack.install(other.id, w.team.id)).chat.postMessage({ channel: w.deals.id, text: 'theirs' });
    expect(await errorOf(w.client.chat.update({ channel: w.deals.id, ts: theirs.ts!, text: 'mine' }))).toBe('cant_update_message');
    expect(await errorOf(w.client.chat.update({ channel: w.deals.id, ts: '1700000000.000001', text: 'x' }))).toBe('message_not_found');
    expect(w.slack.messages(w.deals.id).find((m) => m.ts === theirs.ts)?.text).toBe('theirs');
  });

  it('K4 [sl-cwp, srref]: posting where the bot is not a member needs a public channel and chat:write.public', async () => {
    const lobby = w.slack.addChannel({ team: w.team.id, name: 'lobby', members: [w.ada.id] });
    const app = w.slack.registerApp({ name: 'Member only' });
    const memberOnly = clientOf(w.slack.install(app.id, w.team.id, { scopes: ['chat:write'] }));
    expect(await errorOf(memberOnly.chat.postMessage({ channel: lobby.id, text: 'hi' }))).toBe('not_in_channel');
    // w.client has chat:write.public: public channels are open, private ones do not exist for it.
    expect(await errorOf(w.client.chat.postMessage({ channel: lobby.id, text: 'hi' }))).toBe('ok');
    expect(await errorOf(w.client.chat.postMessage({ channel: w.secret.id, text: 'hi' }))).toBe('channel_not_found');
  });

  it('K5: conversations.info needs channels:read for public channels and groups:read for private ones (UNCONFIRMED mapping)', async () => {
    const app = w.slack.registerApp({ name: 'Poster' });
    const poster = clientOf(w.slack.install(app.id, w.team.id, { scopes: ['chat:write'] }));
    const res = (await poster.conversations.info({ channel: w.deals.id }).catch((e: unknown) => e)) as { data: Record<string, unknown> };
    expect(res.data).toMatchObject({ ok: false, error: 'missing_scope', needed: 'channels:read', provided: 'chat:write' });

    const privateReader = w.slack.registerApp({ name: 'Private reader' });
    const reader = clientOf(w.slack.install(privateReader.id, w.team.id, { scopes: ['chat:write', 'channels:read'] }));
    w.slack.joinChannel(w.secret.id, [w.slack.installation(privateReader.id, w.team.id).botUserId]);
    expect((await reader.conversations.info({ channel: w.deals.id })).channel?.name).toBe('partner-deals');
    expect(await errorOf(reader.conversations.info({ channel: w.secret.id }))).toBe('missing_scope');
  });
});

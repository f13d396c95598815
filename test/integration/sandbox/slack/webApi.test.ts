import { ErrorCode, WebClient, type View, type WebAPIPlatformError } from '@slack/web-api';
import { approveBlocks, startWorld, type World } from './world';

let w: World;
beforeAll(async () => {
  // Limits have their own suite; here they would only slow the contract checks down.
  w = await startWorld({ rateLimits: { enabled: false } });
});
afterAll(() => w.slack.close());

/** The Slack error code the WebClient surfaced, or 'ok'. */
async function errorOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (err) {
    const e = err as WebAPIPlatformError;
    expect(e.code).toBe(ErrorCode.PlatformError);
    return e.data.error;
  }
}

const clientWith = (token?: string) => new WebClient(token, { slackApiUrl: w.slack.apiUrl, retryConfig: { retries: 0 } });

describe('auth', () => {
  it('auth.test describes the bot', async () => {
    const res = await w.client.auth.test();
    expect(res).toMatchObject({ ok: true, team_id: w.team.id, team: 'Acme Partners', user_id: w.bot.botUserId, bot_id: w.bot.botId });
  });

  it('refuses missing, unknown and revoked tokens', async () => {
    expect(await errorOf(clientWith().auth.test())).toBe('not_authed');
    expect(await errorOf(clientWith('xoxb-1-2-nope').auth.test())).toBe('invalid_auth');
    const other = w.slack.registerApp({ name: 'Short-lived' });
    const token = w.slack.install(other.id, w.team.id);
    w.slack.uninstall(other.id, w.team.id);
    expect(await errorOf(clientWith(token).auth.test())).toBe('token_revoked');
  });

  it('takes the token from the form body too, but not from a JSON body', async () => {
    const form = await fetch(`${w.slack.apiUrl}auth.test`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: w.token }).toString(),
    });
    expect(await form.json()).toMatchObject({ ok: true, team_id: w.team.id });
    const json = await fetch(`${w.slack.apiUrl}auth.test`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: w.token }),
    });
    expect(await json.json()).toEqual({ ok: false, error: 'not_authed' });
  });

  it('answers unknown methods like Slack', async () => {
    const res = await fetch(`${w.slack.apiUrl}chat.teleport`, { method: 'POST', headers: { Authorization: `Bearer ${w.token}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: false, error: 'unknown_method', req_method: 'chat.teleport' });
  });
});

describe('chat.postMessage', () => {
  it('posts blocks and returns channel, ts and the message', async () => {
    const res = await w.client.chat.postMessage({ channel: w.deals.id, text: 'New deal registration', blocks: approveBlocks() });
    expect(res).toMatchObject({ ok: true, channel: w.deals.id, message: { text: 'New deal registration', bot_id: w.bot.botId, user: w.bot.botUserId } });
    expect(res.ts).toMatch(/^\d{10}\.\d{6}$/);
    const [recorded] = w.slack.messages(w.deals.id).filter((m) => m.ts === res.ts);
    expect(recorded?.blocks).toHaveLength(2);
  });

  it('accepts JSON bodies and warns about a missing charset as Slack does', async () => {
    const res = await fetch(`${w.slack.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${w.token}` },
      body: JSON.stringify({ channel: w.deals.id, text: 'json' }),
    });
    expect(await res.json()).toMatchObject({ ok: true, warning: 'missing_charset', response_metadata: { warnings: ['missing_charset'] } });
    const withCharset = await fetch(`${w.slack.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8', Authorization: `Bearer ${w.token}` },
      body: JSON.stringify({ channel: w.deals.id, text: 'json', blocks: approveBlocks() }),
    });
    const body = await withCharset.json();
    expect(body.ok).toBe(true);
    expect(body.warning).toBeUndefined();
  });

  it('opens a DM when posting to a user id', async () => {
    const res = await w.client.chat.postMessage({ channel: w.ada.id, text: 'Your registration was approved' });
    expect(res.channel).toMatch(/^D/);
    const again = await w.client.chat.postMessage({ channel: w.ada.id, text: 'again' });
    expect(again.channel).toBe(res.channel);
    expect(w.slack.messages(res.channel!).map((m) => m.text)).toEqual(['Your registration was approved', 'again']);
  });

  it('reports channel errors', async () => {
    expect(await errorOf(w.client.chat.postMessage({ channel: 'C999999', text: 'x' }))).toBe('channel_not_found');
    // A private channel the bot is not in does not exist for it.
    expect(await errorOf(w.client.chat.postMessage({ channel: w.secret.id, text: 'x' }))).toBe('channel_not_found');
    const app = w.slack.registerApp({ name: 'No public write' });
    const token = w.slack.install(app.id, w.team.id, { scopes: ['chat:write'] });
    expect(await errorOf(clientWith(token).chat.postMessage({ channel: w.deals.id, text: 'x' }))).toBe('not_in_channel');
    const noWrite = w.slack.registerApp({ name: 'Read only' });
    const readToken = w.slack.install(noWrite.id, w.team.id, { scopes: ['channels:read'] });
    try {
      await clientWith(readToken).chat.postMessage({ channel: w.deals.id, text: 'x' });
      throw new Error('expected missing_scope');
    } catch (err) {
      expect((err as WebAPIPlatformError).data).toMatchObject({ error: 'missing_scope', needed: 'chat:write', provided: 'channels:read' });
    }
  });

  it('needs text, blocks or attachments, and a channel', async () => {
    expect(await errorOf(w.client.chat.postMessage({ channel: w.deals.id } as never))).toBe('no_text');
    expect(await errorOf(w.client.chat.postMessage({ text: 'x' } as never))).toBe('invalid_arguments');
    expect(await errorOf(w.client.chat.postMessage({ channel: w.deals.id, text: 'x'.repeat(40_001) }))).toBe('msg_too_long');
  });
});

describe('Block Kit validation', () => {
  const button = (extra: Record<string, unknown>) => ({ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'Go' }, ...extra });
  const post = (blocks: unknown[]) => w.client.chat.postMessage({ channel: w.deals.id, text: 'fallback', blocks: blocks as never });

  it.each([
    ['an unknown block type', [{ type: 'carousel' }]],
    ['a section without text or fields', [{ type: 'section' }]],
    ['button text over 75 characters', [{ type: 'actions', elements: [button({ text: { type: 'plain_text', text: 'x'.repeat(76) } })] }]],
    ['button text in mrkdwn', [{ type: 'actions', elements: [button({ text: { type: 'mrkdwn', text: 'Go' } })] }]],
    ['a button value over 2000 characters', [{ type: 'actions', elements: [button({ value: 'v'.repeat(2001) })] }]],
    ['a button without action_id', [{ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Go' } }] }]],
    ['an empty actions block', [{ type: 'actions', elements: [] }]],
    ['26 elements in an actions block', [{ type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button({ action_id: `a${i}` })) }]],
    ['51 blocks', Array.from({ length: 51 }, () => ({ type: 'divider' }))],
    ['duplicate block ids', [{ type: 'divider', block_id: 'x' }, { type: 'divider', block_id: 'x' }]],
    ['a bad button style', [{ type: 'actions', elements: [button({ style: 'loud' })] }]],
  ])('rejects %s with invalid_blocks', async (_name, blocks) => {
    try {
      await post(blocks);
      throw new Error('expected invalid_blocks');
    } catch (err) {
      const data = (err as WebAPIPlatformError).data as unknown as { error: string; errors: string[]; response_metadata: { messages: string[] } };
      expect(data.error).toBe('invalid_blocks');
      expect(data.errors[0]).toMatch(/\[json-pointer:\/blocks/);
      expect(data.response_metadata.messages[0]).toMatch(/^\[ERROR\] /);
    }
  });

  it('accepts the limits exactly', async () => {
    const blocks = [
      { type: 'actions', elements: Array.from({ length: 25 }, (_, i) => button({ action_id: `a${i}`, text: { type: 'plain_text', text: 'x'.repeat(75) }, value: 'v'.repeat(2000) })) },
      ...Array.from({ length: 49 }, () => ({ type: 'divider' })),
    ];
    expect((await post(blocks)).ok).toBe(true);
  });

  it('rejects blocks that are not a JSON array', async () => {
    const res = await fetch(`${w.slack.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Bearer ${w.token}` },
      body: new URLSearchParams({ channel: w.deals.id, blocks: '[{"type":' }).toString(),
    });
    expect(await res.json()).toEqual({ ok: false, error: 'invalid_blocks_format' });
  });
});

describe('chat.update, chat.postEphemeral, chat.getPermalink', () => {
  it('updates its own message and keeps the history', async () => {
    const posted = await w.client.chat.postMessage({ channel: w.deals.id, text: 'pending', blocks: approveBlocks() });
    const updated = await w.client.chat.update({ channel: w.deals.id, ts: posted.ts!, text: 'approved', blocks: [] });
    expect(updated).toMatchObject({ ok: true, channel: w.deals.id, ts: posted.ts, text: 'approved' });
    const [message] = w.slack.messages(w.deals.id).filter((m) => m.ts === posted.ts);
    expect(message?.revisions.map((r) => [r.kind, r.text])).toEqual([
      ['posted', 'pending'],
      ['updated', 'approved'],
    ]);
  });

  it('refuses unknown messages and messages of others', async () => {
    expect(await errorOf(w.client.chat.update({ channel: w.deals.id, ts: '1.000001', text: 'x' }))).toBe('message_not_found');
    expect(await errorOf(w.client.chat.update({ channel: 'C999999', ts: '1.000001', text: 'x' }))).toBe('channel_not_found');
    const other = w.slack.registerApp({ name: 'Other' });
    const otherClient = clientWith(w.slack.install(other.id, w.team.id));
    const theirs = await otherClient.chat.postMessage({ channel: w.deals.id, text: 'theirs' });
    expect(await errorOf(w.client.chat.update({ channel: w.deals.id, ts: theirs.ts!, text: 'mine now' }))).toBe('cant_update_message');
  });

  it('posts ephemeral messages to channel members only', async () => {
    const res = await w.client.chat.postEphemeral({ channel: w.deals.id, user: w.bob.id, text: 'only for Bob' });
    expect(res.message_ts).toMatch(/^\d+\.\d{6}$/);
    const message = w.slack.messages(w.deals.id).find((m) => m.ts === res.message_ts);
    expect(message?.ephemeralTo).toBe(w.bob.id);
    const carol = w.slack.addUser({ team: w.team.id, name: 'carol' });
    expect(await errorOf(w.client.chat.postEphemeral({ channel: w.deals.id, user: carol.id, text: 'x' }))).toBe('user_not_in_channel');
  });

  it('builds permalinks', async () => {
    const posted = await w.client.chat.postMessage({ channel: w.deals.id, text: 'link me' });
    const res = await w.client.chat.getPermalink({ channel: w.deals.id, message_ts: posted.ts! });
    expect(res.permalink).toBe(`https://acme-partners.slack.com/archives/${w.deals.id}/p${posted.ts!.replace('.', '')}`);
    expect(await errorOf(w.client.chat.getPermalink({ channel: w.deals.id, message_ts: '1.000002' }))).toBe('message_not_found');
  });
});

describe('users', () => {
  it('looks people up by email and id', async () => {
    const byEmail = await w.client.users.lookupByEmail({ email: 'ADA@acme.test' });
    expect(byEmail.user).toMatchObject({ id: w.ada.id, name: 'ada', real_name: 'Ada Lovelace', profile: { email: 'ada@acme.test' } });
    const info = await w.client.users.info({ user: w.bob.id });
    expect(info.user).toMatchObject({ id: w.bob.id, team_id: w.team.id, is_bot: false });
  });

  it('reports unknown people', async () => {
    expect(await errorOf(w.client.users.lookupByEmail({ email: 'nobody@acme.test' }))).toBe('users_not_found');
    expect(await errorOf(w.client.users.info({ user: 'U999999' }))).toBe('user_not_found');
  });

  it('hides emails without users:read.email', async () => {
    const app = w.slack.registerApp({ name: 'Directory' });
    const client = clientWith(w.slack.install(app.id, w.team.id, { scopes: ['users:read'] }));
    const info = await client.users.info({ user: w.ada.id });
    expect((info.user as { profile: Record<string, unknown> }).profile.email).toBeUndefined();
    expect(await errorOf(client.users.lookupByEmail({ email: 'ada@acme.test' }))).toBe('missing_scope');
  });
});

describe('conversations', () => {
  it('pages through channels with cursors and filters by type', async () => {
    for (let i = 0; i < 5; i++) w.slack.addChannel({ team: w.team.id, name: `region-${i}` });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await w.client.conversations.list({ limit: 3, cursor });
      seen.push(...page.channels!.map((c) => c.name!));
      cursor = page.response_metadata?.next_cursor || undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBeGreaterThan(2);
    expect(seen).toEqual(expect.arrayContaining(['general', 'partner-deals', 'region-0', 'region-4']));
    expect(seen).not.toContain('exec-only');
    expect(new Set(seen).size).toBe(seen.length);

    // Private channels appear once the bot is a member.
    w.slack.joinChannel(w.secret.id, [w.bot.botUserId]);
    const privateOnly = await w.client.conversations.list({ types: 'private_channel' });
    expect(privateOnly.channels!.map((c) => c.name)).toEqual(['exec-only']);
    expect(await errorOf(w.client.conversations.list({ cursor: 'bm9wZQ==' }))).toBe('invalid_cursor');
  });

  it('describes and joins channels', async () => {
    const channel = w.slack.addChannel({ team: w.team.id, name: 'co-sell' });
    const info = await w.client.conversations.info({ channel: channel.id });
    expect(info.channel).toMatchObject({ id: channel.id, name: 'co-sell', is_private: false, is_member: false });
    const joined = await w.client.conversations.join({ channel: channel.id });
    expect(joined.channel).toMatchObject({ id: channel.id, is_member: true });
    const again = await w.client.conversations.join({ channel: channel.id });
    expect(again).toMatchObject({ ok: true, warning: 'already_in_channel' });
    expect(await errorOf(w.client.conversations.info({ channel: 'C999999' }))).toBe('channel_not_found');
    const hidden = w.slack.addChannel({ team: w.team.id, name: 'board', isPrivate: true, members: [w.ada.id] });
    expect(await errorOf(w.client.conversations.join({ channel: hidden.id }))).toBe('channel_not_found');
  });
});

describe('views', () => {
  it('refuses unknown trigger ids and invalid views', async () => {
    const modal: View = { type: 'modal', title: { type: 'plain_text', text: 'Reject deal' }, blocks: [] };
    expect(await errorOf(w.client.views.open({ trigger_id: '123.456.abc', view: modal }))).toBe('invalid_trigger_id');
    const tooLong: View = { ...modal, title: { type: 'plain_text', text: 'A title that is far too long for Slack' } };
    expect(await errorOf(w.client.views.open({ trigger_id: '123.456.abc', view: tooLong }))).toBe('invalid_arguments');
    expect(await errorOf(w.client.views.update({ view_id: 'V999', view: modal }))).toBe('not_found');
  });
});

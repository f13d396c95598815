import { App, ExpressReceiver, LogLevel, type BlockButtonAction } from '@slack/bolt';
import type { WebAPIPlatformError } from '@slack/web-api';
import express from 'express';
import { listen, type RunningServer } from '../../../../sandbox/shared/http';
import { approveBlocks, startWorld, type World } from './world';

/** A real Bolt app behind an ExpressReceiver on a local port, talking to the emulator. */
async function startBolt(w: World, signingSecret: string, register: (app: App) => void) {
  const web = express();
  const receiver = new ExpressReceiver({ signingSecret, logLevel: LogLevel.ERROR, app: web });
  const app = new App({ token: w.token, receiver, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: w.slack.apiUrl } });
  register(app);
  const server: RunningServer = await listen(web);
  return { app, server, url: `${server.url}/slack/events` };
}

/** Resolves when a listener says it is done, so tests can wait past the ack. */
function signal<T = void>() {
  let resolve!: (value: T) => void;
  const done = new Promise<T>((r) => (resolve = r));
  return { done, resolve };
}

const rejectModal = (channel: string, ts: string) => ({
  type: 'modal' as const,
  callback_id: 'reject_reason',
  private_metadata: `${channel}|${ts}`,
  title: { type: 'plain_text' as const, text: 'Reject registration' },
  submit: { type: 'plain_text' as const, text: 'Reject' },
  blocks: [
    {
      type: 'input' as const,
      block_id: 'reason',
      label: { type: 'plain_text' as const, text: 'Why?' },
      element: { type: 'plain_text_input' as const, action_id: 'reason_input' },
    },
    {
      type: 'input' as const,
      block_id: 'category',
      optional: true,
      label: { type: 'plain_text' as const, text: 'Category' },
      element: {
        type: 'static_select' as const,
        action_id: 'pick',
        options: [
          { text: { type: 'plain_text' as const, text: 'Channel conflict' }, value: 'conflict' },
          { text: { type: 'plain_text' as const, text: 'Duplicate' }, value: 'duplicate' },
        ],
      },
    },
  ],
});

describe('a Bolt app against the emulator', () => {
  let w: World;
  let bolt: Awaited<ReturnType<typeof startBolt>>;
  let approved = signal<string>();
  let submitted = signal<Record<string, unknown>>();

  beforeAll(async () => {
    w = await startWorld({ rateLimits: { enabled: false } });
    bolt = await startBolt(w, w.app.signingSecret, (app) => {
      app.action<BlockButtonAction>('approve', async ({ ack, body, action, client, respond }) => {
        await ack();
        await client.chat.update({
          channel: body.channel!.id,
          ts: body.message!.ts,
          text: `Approved ${action.value}`,
          blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `:white_check_mark: Approved by <@${body.user.id}>` } }],
        });
        await respond({ response_type: 'ephemeral', text: `You approved ${action.value}` });
        approved.resolve(action.value!);
      });
      app.action('noop', async ({ ack }) => ack());
      app.action<BlockButtonAction>('reject', async ({ ack, body, client }) => {
        await ack();
        await client.views.open({ trigger_id: body.trigger_id, view: rejectModal(body.channel!.id, body.message!.ts) });
      });
      app.view('reject_reason', async ({ ack, view, client }) => {
        const reason = view.state.values.reason!.reason_input!.value ?? '';
        if (reason.length < 5) {
          await ack({ response_action: 'errors', errors: { reason: 'Tell the partner a bit more' } });
          return;
        }
        await ack();
        const [channel, ts] = view.private_metadata.split('|');
        await client.chat.update({ channel: channel!, ts: ts!, text: `Rejected: ${reason}`, blocks: [] });
        submitted.resolve(view.state.values as Record<string, unknown>);
      });
    });
    w.slack.updateApp(w.app.id, { interactivityUrl: bolt.url });
  });

  afterAll(async () => {
    await bolt.server.close();
    await w.slack.close();
  });

  it('receives a signed click, updates the message and responds through response_url', async () => {
    approved = signal<string>();
    const posted = await w.client.chat.postMessage({ channel: w.deals.id, text: 'New registration', blocks: approveBlocks('reg-42') });
    const result = await w.slack.click({ team: w.team.id, user: w.ada.id, channel: w.deals.id, ts: posted.ts!, actionId: 'approve' });
    expect(result.status).toBe(200); // Bolt verified the signature and acked
    expect(result.payload).toMatchObject({
      type: 'block_actions',
      api_app_id: w.app.id,
      team: { id: w.team.id, domain: 'acme-partners' },
      user: { id: w.ada.id, username: 'ada', team_id: w.team.id },
      container: { type: 'message', message_ts: posted.ts, channel_id: w.deals.id, is_ephemeral: false },
      channel: { id: w.deals.id, name: 'partner-deals' },
      message: { ts: posted.ts, text: 'New registration' },
      actions: [{ type: 'button', block_id: 'decision', action_id: 'approve', value: 'reg-42', text: { type: 'plain_text', text: 'Approve' } }],
      state: { values: {} },
    });
    expect(result.responseUrl.startsWith(w.slack.url)).toBe(true);
    expect(await approved.done).toBe('reg-42');

    const messages = w.slack.messages(w.deals.id);
    const original = messages.find((m) => m.ts === posted.ts)!;
    expect(original.text).toBe('Approved reg-42');
    expect(original.revisions.map((r) => r.kind)).toEqual(['posted', 'updated']);
    const ephemeral = messages.find((m) => m.ephemeralTo === w.ada.id && m.text === 'You approved reg-42');
    expect(ephemeral?.revisions[0]?.source).toBe('response_url');
  });

  it('opens a modal from the click and delivers its view_submission to app.view', async () => {
    submitted = signal<Record<string, unknown>>();
    const posted = await w.client.chat.postMessage({ channel: w.deals.id, text: 'Another registration', blocks: approveBlocks('reg-7') });
    const click = await w.slack.click({ team: w.team.id, user: w.bob.id, channel: w.deals.id, ts: posted.ts!, actionId: 'reject' });
    expect(click.status).toBe(200);
    const view = await waitFor(() => w.slack.views().find((v) => v.spec.private_metadata === `${w.deals.id}|${posted.ts}`));
    expect(view.userId).toBe(w.bob.id);

    await expect(w.slack.submitView({ viewId: view.id, values: {} })).rejects.toThrow(/required/);

    const tooShort = await w.slack.submitView({ viewId: view.id, values: { reason: { reason_input: 'no' } } });
    expect(tooShort).toMatchObject({ status: 200, responseAction: 'errors', errors: { reason: 'Tell the partner a bit more' } });

    const done = await w.slack.submitView({
      viewId: view.id,
      user: w.bob.id,
      values: { reason: { reason_input: 'Overlaps a direct deal' }, category: { pick: 'conflict' } },
    });
    expect(done.status).toBe(200);
    expect(done.payload).toMatchObject({ type: 'view_submission', user: { id: w.bob.id }, view: { id: view.id, callback_id: 'reject_reason' } });
    expect(await submitted.done).toEqual({
      reason: { reason_input: { type: 'plain_text_input', value: 'Overlaps a direct deal' } },
      category: { pick: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'Channel conflict' }, value: 'conflict' } } },
    });
    expect(w.slack.views().find((v) => v.id === view.id)?.closed).toBe(true);
    expect(w.slack.messages(w.deals.id).find((m) => m.ts === posted.ts)?.text).toBe('Rejected: Overlaps a direct deal');
  });

  it('honours replace_original, delete_original and in_channel on the response_url', async () => {
    // A button whose listener only acks, so nothing but this test touches the message.
    const blocks = [{ type: 'actions', block_id: 'b', elements: [{ type: 'button', action_id: 'noop', text: { type: 'plain_text', text: 'Ok' } }] }];
    const post = async () => (await w.client.chat.postMessage({ channel: w.deals.id, text: 'r', blocks: blocks as never })).ts!;
    const respond = async (url: string, body: unknown) =>
      fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

    const first = await post();
    const { responseUrl } = await w.slack.click({ team: w.team.id, user: w.ada.id, channel: w.deals.id, ts: first, actionId: 'noop' });
    const replaced = await respond(responseUrl, { replace_original: true, text: 'Handled' });
    expect(await replaced.json()).toEqual({ ok: true });
    expect(w.slack.messages(w.deals.id).find((m) => m.ts === first)?.text).toBe('Handled');

    const inChannel = await respond(responseUrl, { response_type: 'in_channel', text: 'Ada approved a deal' });
    expect(inChannel.status).toBe(200);
    expect(w.slack.messages(w.deals.id).at(-1)).toMatchObject({ text: 'Ada approved a deal', ephemeralTo: undefined });

    await respond(responseUrl, { delete_original: true });
    expect(w.slack.messages(w.deals.id).find((m) => m.ts === first)).toMatchObject({ deleted: true });

    expect((await respond(`${w.slack.url}/response/T1/2/nope`, { text: 'x' })).status).toBe(404);
  });

  it('is refused by Bolt when the signature does not match', async () => {
    const forged = await startBolt(w, 'not-the-signing-secret', (app) => app.action('approve', async ({ ack }) => ack()));
    try {
      w.slack.updateApp(w.app.id, { interactivityUrl: forged.url });
      const posted = await w.client.chat.postMessage({ channel: w.deals.id, text: 'x', blocks: approveBlocks() });
      const result = await w.slack.click({ team: w.team.id, user: w.ada.id, channel: w.deals.id, ts: posted.ts!, actionId: 'approve' });
      expect(result.status).toBe(401);
    } finally {
      w.slack.updateApp(w.app.id, { interactivityUrl: bolt.url });
      await forged.server.close();
    }
  });

  it('drives clicks through the admin HTTP endpoint too', async () => {
    const posted = await w.client.chat.postMessage({ channel: w.deals.id, text: 'via http', blocks: approveBlocks('reg-77') });
    approved = signal<string>();
    const res = await fetch(`${w.slack.url}/_admin/click`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ team: w.team.id, user: w.bob.id, channel: w.deals.id, ts: posted.ts, actionId: 'approve' }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 200 });
    expect(await approved.done).toBe('reg-77');
    const missing = await fetch(`${w.slack.url}/_admin/click`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ team: w.team.id, user: w.bob.id, channel: w.deals.id, ts: '1.000000', actionId: 'approve' }),
    });
    expect(missing.status).toBe(404);
  });
});

describe('trigger ids', () => {
  it('expire like Slack’s (3 s, shortened here) and work once', async () => {
    const w = await startWorld({ triggerTtlMs: 100, rateLimits: { enabled: false } });
    const errors: string[] = [];
    const opened = signal();
    const bolt = await startBolt(w, w.app.signingSecret, (app) => {
      app.action<BlockButtonAction>('approve', async ({ ack, body, client }) => {
        await ack();
        const view = rejectModal(body.channel!.id, body.message!.ts);
        await client.views.open({ trigger_id: body.trigger_id, view });
        for (const delay of [0, 150]) {
          await new Promise((r) => setTimeout(r, delay));
          await client.views.open({ trigger_id: body.trigger_id, view }).catch((e: WebAPIPlatformError) => errors.push(e.data.error));
        }
        opened.resolve();
      });
    });
    try {
      w.slack.updateApp(w.app.id, { interactivityUrl: bolt.url });
      const posted = await w.client.chat.postMessage({ channel: w.deals.id, text: 'x', blocks: approveBlocks() });
      await w.slack.click({ team: w.team.id, user: w.ada.id, channel: w.deals.id, ts: posted.ts!, actionId: 'approve' });
      await opened.done;
      expect(errors).toEqual(['exchanged_trigger_id', 'exchanged_trigger_id']);

      const stale = signal<string>();
      bolt.app.action<BlockButtonAction>('reject', async ({ ack, body, client }) => {
        await ack();
        await new Promise((r) => setTimeout(r, 150));
        await client.views
          .open({ trigger_id: body.trigger_id, view: rejectModal(body.channel!.id, body.message!.ts) })
          .then(() => stale.resolve('ok'), (e: WebAPIPlatformError) => stale.resolve(e.data.error));
      });
      await w.slack.click({ team: w.team.id, user: w.ada.id, channel: w.deals.id, ts: posted.ts!, actionId: 'reject' });
      expect(await stale.done).toBe('expired_trigger_id');
    } finally {
      await bolt.server.close();
      await w.slack.close();
    }
  });
});

async function waitFor<T>(find: () => T | undefined, timeoutMs = 2000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('Events API', () => {
  it('delivers signed events to app.event, retrying until acknowledged, and tells the app when it is uninstalled', async () => {
    const w = await startWorld({ rateLimits: { enabled: false }, eventRetryDelaysMs: [20, 20, 20] });
    const mentions: string[] = [];
    const lifecycle: string[] = [];
    const retries: Array<string | undefined> = [];
    let refuseNext = true;
    const web = express();
    // Fails the first delivery with a 500 so the retry and its headers can be seen.
    web.use((req, res, next) => {
      retries.push(req.get('x-slack-retry-num'));
      if (refuseNext) {
        refuseNext = false;
        res.status(500).end();
        return;
      }
      next();
    });
    const receiver = new ExpressReceiver({ signingSecret: w.app.signingSecret, logLevel: LogLevel.ERROR, app: web });
    const app = new App({ token: w.token, receiver, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: w.slack.apiUrl } });
    app.event('app_mention', async ({ event }) => {
      mentions.push(event.text);
    });
    app.event('app_uninstalled', async ({ event }) => {
      lifecycle.push(event.type);
    });
    app.event('tokens_revoked', async ({ event }) => {
      lifecycle.push(event.type);
    });
    const server = await listen(web);
    try {
      w.slack.updateApp(w.app.id, { eventsUrl: `${server.url}/slack/events` });
      const delivery = w.slack.sendEvent(w.app.id, w.team.id, {
        type: 'app_mention',
        user: w.ada.id,
        text: `<@${w.bot.botUserId}> status of reg-42?`,
        channel: w.deals.id,
        ts: '1700000000.000100',
      });
      await w.slack.eventsIdle();
      expect(delivery).toMatchObject({ status: 'delivered', attempts: 2, lastStatusCode: 200 });
      expect(retries).toEqual([undefined, '1']);
      // Bolt acks events before its listeners run, so wait for the listener rather than the ack.
      expect(await waitFor(() => mentions[0])).toBe(`<@${w.bot.botUserId}> status of reg-42?`);

      w.slack.uninstall(w.app.id, w.team.id);
      await w.slack.eventsIdle();
      await waitFor(() => (lifecycle.length === 2 ? lifecycle : undefined));
      expect(lifecycle.sort()).toEqual(['app_uninstalled', 'tokens_revoked']);
    } finally {
      await server.close();
      await w.slack.close();
    }
  });
});

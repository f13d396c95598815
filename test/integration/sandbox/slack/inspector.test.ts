import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebClient } from '@slack/web-api';
import { startSlackEmulator } from '../../../../sandbox/slack';
import { approveBlocks, startWorld } from './world';

describe('inspector page and admin API', () => {
  it('renders workspaces, channels and messages readably, escaping everything', async () => {
    const w = await startWorld();
    try {
      await w.client.chat.postMessage({ channel: w.deals.id, text: 'fallback', blocks: approveBlocks() });
      await w.client.chat.postMessage({ channel: w.deals.id, text: '<script>alert("x")</script>' });
      const html = await (await fetch(`${w.slack.url}/`)).text();
      expect(html).toContain('Acme Partners');
      expect(html).toContain('#partner-deals');
      expect(html).toContain('<button type="button" class="btn primary" data-block-id="decision" data-action-id="approve" data-type="button" data-value="reg-1">Approve</button>');
      expect(html).toContain('<b>Globex</b> registered a deal: $120,000');
      expect(html).not.toContain('<script>alert');
      expect(html).toContain('&#60;script&#62;');
    } finally {
      await w.slack.close();
    }
  });

  it('sets up a world over HTTP, reads messages back and resets', async () => {
    const slack = await startSlackEmulator();
    try {
      const post = async (path: string, body: unknown) => {
        const res = await fetch(`${slack.url}/_admin/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
        return { status: res.status, body: await res.json() };
      };
      const team = (await post('workspaces', { name: 'Initech' })).body;
      const app = await post('apps', { name: 'Trellis', interactivityUrl: 'http://127.0.0.1:9/slack/events' });
      expect(app.status).toBe(201);
      expect(app.body).toMatchObject({ id: expect.stringMatching(/^A/), signingSecret: expect.any(String), clientId: expect.any(String) });
      const channel = (await post('channels', { team: team.id, name: 'partners' })).body;
      const install = (await post('install', { app: app.body.id, team: team.id })).body;
      expect(install.botToken).toMatch(/^xoxb-/);
      expect((await post('channels', { team: team.id, name: 'Not Valid!' })).status).toBe(400);

      const client = new WebClient(install.botToken, { slackApiUrl: slack.apiUrl });
      const posted = await client.chat.postMessage({ channel: channel.id, text: 'v1' });
      await client.chat.update({ channel: channel.id, ts: posted.ts!, text: 'v2' });
      const read = await (await fetch(`${slack.url}/_admin/messages?channel=${channel.id}`)).json();
      expect(read.messages[0].revisions.map((r: { text: string }) => r.text)).toEqual(['v1', 'v2']);

      expect((await post('reset', {})).status).toBe(200);
      const after = await (await fetch(`${slack.url}/_admin/state`)).json();
      expect(after.workspaces).toEqual({});
      await expect(client.auth.test()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
    } finally {
      await slack.close();
    }
  });

  it('persists state to JSON and loads it on the next start', async () => {
    const persistPath = join(mkdtempSync(join(tmpdir(), 'slack-emulator-')), 'state.json');
    const first = await startSlackEmulator({ persistPath, persistDebounceMs: 20 });
    const team = first.createWorkspace({ name: 'Hooli' });
    const app = first.registerApp({ name: 'Trellis' });
    const token = first.install(app.id, team.id);
    const channel = first.addChannel({ team: team.id, name: 'alliances' });
    await new WebClient(token, { slackApiUrl: first.apiUrl }).chat.postMessage({ channel: channel.id, text: 'kept' });
    await new Promise((r) => setTimeout(r, 60)); // the debounced save
    expect(JSON.parse(readFileSync(persistPath, 'utf8')).workspaces[team.id].name).toBe('Hooli');
    await first.close();

    const second = await startSlackEmulator({ persistPath });
    try {
      expect(second.messages(channel.id).map((m) => m.text)).toEqual(['kept']);
      const auth = await new WebClient(token, { slackApiUrl: second.apiUrl }).auth.test();
      expect(auth.team_id).toBe(team.id);
      // Ids keep counting from where they were, so nothing new collides with what was loaded.
      expect(second.addChannel({ team: team.id, name: 'new-one' }).id).not.toBe(channel.id);
    } finally {
      await second.close();
    }
  });
});

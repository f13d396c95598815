import { WebClient } from '@slack/web-api';
import { startSlackEmulator, type RunningSlackEmulator, type SlackEmulatorOptions } from '../../../../sandbox/slack';

/** A workspace with two people, a public and a private channel, and the Trellis app installed. */
export async function startWorld(options: SlackEmulatorOptions = {}) {
  const slack: RunningSlackEmulator = await startSlackEmulator(options);
  const team = slack.createWorkspace({ name: 'Acme Partners', domain: 'acme-partners' });
  const ada = slack.addUser({ team: team.id, name: 'ada', realName: 'Ada Lovelace', email: 'ada@acme.test' });
  const bob = slack.addUser({ team: team.id, name: 'bob', realName: 'Bob Hopper', email: 'bob@acme.test' });
  const deals = slack.addChannel({ team: team.id, name: 'partner-deals', members: [ada.id, bob.id] });
  const secret = slack.addChannel({ team: team.id, name: 'exec-only', isPrivate: true, members: [ada.id] });
  const app = slack.registerApp({ name: 'Trellis', redirectUrls: ['http://127.0.0.1:9/slack/oauth_redirect'] });
  const token = slack.install(app.id, team.id);
  const bot = slack.installation(app.id, team.id);
  const client = new WebClient(token, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
  return { slack, team, ada, bob, deals, secret, app, token, bot, client };
}

export type World = Awaited<ReturnType<typeof startWorld>>;

export const approveBlocks = (value = 'reg-1') => [
  { type: 'section', block_id: 'summary', text: { type: 'mrkdwn', text: '*Globex* registered a deal: $120,000' } },
  {
    type: 'actions',
    block_id: 'decision',
    elements: [
      { type: 'button', action_id: 'approve', text: { type: 'plain_text', text: 'Approve' }, style: 'primary', value },
      { type: 'button', action_id: 'reject', text: { type: 'plain_text', text: 'Reject' }, style: 'danger', value },
    ],
  },
];

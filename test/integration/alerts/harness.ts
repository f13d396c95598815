import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../../src/config';
import { SLACK_BOT_SCOPES } from '../../../src/install/slack';
import { fixedClock, type Clock } from '../../../src/domain/clock';
import { createLogger } from '../../../src/logger';
import { startTrellis, type RunningTrellis } from '../../../src/server';
import { saveSlackInstallation } from '../../../src/store/slackInstallations';
import { createKeyring, generateKeyringSpec, parseKeyring } from '../../../src/security/secrets';
import type { Deps } from '../../../src/usecases/context';
import { startSmtpCatcher, type SmtpCatcher } from '../../../sandbox/mail/catcher';
import { startSlackEmulator, type RunningSlackEmulator, type SlackEmulatorOptions } from '../../../sandbox/slack';
import { ApiClient } from '../../support/api';
import { createTestDatabase, type TestDatabase } from '../../support/databases';
import { queueEnv, storeKindFor, type QueueKind } from '../../support/queues';

const ADMIN_TOKEN = 'alerts-admin-token-0123456789';
export const SIGNING_SECRET = 'alerts-test-signing-secret';
/** What Trellis asks for at install: no history scopes, so nothing in the alerts pipeline may read a channel. */
const SCOPES = SLACK_BOT_SCOPES;

/**
 * The whole of Trellis (HTTP app, outbox relay, alert workers on the `queue` backend, Bolt) against
 * a fresh database and the Slack emulator, whose Trellis app posts its clicks back to Trellis. On
 * the embedded queue the store is on the embedded server too, as `npm start` runs them.
 */
export async function startAlertsWorld<C extends Clock = ReturnType<typeof fixedClock>>(
  queue: QueueKind,
  env: Record<string, string> = {},
  slackOptions: SlackEmulatorOptions = { rateLimits: { enabled: false } },
  // A fixed clock keeps SLAs and windows deterministic; the CRM sync needs real time, since its queue is due by the database's clock.
  clock: C = fixedClock('2026-03-02T09:00:00Z') as unknown as C,
) {
  const database: TestDatabase = await createTestDatabase(storeKindFor(queue));
  const slack: RunningSlackEmulator = await startSlackEmulator(slackOptions);
  const app = slack.registerApp({ name: 'Trellis', signingSecret: SIGNING_SECRET });
  const keyringSpec = generateKeyringSpec();
  const config = loadConfig({
    ...queueEnv(queue, database.url),
    TRELLIS_ENCRYPTION_KEYS: keyringSpec,
    TRELLIS_ADMIN_TOKEN: ADMIN_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    SLACK_CHANNEL_INTERVAL_MS: '0',
    PORT: '0',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const trellis: RunningTrellis = await startTrellis(config, createLogger('silent'), {
    clock,
    // A short grace: closing a world should not wait out a paced Slack backlog.
    queue: { namespace: `alerts${randomBytes(4).toString('hex')}`, closeGraceMs: 500 },
  });
  slack.updateApp(app.id, { interactivityUrl: `${trellis.url}/slack/interactions` });
  const deps: Deps = { db: trellis.db, clock, keyring: createKeyring(parseKeyring(keyringSpec)) };
  const admin = new ApiClient(trellis.url, ADMIN_TOKEN);

  /** A tenant with its own Slack workspace (two managers, a deals channel the bot is in) and the Trellis bot installed. */
  async function newTenant() {
    const created = await admin.post('/api/v1/tenants', { name: 'Vendor' });
    const api = new ApiClient(trellis.url, created.body.apiKey);
    const tenantId = created.body.tenant.id as string;
    const team = slack.createWorkspace({ name: `Vendor ${tenantId.slice(0, 8)}` });
    const jane = slack.addUser({ team: team.id, name: 'jane', realName: 'Jane Park', email: 'jane@vendor.com' });
    const omar = slack.addUser({ team: team.id, name: 'omar', realName: 'Omar Diaz', email: 'omar@vendor.com' });
    // Jane and Omar are the partner managers Trellis knows; anyone else in Slack decides nothing.
    for (const email of [jane.email, omar.email]) await api.post('/api/v1/users', { email, role: 'partner_manager' });
    const deals = slack.addChannel({ team: team.id, name: 'partner-deals', members: [jane.id, omar.id] });
    const token = slack.install(app.id, team.id, { scopes: SCOPES });
    const bot = slack.installation(app.id, team.id);
    slack.joinChannel(deals.id, [bot.botUserId]);
    await saveSlackInstallation(trellis.db, deps.keyring, tenantId, {
      teamId: team.id,
      teamName: team.name,
      appId: app.id,
      botUserId: bot.botUserId,
      botToken: token,
      scopes: SCOPES,
      defaultChannelId: deals.id,
      installedBy: jane.id,
    });
    /** The messages Trellis posted to a channel, as people see them (not deleted, not ephemeral). */
    const posted = (channelId = deals.id) => slack.messages(channelId).filter((m) => !m.deleted && !m.ephemeralTo);
    const click = (ts: string, actionId: string, user = jane.id, channel = deals.id) => slack.click({ team: team.id, user, channel, ts, actionId });
    /** The bot's direct-message channel with a person, once it has opened one. */
    const dmWith = (userId: string) =>
      Object.values((slack.emulator.snapshot() as { channels: Record<string, { id: string; imUser?: string }> }).channels).find((c) => c.imUser === userId);
    return { api, tenantId, team, jane, omar, deals, token, bot, posted, click, dmWith };
  }

  return {
    slack,
    app,
    trellis,
    deps,
    clock,
    newTenant,
    async close() {
      await trellis.close();
      await slack.close();
      await database.drop();
    },
  };
}

export type AlertsWorld = Awaited<ReturnType<typeof startAlertsWorld<ReturnType<typeof fixedClock>>>>;
export type SlackTenant = Awaited<ReturnType<AlertsWorld['newTenant']>>;

/** Polls until `find` returns something (alerts travel through the outbox and the queue). */
// Generous: alerts are paced one message a second per channel, and CI shares two cores with everything else.
export async function eventually<T>(find: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found) return found;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** All the text a message shows: its blocks' text, fields, context and button labels. */
export function textOf(message: { blocks?: unknown[] } | undefined): string {
  const parts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.text === 'string') parts.push(o.text);
      Object.values(o).forEach((v) => typeof v === 'object' && walk(v));
    }
  };
  walk(message?.blocks ?? []);
  return parts.join('\n');
}

/** The action ids of the buttons a message shows. */
export function buttonsOf(message: { blocks?: unknown[] } | undefined): string[] {
  return ((message?.blocks ?? []) as { type: string; elements?: { type: string; action_id: string }[] }[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => (b.elements ?? []).map((e) => e.action_id));
}

/**
 * Waits for an answer to Jane Park's question to reach the alert's Slack thread, as a reply naming
 * who answered, and the alert redrawn to say it was answered; the registration still waits for a decision.
 */
export async function expectAnswerInThread(t: SlackTenant, alertTs: string, answer: string, by: string): Promise<void> {
  const reply = await eventually(() => t.posted().find((m) => m.threadTs === alertTs && m.ts !== alertTs));
  expect(textOf(reply)).toContain(answer);
  expect(textOf(reply)).toContain(`*${by}* answered the question from Jane Park`);
  const redrawn = await eventually(() => t.posted().find((m) => m.ts === alertTs && textOf(m).includes('answered by')));
  expect(textOf(redrawn)).toContain(`Details requested by Jane Park · answered by ${by}`);
  expect(buttonsOf(redrawn)).toEqual(['registration.approve', 'registration.reject', 'registration.ask_details']);
}

/** The alerts world with mail on: Trellis mails through a local SMTP catcher the test reads. */
export async function startMailingAlertsWorld(signingSecret: string): Promise<{ world: AlertsWorld; smtp: SmtpCatcher; close(): Promise<void> }> {
  const smtp = await startSmtpCatcher();
  const world = await startAlertsWorld('redis', { SMTP_URL: smtp.smtpUrl, MAIL_FROM: 'Trellis <trellis@vendor.com>', TRELLIS_SIGNING_SECRET: signingSecret });
  return {
    world,
    smtp,
    async close() {
      await world.close();
      await smtp.close();
    },
  };
}

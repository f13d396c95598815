import { App, ExpressReceiver, LogLevel } from '@slack/bolt';
import { Router } from 'express';
import type { Logger } from 'pino';
import { findSlackInstallationByTeam } from '../../store/slackInstallations';
import type { Deps } from '../../usecases/context';
import type { SyncConflictWinnerPort } from '../../usecases/syncConflictWinner';
import { registerAlertActions } from './actions';
import { slackRequestGuard } from './requestGuard';

const SLACK_ENDPOINTS = { events: '/slack/events', interactions: '/slack/interactions' } as const;

export interface SlackAppOptions {
  signingSecret: string;
  slackApiUrl: string;
  logger: Logger;
  syncConflicts: SyncConflictWinnerPort;
  /** Redraws an alert's message after a decision taken on it. */
  requestSync(tenantId: string, alertId: string): Promise<void>;
  /** Whether Trellis can mail ("Ask for details" says where a question goes). */
  mail: boolean;
  /** For tests: the clock signatures are checked against. */
  now?: () => number;
}

/**
 * The Bolt app behind `/slack/events` and `/slack/interactions`: requests are verified and
 * checked for replays first, then the tenant and its bot token are found from the team id.
 */
export function createSlackApp(deps: Deps, options: SlackAppOptions): { app: App; router: Router } {
  const router = Router();
  router.use(Object.values(SLACK_ENDPOINTS), ...slackRequestGuard(deps.db, options.signingSecret, options.logger, options.now));
  const receiver = new ExpressReceiver({
    signingSecret: options.signingSecret,
    signatureVerification: false,
    endpoints: SLACK_ENDPOINTS,
    router,
    logLevel: LogLevel.ERROR,
  });
  const app = new App({
    receiver,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: options.slackApiUrl },
    async authorize({ teamId }) {
      const installation = teamId ? await findSlackInstallationByTeam(deps.db, deps.keyring, teamId) : null;
      if (!installation || installation.status !== 'active') throw new Error(`no active Slack installation for team ${teamId}`);
      return { botToken: installation.botToken, botUserId: installation.botUserId, teamId, tenantId: installation.tenantId };
    },
  });
  registerAlertActions(app, deps, options);
  return { app, router };
}

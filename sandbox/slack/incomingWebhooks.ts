import express, { type Request, type Response } from 'express';
import { readPayloadBody } from './args';
import { validateMessageBlocks } from './blockKit';
import type { Services } from './services';

/**
 * Incoming webhook URLs handed out at install when the `incoming-webhook` scope
 * was granted. Slack answers them in plain text: `ok`, or an error word.
 */
export function incomingWebhookRouter(services: Services): express.Router {
  const router = express.Router();
  router.post('/services/*path', express.json(), express.urlencoded({ extended: false }), (req: Request, res: Response) => {
    // Matched on the path alone, so URLs handed out before a restart on another port keep working.
    const bot = Object.values(services.state.data.installations).find(
      (i) => i.incomingWebhook && new URL(i.incomingWebhook.url).pathname === req.path,
    );
    if (!bot || bot.revoked) {
      res.status(404).type('text/plain').send('no_service');
      return;
    }
    const body = readPayloadBody(req.body);
    if (!body) {
      res.status(400).type('text/plain').send('invalid_payload');
      return;
    }
    const blocks = body.blocks as unknown[] | undefined;
    if (blocks !== undefined && (!Array.isArray(blocks) || validateMessageBlocks(blocks).length > 0)) {
      res.status(400).type('text/plain').send('invalid_blocks');
      return;
    }
    if (typeof body.text !== 'string' && blocks === undefined) {
      res.status(400).type('text/plain').send('no_text');
      return;
    }
    const channel = services.state.data.channels[bot.incomingWebhook!.channelId];
    if (!channel || channel.isArchived) {
      res.status(410).type('text/plain').send('channel_is_archived');
      return;
    }
    services.messages.post(channel, { user: bot.botUserId, bot }, { text: (body.text as string | undefined) ?? '', blocks }, { source: 'incoming_webhook' });
    res.type('text/plain').send('ok');
  });
  return router;
}

import express, { type Request, type Response } from 'express';
import { readPayloadBody } from './args';
import { validateMessageBlocks } from './blockKit';
import type { ResponseUrl } from './model';
import type { Services } from './services';

/** Slack lets an app use a response_url up to 5 times within 30 minutes. */
const MAX_USES = 5;
const LIFETIME_MS = 30 * 60 * 1000;

export function issueResponseUrl(services: Services, target: Omit<ResponseUrl, 'id' | 'uses' | 'expiresAt'>): string {
  const id = `${target.teamId}/${services.state.digits(13)}/${services.state.secret(12)}`;
  services.state.data.responseUrls[id] = { ...target, id, uses: 0, expiresAt: Date.now() + LIFETIME_MS };
  services.state.changed();
  return `${services.publicUrl()}/response/${id}`;
}

/**
 * `POST /response/{id}`: what an app sends to a response_url (Bolt's `respond()`).
 * Honours `delete_original`, `replace_original` and `response_type` (ephemeral by default).
 */
export function responseUrlRouter(services: Services): express.Router {
  const router = express.Router();
  router.post('/response/*path', express.json(), express.urlencoded({ extended: false }), (req: Request, res: Response) => {
    const id = (req.params.path as unknown as string[]).join('/');
    const entry = services.state.data.responseUrls[id];
    if (!entry || Date.now() > entry.expiresAt) {
      res.status(404).json({ ok: false, error: 'expired_url' });
      return;
    }
    if (entry.uses >= MAX_USES) {
      res.status(404).json({ ok: false, error: 'used_url' });
      return;
    }
    const body = readPayloadBody(req.body);
    const failure = body ? apply(services, entry, body) : 'invalid_payload';
    if (failure) {
      res.status(400).json({ ok: false, error: failure });
      return;
    }
    entry.uses += 1;
    services.state.changed();
    res.json({ ok: true });
  });
  return router;
}

type ResponseBody = Record<string, unknown>;

/** Applies one response; returns Slack's error code when it cannot. */
function apply(services: Services, entry: ResponseUrl, body: ResponseBody): string | undefined {
  const { messages, state } = services;
  const original = entry.messageTs ? messages.find(entry.channel, entry.messageTs) : undefined;
  if (body.delete_original === true || body.delete_original === 'true') {
    if (!original) return 'message_not_found';
    messages.delete(original, 'response_url');
    return undefined;
  }
  const blocks = body.blocks as unknown[] | undefined;
  if (blocks !== undefined && (!Array.isArray(blocks) || validateMessageBlocks(blocks).length > 0)) return 'invalid_blocks';
  const text = typeof body.text === 'string' ? body.text : undefined;
  if (text === undefined && blocks === undefined) return 'no_text';
  if (body.replace_original === true || body.replace_original === 'true') {
    if (!original) return 'message_not_found';
    messages.update(original, { text: text ?? '', blocks, attachments: body.attachments as unknown[] | undefined }, 'response_url');
    return undefined;
  }
  const bot = state.installation(entry.appId, entry.teamId);
  const channel = state.data.channels[entry.channel];
  if (!bot || !channel) return 'channel_not_found';
  const ephemeral = body.response_type !== 'in_channel';
  messages.post(
    channel,
    { user: bot.botUserId, bot },
    { text: text ?? '', blocks, attachments: body.attachments as unknown[] | undefined },
    { source: 'response_url', ephemeralTo: ephemeral ? entry.userId : undefined, threadTs: body.thread_ts as string | undefined },
  );
  return undefined;
}

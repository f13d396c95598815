import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import express from 'express';
import { listen, type RunningServer } from '../../../../sandbox/shared/http';

export interface ReceivedRequest {
  url: string;
  headers: Record<string, string>;
  rawBody: string;
  events: Array<Record<string, unknown>>;
}

/** A stand-in for an app's webhook endpoint: records every POST and answers as told. */
export interface WebhookReceiver {
  url: string;
  received: ReceivedRequest[];
  /** Decide the status for each incoming request (default 204). */
  respond: (request: ReceivedRequest, index: number) => number;
  events(): Array<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<WebhookReceiver> {
  const app = express();
  const receiver: WebhookReceiver = {
    url: '',
    received: [],
    respond: () => 204,
    events: () => receiver.received.flatMap((r) => r.events),
    close: async () => server.close(),
  };
  app.post('/hubspot/webhooks', express.raw({ type: '*/*' }), (req, res) => {
    const rawBody = (req.body as Buffer).toString('utf8');
    const request: ReceivedRequest = {
      url: `${req.protocol}://${req.get('host')}${req.originalUrl}`,
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
      rawBody,
      events: JSON.parse(rawBody),
    };
    const status = receiver.respond(request, receiver.received.length);
    receiver.received.push(request);
    res.status(status).end();
  });
  const server: RunningServer = await listen(app);
  receiver.url = `${server.url}/hubspot/webhooks`;
  return receiver;
}

/** HubSpot's v3 check, written independently of the emulator: HMAC-SHA256(method + uri + body + timestamp), base64. */
export function verifyV3(request: ReceivedRequest, clientSecret: string, now = Date.now()): boolean {
  const timestamp = request.headers['x-hubspot-request-timestamp'] ?? '';
  if (!timestamp || now - Number(timestamp) > 5 * 60 * 1000) return false;
  const expected = createHmac('sha256', clientSecret)
    .update(`POST${request.url}${request.rawBody}${timestamp}`)
    .digest();
  const given = Buffer.from(request.headers['x-hubspot-signature-v3'] ?? '', 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function verifyV1(request: ReceivedRequest, clientSecret: string): boolean {
  const expected = createHash('sha256').update(clientSecret + request.rawBody).digest('hex');
  return request.headers['x-hubspot-signature-version'] === 'v1' && request.headers['x-hubspot-signature'] === expected;
}

import { verifySlackRequest } from '@slack/bolt';
import express, { type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Db } from '../../store/db';
import { firstSightOfSignature } from '../../store/slackRequestSignatures';

const WINDOW_SECONDS = 5 * 60;

export interface SignedRequest {
  rawBody: string;
  signature: string | undefined;
  timestamp: string | undefined;
}

/**
 * Slack's request signature (v0 HMAC-SHA256 of `v0:{timestamp}:{body}`), checked by Bolt's own
 * verifier, with the timestamp within 5 minutes either way. Throws with the reason when it fails.
 */
export function verifySlackSignature(signingSecret: string, request: SignedRequest, nowMs: number): void {
  const timestamp = Number(request.timestamp);
  if (!request.signature || !Number.isInteger(timestamp)) throw new Error('missing Slack signature headers');
  if (timestamp > nowMs / 1000 + WINDOW_SECONDS) throw new Error('x-slack-request-timestamp is in the future');
  verifySlackRequest({
    signingSecret,
    body: request.rawBody,
    headers: { 'x-slack-signature': request.signature, 'x-slack-request-timestamp': timestamp },
    nowMilliseconds: nowMs,
  });
}

/**
 * Before Bolt sees a request: the signature must verify on the raw bytes, and must not have been
 * seen before (a replay inside the window). Refusals are 401 with no detail. Bolt then reads the
 * body from `rawBody`, so its own verifier is switched off rather than run twice.
 */
export function slackRequestGuard(db: Db, signingSecret: string, logger: Logger, now: () => number = Date.now): RequestHandler[] {
  const refuse = (res: express.Response, reason: string) => {
    logger.warn({ reason }, 'refused a Slack request');
    res.status(401).end();
  };
  return [
    express.raw({ type: () => true, limit: '1mb' }),
    async (req, res, next) => {
      const rawBody = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
      const signature = req.get('x-slack-signature');
      try {
        verifySlackSignature(signingSecret, { rawBody, signature, timestamp: req.get('x-slack-request-timestamp') }, now());
      } catch (err) {
        refuse(res, (err as Error).message);
        return;
      }
      if (!(await firstSightOfSignature(db, signature!))) {
        refuse(res, 'replayed request');
        return;
      }
      Object.assign(req, { rawBody: Buffer.from(rawBody, 'utf8'), body: undefined });
      next();
    },
  ];
}

import { randomBytes } from 'node:crypto';
import express from 'express';
import { inspectorPage } from './inspectorPage';
import type { SlackState } from './state';

const one = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * The web view: `GET /` draws the emulator's Slack, `GET /_web/revision` tells the page when
 * anything changed so it redraws. Its policy lets only the page's own inline script and styles run
 * and reach only this emulator: nothing is loaded from elsewhere, and a rendering slip cannot run script.
 */
export function webViewRouter(state: SlackState): express.Router {
  let revision = 0;
  state.onChange(() => revision++);
  const router = express.Router();
  router.get('/', (req, res) => {
    const nonce = randomBytes(16).toString('base64');
    res.set(
      'Content-Security-Policy',
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'`,
    );
    res.type('html').send(inspectorPage(state.data, { team: one(req.query.team), channel: one(req.query.channel), as: one(req.query.as) }, revision, nonce));
  });
  router.get('/_web/revision', (_req, res) => {
    res.json({ revision });
  });
  return router;
}

import express, { Router, type Request } from 'express';
import { z } from 'zod';
import type { Logger } from '../logger';
import type { Deps } from '../usecases/context';
import { previewBundle } from './bundle';
import { previewConnection } from './connection';
import { proxyHubSpotFetch } from './hubspotFetchProxy';
import { PREVIEW_CSS, renderPreviewPage } from './page';
import { previewViewers } from './people';
import { PreviewRecords, type HubSpotApi, type PreviewObject } from './records';
import type { SalesforceApi } from './salesforce/org';
import { salesforcePreviewRouter } from './salesforce/router';

export interface PreviewOptions {
  publicUrl: string;
  hubspot: HubSpotApi & { appId?: number | undefined };
  /** Trellis's Salesforce connected app; given, `/preview/salesforce` shows a Lightning record page of the connected org. */
  salesforce?: SalesforceApi;
  /** Web views of the sandbox CRMs, linked from the page. */
  links: { label: string; url: string }[];
}

const CARD_API_PATH = '/api/cards/hubspot/';

const PageQuery = z.object({
  portal: z.string().regex(/^\d+$/).optional(),
  record: z.string().regex(/^(deals|companies)\/\d+$/).optional(),
  as: z.email().optional(),
});

const FetchBody = z.object({
  url: z.string(),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
  body: z.record(z.string(), z.unknown()).optional(),
  portalId: z.number().int().positive(),
  userId: z.number().int(),
  userEmail: z.email(),
});

const userOf = (email: string) => {
  const [first = 'Sandbox', last = 'User'] = email.split('@')[0]!.split(/[._-]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  // A stable small number per person, as HubSpot user ids are per person.
  const id = [...email].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1_000_000, 7);
  return { id, email, firstName: first, lastName: last };
};

/**
 * The sandbox preview: a HubSpot record page of the connected portal with the real card
 * source in its sidebar. The browser never holds the client secret: `/preview/fetch` signs
 * each card request server-side exactly as HubSpot's proxy does, so the card backend checks
 * the same signature it checks in production. Served only in the sandbox.
 */
export function previewRouter(deps: Deps, options: PreviewOptions, logger: Logger): Router {
  const router = Router();
  const links = options.salesforce ? [{ label: 'Salesforce preview', url: '/preview/salesforce' }, ...options.links] : options.links;
  if (options.salesforce) {
    router.use(salesforcePreviewRouter(deps, { publicUrl: options.publicUrl, salesforce: options.salesforce, links: [{ label: 'HubSpot preview', url: '/preview' }, ...options.links] }, logger));
  }
  router.get('/preview/app.js', async (_req, res) => {
    res.type('application/javascript').send(await previewBundle());
  });
  router.get('/preview/preview.css', (_req, res) => {
    res.type('text/css').send(PREVIEW_CSS);
  });
  router.get('/preview', async (req: Request, res) => {
    const query = PageQuery.safeParse(req.query);
    if (!query.success) {
      res.status(400).type('text/plain').send('Unknown preview address');
      return;
    }
    const connection = await previewConnection(deps, 'hubspot', query.data.portal);
    if (!connection) {
      res.status(409).type('html').send(`<p>No HubSpot portal is connected yet. <a href="/oauth/hubspot/install">Install Trellis in HubSpot</a>, then reload.</p>`);
      return;
    }
    const records = new PreviewRecords(deps, connection.tenantId, options.hubspot);
    try {
      const [deals, companies, { people, viewer }] = await Promise.all([records.list('deals'), records.list('companies'), previewViewers(deps, connection.tenantId, query.data.as)]);
      const [type, id] = (query.data.record?.split('/') ?? ['deals', deals[0]?.id]) as [PreviewObject, string | undefined];
      if (!id) {
        res.status(404).type('text/plain').send('The portal has no deals yet');
        return;
      }
      res.type('html').send(
        renderPreviewPage({
          record: await records.read(type, id),
          records: { deals, companies },
          portalId: Number(connection.externalAccountId),
          user: userOf(viewer),
          people,
          links,
          nonce: String(res.locals.cspNonce ?? ''),
        }),
      );
    } catch (err) {
      logger.warn({ err }, 'preview could not read the portal');
      res.status(502).type('text/plain').send(`The preview could not read the HubSpot portal: ${(err as Error).message}`);
    }
  });
  router.post('/preview/fetch', express.json({ limit: '1mb' }), async (req, res) => {
    const parsed = FetchBody.safeParse(req.body);
    // The cards fetch the production card API; the preview sends the same path to this server.
    const path = parsed.success && URL.canParse(parsed.data.url) ? new URL(parsed.data.url) : null;
    if (!parsed.success || !path || !path.pathname.startsWith(CARD_API_PATH)) {
      res.status(400).json({ error: { code: 'validation_error', message: 'Cards may only fetch the Trellis card API', details: [] } });
      return;
    }
    const { method, body, portalId, userId, userEmail } = parsed.data;
    const target = `${options.publicUrl.replace(/\/+$/, '')}${path.pathname}${path.search}`;
    try {
      const reply = await proxyHubSpotFetch(options.hubspot.clientSecret, { portalId, userId, userEmail, ...(options.hubspot.appId ? { appId: options.hubspot.appId } : {}) }, { url: target, method, body });
      res.status(reply.status).json(reply.body);
    } catch (err) {
      logger.warn({ err }, 'preview fetch failed');
      res.status(502).json({ error: { code: 'unreachable', message: 'The card backend did not answer', details: [] } });
    }
  });
  return router;
}

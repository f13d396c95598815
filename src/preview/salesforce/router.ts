import express, { Router } from 'express';
import { z } from 'zod';
import type { Logger } from '../../logger';
import { findCrmConnectionByAccount } from '../../store/connections';
import type { Deps } from '../../usecases/context';
import { previewConnection } from '../connection';
import { previewViewers } from '../people';
import { salesforcePreviewBundle } from './bundle';
import { orgCardSecrets } from './cardSecret';
import { AuraHandledError, trellisCallout } from './namedCredential';
import { PreviewOrg, type PageObject, type SalesforceApi } from './org';
import { renderSalesforcePreviewPage, SALESFORCE_PREVIEW_CSS } from './page';
import { listPageRecords, readPageRecord } from './records';
import { TRELLIS_CARDS, type ApexContext } from './trellisCards';

export interface SalesforcePreviewOptions {
  publicUrl: string;
  /** Trellis's connected app, to refresh the org connection's token. */
  salesforce: SalesforceApi;
  /** The other previews and the sandbox CRMs, linked from the page. */
  links: { label: string; url: string }[];
}

const ORG_ID = /^[a-zA-Z0-9]{15,18}$/;

const PageQuery = z.object({
  org: z.string().regex(ORG_ID).optional(),
  record: z.string().regex(/^(Opportunity|Account)\/[a-zA-Z0-9]{15,18}$/).optional(),
  as: z.email().optional(),
});

const ApexCall = z.object({ orgId: z.string().regex(ORG_ID), userEmail: z.email(), params: z.record(z.string(), z.unknown()) });

const auraError = (message: string) => ({ message });

/**
 * The sandbox's Salesforce preview: a Lightning record page of the connected org with the real
 * Trellis components, rendered by the LWC engine in the browser. Their Apex calls come here, where
 * the TrellisCards class runs as the page's user: it reads the org with Trellis's connection and
 * calls the card backend through the Named Credential, with the org card secret, which never
 * reaches the browser. Served only in the sandbox.
 */
export function salesforcePreviewRouter(deps: Deps, options: SalesforcePreviewOptions, logger: Logger): Router {
  const router = Router();
  const cardSecret = orgCardSecrets(deps);
  const namedCredentialUrl = `${options.publicUrl.replace(/\/+$/, '')}/api/cards/salesforce`;

  router.get('/preview/salesforce/app.js', async (_req, res) => {
    res.type('application/javascript').send(await salesforcePreviewBundle());
  });
  router.get('/preview/salesforce/preview.css', (_req, res) => {
    res.type('text/css').send(SALESFORCE_PREVIEW_CSS);
  });
  router.get('/preview/salesforce', async (req, res) => {
    const query = PageQuery.safeParse(req.query);
    if (!query.success) {
      res.status(400).type('text/plain').send('Unknown preview address');
      return;
    }
    const connection = await previewConnection(deps, 'salesforce', query.data.org);
    if (!connection) {
      res.status(409).type('html').send(`<p>No Salesforce org is connected yet. <a href="/oauth/salesforce/install">Install Trellis in Salesforce</a>, then reload.</p>`);
      return;
    }
    const org = new PreviewOrg(deps, connection.tenantId, options.salesforce);
    try {
      const [opportunities, accounts, { people, viewer }] = await Promise.all([
        listPageRecords(org, 'Opportunity'),
        listPageRecords(org, 'Account'),
        previewViewers(deps, connection.tenantId, query.data.as),
      ]);
      const [object, id] = (query.data.record?.split('/') ?? ['Opportunity', opportunities[0]?.id]) as [PageObject, string | undefined];
      const record = id ? await readPageRecord(org, object, id) : null;
      if (!record) {
        res.status(404).type('text/plain').send(id ? `The org has no ${object} ${id}` : 'The org has no opportunities yet');
        return;
      }
      res.type('html').send(
        renderSalesforcePreviewPage({
          orgId: connection.externalAccountId,
          record,
          records: { Opportunity: opportunities, Account: accounts },
          viewer,
          people,
          links: options.links,
          nonce: String(res.locals.cspNonce ?? ''),
        }),
      );
    } catch (err) {
      logger.warn({ err }, 'preview could not read the Salesforce org');
      res.status(502).type('text/plain').send(`The preview could not read the Salesforce org: ${(err as Error).message}`);
    }
  });
  router.post('/preview/salesforce/apex/TrellisCards/:method', express.json({ limit: '1mb' }), async (req, res) => {
    const method = Object.hasOwn(TRELLIS_CARDS, req.params.method) ? TRELLIS_CARDS[req.params.method as keyof typeof TRELLIS_CARDS] : undefined;
    const call = ApexCall.safeParse(req.body);
    const params = method && call.success ? method.params.safeParse(call.data.params) : null;
    if (!method || !call.success || !params?.success) {
      res.status(400).json(auraError(method ? 'The Apex method was called with parameters it does not take' : `TrellisCards has no method ${req.params.method}`));
      return;
    }
    const connection = await findCrmConnectionByAccount(deps.db, deps.keyring, 'salesforce', call.data.orgId);
    if (!connection || connection.status !== 'active') {
      res.status(404).json(auraError('Trellis is not connected to this Salesforce org'));
      return;
    }
    try {
      const send = trellisCallout({ url: namedCredentialUrl, cardSecret: await cardSecret(connection.tenantId) }, call.data.userEmail);
      const org = new PreviewOrg(deps, connection.tenantId, options.salesforce);
      // Each method's parameters were checked against its own schema just above.
      const run = method.run as (ctx: ApexContext, p: unknown) => Promise<string>;
      res.json({ returnValue: await run({ org, send }, params.data) });
    } catch (err) {
      if (err instanceof AuraHandledError) {
        res.status(400).json(auraError(err.message));
        return;
      }
      logger.warn({ err }, 'the preview could not run the Apex method');
      res.status(500).json(auraError((err as Error).message));
    }
  });
  return router;
}

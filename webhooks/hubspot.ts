import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { verifyHubSpotSignature } from '../src/security/hubspotSignature';
import type { InboundEvent } from '../src/store/inboundEvents';
import { crmKey } from '../src/store/syncPending';
import { acceptEvents, findInboundTenant } from '../src/sync/inbound';
import type { WebhookDeps } from './deps';

export interface HubSpotWebhookSettings {
  /** The public base URL HubSpot calls (signatures cover the full URL). */
  publicUrl: string;
  /** The app's client secret, then any previous ones still honoured during a rotation. */
  clientSecrets: string[];
  /** Our app id: a change HubSpot attributes to it is an echo of our own write. */
  appId: number | undefined;
  /** Accept the legacy v1/v2 signatures (no timestamp, so no replay window). */
  allowLegacySignatures: boolean;
  now?: () => number;
}

const Event = z
  .object({
    eventId: z.union([z.number(), z.string()]),
    subscriptionId: z.union([z.number(), z.string()]).optional(),
    portalId: z.number().int(),
    appId: z.number().int().optional(),
    occurredAt: z.number(),
    subscriptionType: z.string().optional(),
    eventType: z.string().optional(),
    objectId: z.number().optional(),
    objectTypeId: z.string().optional(),
    changeSource: z.string().optional(),
    sourceId: z.string().optional(),
    mergedObjectIds: z.array(z.number()).optional(),
  })
  .passthrough();
const Batch = z.array(Event).min(1).max(1000);
type Event = z.infer<typeof Event>;

/**
 * Which record an event names: companies are partners. Marketplace apps cannot subscribe to
 * custom objects, so registration records edited in HubSpot reach Trellis by the reconciliation sweep.
 */
function recordsOf(event: Event, partnerObject: string): InboundEvent['record'][] {
  const type = event.subscriptionType ?? event.eventType ?? '';
  const isCompany = type.startsWith('company.') || event.objectTypeId === '0-2';
  if (!isCompany || partnerObject !== 'companies' || event.objectId === undefined || type.endsWith('associationChange')) return [];
  const ids = [event.objectId, ...(event.mergedObjectIds ?? [])];
  return ids.map((id) => ({ kind: 'partner' as const, key: crmKey(String(id)) }));
}

/**
 * `POST /webhooks/hubspot`: signature first (v3 over the raw bytes, 5-minute window, any
 * current or previous secret), then the body, then each tenant's limit, then durable storage, then 200.
 *
 * One batch can carry events of several portals, so the limit is taken per tenant: the events of
 * tenants within theirs are stored, and if any tenant is over, the answer is 429 with Retry-After.
 * HubSpot then delivers the whole batch again after that wait; the events already stored are
 * recognised as duplicates, and the deferred tenant's are stored then. They are not simply dropped
 * for the reconciliation sweep to find: it lists records by modification date, which recovers an
 * edit or a creation but not a deletion or a merge.
 */
export function hubspotWebhookRouter(deps: WebhookDeps, settings: HubSpotWebhookSettings): Router {
  const router = Router();
  const now = settings.now ?? Date.now;
  router.post('/webhooks/hubspot', express.raw({ type: () => true, limit: '1mb' }), async (req: Request, res: Response) => {
    res.locals.routeTemplate = '/webhooks/hubspot';
    const rawBody = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    const verdict = verifyHubSpotSignature(
      {
        method: req.method,
        url: `${settings.publicUrl}${req.originalUrl}`,
        rawBody,
        headers: {
          signatureV3: req.get('x-hubspot-signature-v3'),
          timestamp: req.get('x-hubspot-request-timestamp'),
          signature: req.get('x-hubspot-signature'),
          signatureVersion: req.get('x-hubspot-signature-version'),
        },
      },
      settings.clientSecrets,
      now(),
      { allowLegacy: settings.allowLegacySignatures },
    );
    if (!verdict.valid) {
      deps.logger.warn({ reason: verdict.reason }, 'refused a HubSpot webhook');
      res.status(401).json({ error: { code: 'unauthorized', message: `Signature refused: ${verdict.reason}`, details: [] } });
      return;
    }
    let batch: Event[];
    try {
      const parsed = Batch.safeParse(JSON.parse(rawBody));
      if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      batch = parsed.data;
    } catch (err) {
      res.status(400).json({ error: { code: 'malformed_body', message: `Not a HubSpot event batch: ${(err as Error).message}`, details: [] } });
      return;
    }
    let accepted = 0;
    const deferred: { portalId: number; retryAfterSeconds: number }[] = [];
    for (const portalId of new Set(batch.map((e) => e.portalId))) {
      const tenant = await findInboundTenant(deps, 'hubspot', String(portalId));
      if (!tenant) {
        deps.logger.warn({ portalId }, 'HubSpot webhook for a portal no tenant is connected to');
        continue;
      }
      const retryAfter = await deps.rateLimit?.take(tenant.tenantId);
      if (retryAfter != null) {
        deps.logger.warn({ tenantId: tenant.tenantId, portalId, retryAfter }, "HubSpot events deferred: the tenant is over its webhook limit");
        deferred.push({ portalId, retryAfterSeconds: retryAfter });
        continue;
      }
      const partnerObject = tenant.mapping.partner.hubspot.object;
      const events: InboundEvent[] = [];
      for (const event of batch.filter((e) => e.portalId === portalId)) {
        const ownApp = settings.appId ?? event.appId;
        const echo = event.changeSource === 'INTEGRATION' && ownApp !== undefined && event.sourceId === String(ownApp);
        const records = echo ? [] : recordsOf(event, partnerObject);
        const dedupeKey = [portalId, event.subscriptionId ?? '', event.eventId, event.occurredAt, event.objectId ?? ''].join('/');
        // One stored row per event; an event naming several records (a merge) marks each.
        records.forEach((record, i) => events.push({ dedupeKey: i === 0 ? dedupeKey : `${dedupeKey}/${i}`, payload: event, status: 'queued', record }));
        if (records.length === 0) events.push({ dedupeKey, payload: event, status: echo ? 'echo' : 'ignored', record: null });
      }
      accepted += await acceptEvents(deps, tenant.tenantId, 'hubspot', events);
    }
    if (deferred.length > 0) {
      const retryAfter = Math.max(...deferred.map((d) => d.retryAfterSeconds));
      res
        .status(429)
        .setHeader('Retry-After', String(retryAfter))
        .json({ error: { code: 'rate_limited', message: `Events of ${deferred.length} portal(s) over their tenant's limit; send the batch again after ${retryAfter} s (the others' are stored)`, details: deferred } });
      return;
    }
    res.status(200).json({ received: batch.length, accepted });
  });
  return router;
}

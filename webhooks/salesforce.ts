import { createHmac, timingSafeEqual } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import type { InboundEvent } from '../src/store/inboundEvents';
import { linksByCrmId, type EntityKind, type SyncLink } from '../src/store/syncLinks';
import { crmKey } from '../src/store/syncPending';
import { hashValues } from '../src/sync/hash';
import { sameApiName } from '../src/sync/salesforce/apiNames';
import { fromCrmValues } from '../src/sync/mapping/translate';
import { acceptEvents, findInboundTenant, type InboundDeps } from './inbound';
import { ACK, parseOutboundMessage, soapFault } from './soap';

/**
 * The secret in a tenant's Outbound Message endpoint URL. Salesforce signs nothing, so the
 * URL itself (with the org id in the message) is what tells a real message from a forgery.
 */
export function salesforceEndpointSecret(signingSecret: string, tenantId: string): string {
  return createHmac('sha256', signingSecret).update(`salesforce-outbound-message/${tenantId}`).digest('base64url');
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** `POST /webhooks/salesforce/:secret`: Outbound Messages, acknowledged only once stored. */
export function salesforceWebhookRouter(deps: InboundDeps, settings: { signingSecret: string }): Router {
  const router = Router();
  router.post('/webhooks/salesforce/:secret', express.text({ type: () => true, limit: '5mb' }), async (req: Request, res: Response) => {
    res.locals.routeTemplate = '/webhooks/salesforce/:secret';
    const fault = (status: number, code: 'Client' | 'Server', message: string) => res.status(status).type('text/xml').send(soapFault(code, message));
    let message;
    try {
      message = parseOutboundMessage(typeof req.body === 'string' ? req.body : '');
    } catch (err) {
      fault(500, 'Client', (err as Error).message);
      return;
    }
    const tenant = await findInboundTenant(deps, 'salesforce', message.organizationId);
    if (!tenant || !same(String(req.params.secret), salesforceEndpointSecret(settings.signingSecret, tenant.tenantId))) {
      deps.logger.warn({ organizationId: message.organizationId }, 'refused a Salesforce outbound message');
      fault(403, 'Client', 'This endpoint does not accept messages from that organization');
      return;
    }
    const { tenantId, mapping } = tenant;
    // In a subscriber org the package's object arrives prefixed (`trellisprm__…__c`), as the mapping in force names it.
    const kindOf = (objectType: string): EntityKind | null =>
      sameApiName(objectType, mapping.partner.salesforce.object) ? 'partner' : sameApiName(objectType, mapping.registration.salesforce.object) ? 'registration' : null;
    const links = new Map<string, SyncLink>();
    for (const kind of ['partner', 'registration'] as const) {
      const ids = message.notifications.filter((n) => kindOf(n.objectType) === kind).map((n) => n.fields.Id ?? '');
      for (const [id, link] of await linksByCrmId(deps.db, tenantId, 'salesforce', kind, ids)) links.set(`${kind}:${id}`, link);
    }
    const events: InboundEvent[] = message.notifications.map((n) => {
      const recordId = n.fields.Id ?? '';
      const kind = kindOf(n.objectType);
      if (!kind || !recordId) return { dedupeKey: n.id, payload: n, status: 'ignored', record: null };
      // The message carries the record's fields: if they are exactly what we last wrote, it is our own echo.
      const echo = links.get(`${kind}:${recordId}`)?.syncedHash === hashValues(fromCrmValues(mapping[kind].salesforce, n.fields));
      return echo
        ? { dedupeKey: n.id, payload: n, status: 'echo', record: null }
        : { dedupeKey: n.id, payload: n, status: 'queued', record: { kind, key: crmKey(recordId) } };
    });
    await acceptEvents(deps, tenantId, 'salesforce', events);
    res.status(200).type('text/xml').send(ACK);
  });
  return router;
}

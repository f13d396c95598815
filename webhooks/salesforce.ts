import { createHmac, timingSafeEqual } from 'node:crypto';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { InboundEvent } from '../src/store/inboundEvents';
import { ENTITY_KINDS, type EntityKind } from '../src/domain/crm';
import { linksByCrmId, type SyncLink } from '../src/store/syncLinks';
import { crmKey } from '../src/store/syncPending';
import { hashValues } from '../src/sync/hash';
import { acceptEvents, findInboundTenant } from '../src/sync/inbound';
import { sameApiName } from '../src/sync/salesforce/apiNames';
import { fromCrmValues } from '../src/sync/mapping/translate';
import type { WebhookDeps } from './deps';
import { ACK, parseOutboundMessage, soapFault } from './soap';

/**
 * The secret in a tenant's Outbound Message endpoint URL. Salesforce signs nothing, so the
 * URL itself (with the org id in the message) is what tells a real message from a forgery.
 */
export function salesforceEndpointSecret(signingSecret: string, tenantId: string): string {
  return createHmac('sha256', signingSecret).update(`salesforce-outbound-message/${tenantId}`).digest('base64url');
}

/** The secret's shape: an HMAC-SHA256 in base64url, 43 ASCII characters. Anything else is refused unread. */
const SECRET_SHAPE = /^[A-Za-z0-9_-]{43}$/;
// Compared as bytes, lengths first: a multibyte string of the same length in characters is a refusal, not a throw.
const same = (a: string, b: string) => Buffer.byteLength(a) === Buffer.byteLength(b) && timingSafeEqual(Buffer.from(a), Buffer.from(b));
/** The organization id, found without parsing the XML, so a forgery is refused before the expensive work. */
const ORGANIZATION_ID = /<(?:[\w-]+:)?OrganizationId>\s*([A-Za-z0-9]{15,18})\s*<\/(?:[\w-]+:)?OrganizationId>/;
const TEMPLATE = '/webhooks/salesforce/:secret';

/** `POST /webhooks/salesforce/:secret`: Outbound Messages, acknowledged only once stored. */
export function salesforceWebhookRouter(deps: WebhookDeps, settings: { signingSecret: string }): Router {
  const router = Router();
  const fault = (res: Response, status: number, code: 'Client' | 'Server', message: string) => res.status(status).type('text/xml').send(soapFault(code, message));
  const refuse = (res: Response) => fault(res, 403, 'Client', 'This endpoint does not accept messages from that organization');
  router.post(
    TEMPLATE,
    (req: Request, res: Response, next: NextFunction) => {
      // Set before the body is read, so a 413 or a 500 is logged by its template, never by the URL that holds the secret.
      res.locals.routeTemplate = TEMPLATE;
      if (!SECRET_SHAPE.test(String(req.params.secret))) {
        deps.logger.warn('refused a Salesforce outbound message: not an endpoint secret');
        refuse(res);
        return;
      }
      next();
    },
    express.text({ type: () => true, limit: '5mb' }),
    async (req: Request, res: Response) => {
      const body = typeof req.body === 'string' ? req.body : '';
      const organizationId = ORGANIZATION_ID.exec(body)?.[1];
      if (!organizationId) {
        fault(res, 500, 'Client', 'malformed XML: no OrganizationId element');
        return;
      }
      const tenant = await findInboundTenant(deps, 'salesforce', organizationId);
      if (!tenant || !same(String(req.params.secret), salesforceEndpointSecret(settings.signingSecret, tenant.tenantId))) {
        deps.logger.warn({ organizationId }, 'refused a Salesforce outbound message');
        refuse(res);
        return;
      }
      res.locals.tenantId = tenant.tenantId;
      const retryAfter = await deps.rateLimit?.take(tenant.tenantId);
      if (retryAfter) {
        // Salesforce retries an unacknowledged message with backoff, for up to 24 hours.
        res.setHeader('Retry-After', String(retryAfter));
        fault(res, 429, 'Server', `Too many messages; retry after ${retryAfter} s`);
        return;
      }
      let message;
      try {
        message = parseOutboundMessage(body);
      } catch (err) {
        fault(res, 500, 'Client', (err as Error).message);
        return;
      }
      // The secret was checked for the org id found first; a message that names another (a second element) is refused.
      if (message.organizationId !== organizationId) {
        refuse(res);
        return;
      }
      const { tenantId, mapping } = tenant;
      // In a subscriber org the package's object arrives prefixed (`trellisprm__…__c`), as the mapping in force names it.
      const kindOf = (objectType: string): EntityKind | null =>
        sameApiName(objectType, mapping.partner.salesforce.object) ? 'partner' : sameApiName(objectType, mapping.registration.salesforce.object) ? 'registration' : null;
      const links = new Map<string, SyncLink>();
      for (const kind of ENTITY_KINDS) {
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
    },
  );
  return router;
}

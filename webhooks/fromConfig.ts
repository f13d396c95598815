import { Router } from 'express';
import type { Config } from '../src/config';
import type { WebhookDeps } from './deps';
import { hubspotWebhookRouter } from './hubspot';
import { salesforceEndpointSecret, salesforceWebhookRouter } from './salesforce';

/** The CRM webhook receivers the HTTP app mounts, and the Outbound Message URL each tenant is given. */
export interface CrmWebhooks {
  webhooks: Router;
  salesforceOutboundUrl?: (tenantId: string) => string;
}

/** The receivers as the environment configures them: Salesforce's only with a signing secret, which its endpoint URLs are made from. */
export function crmWebhooksFromConfig(config: Config, deps: WebhookDeps): CrmWebhooks {
  const webhooks = Router();
  webhooks.use(
    hubspotWebhookRouter(deps, {
      publicUrl: config.publicUrl,
      clientSecrets: [config.hubspot.clientSecret, ...config.sync.hubspotPreviousSecrets].filter((s): s is string => Boolean(s)),
      appId: config.hubspot.appId,
      allowLegacySignatures: config.sync.hubspotAllowLegacySignatures,
    }),
  );
  const signingSecret = config.signingSecret;
  if (!signingSecret) return { webhooks };
  webhooks.use(salesforceWebhookRouter(deps, { signingSecret }));
  return { webhooks, salesforceOutboundUrl: (tenantId) => `${config.publicUrl}/webhooks/salesforce/${salesforceEndpointSecret(signingSecret, tenantId)}` };
}

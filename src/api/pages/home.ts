import { Router } from 'express';
import { escapeHtml, htmlPage } from './layout';

export interface HomeOptions {
  /** Whether installs and the signed-in pages are served (a signing secret is configured). */
  signIn: boolean;
  /** Sandbox only: the card preview and the emulators' web views. */
  sandbox?: { links: { label: string; url: string }[] };
}

const API_INDEX = { name: 'Trellis API', version: 'v1', openapi: '/api/v1/openapi.json', authentication: 'Authorization: Bearer <API key> (create one on the settings page)' };

/**
 * The root a person opens first: where everything is, instead of a 404. `/api/v1` answers with
 * what the API is and where its description lives.
 */
export function homeRouter(options: HomeOptions): Router {
  const router = Router();
  const link = (href: string, label: string, what: string) => `<tr><th><a href="${escapeHtml(href)}">${escapeHtml(label)}</a></th><td>${escapeHtml(what)}</td></tr>`;
  const rows = [
    ...(options.sandbox
      ? [
          link('/preview', 'CRM cards', 'A HubSpot deal page with the Trellis cards in its sidebar: register a deal, see its conflicts, co-sell, partner health.'),
          link('/preview/salesforce', 'Salesforce components', 'A Salesforce Opportunity or Account page with the Trellis Lightning web components, rendered by the LWC engine.'),
        ]
      : []),
    ...(options.signIn
      ? [
          link('/dashboard', 'Dashboard', 'Partner analytics: revenue, registrations, approval times, health.'),
          link('/inbox', 'Approval inbox', 'Pending registrations and open conflicts, oldest first, with the decisions Slack offers.'),
          link('/settings', 'Settings', 'Connections to HubSpot, Salesforce and Slack, rules of engagement, API keys.'),
          link('/signin', 'Sign in', 'With HubSpot, Salesforce or single sign-on, as a user your Trellis admin added.'),
          link('/oauth/hubspot/install', 'Install in HubSpot', 'Install Trellis in a HubSpot portal.'),
          link('/oauth/salesforce/install', 'Install in Salesforce', 'The same for a Salesforce org.'),
          link('/oauth/salesforce/install?login=sandbox', 'Install in a Salesforce sandbox', 'For a sandbox org, which logs in at test.salesforce.com.'),
          `<tr><th><form method="get" action="/oauth/salesforce/install"><input name="my_domain" placeholder="acme.my.salesforce.com" aria-label="My Domain"> <button>Install at your My Domain</button></form></th><td>For an org that logs in at its own My Domain.</td></tr>`,
        ]
      : []),
    link('/api/v1/openapi.json', 'API', 'The REST API described in OpenAPI 3.1.'),
    link('/healthz', 'Health', 'Liveness; /readyz checks the store and the queue.'),
    ...(options.sandbox?.links ?? []).map((l) => link(l.url, l.label, 'Emulator web view.')),
  ];
  const page = htmlPage('Trellis', `<section><h1>Trellis is running</h1><table>${rows.join('')}</table></section>`);
  router.get('/', (_req, res) => void res.type('html').send(page));
  router.get(['/api', '/api/v1'], (_req, res) => void res.json(API_INDEX));
  return router;
}

import { HUBSPOT_OPTIONAL_SCOPES, HUBSPOT_REQUIRED_SCOPES, HUBSPOT_SIGN_IN_SCOPES } from '../../src/install/hubspot';
import { callbackUrl, signInCallbackUrl } from '../../src/install/settings';
import { SALESFORCE_SCOPES, SALESFORCE_SIGN_IN_SCOPES } from '../../src/install/salesforce';
import { SLACK_BOT_SCOPES } from '../../src/install/slack';
import type { RunningHubSpotEmulator } from '../hubspot';
import type { RunningSalesforceEmulator } from '../salesforce';
import type { RunningSlackEmulator } from '../slack';

/** The credentials Trellis is configured with; each emulator gets an app holding the same. */
export interface TrellisAppCredentials {
  hubspot: { clientId: string; clientSecret: string };
  salesforce: { clientId: string; clientSecret: string };
  slack: { clientId: string; clientSecret: string; signingSecret: string };
}

export interface Emulators {
  hubspot: RunningHubSpotEmulator;
  salesforce: RunningSalesforceEmulator;
  slack: RunningSlackEmulator;
}

/** The CRM changes the sync engine listens to. */
const HUBSPOT_SUBSCRIPTIONS = ['company.creation', 'company.propertyChange', 'deal.creation', 'deal.propertyChange'].map((subscriptionType) => ({
  subscriptionType,
  active: true,
}));

/**
 * Registers Trellis in each emulator as its developer would in the marketplace consoles:
 * redirect URLs on this Trellis, the scopes the install asks for, webhook targets.
 * Idempotent across restarts of persisted emulators; returns the HubSpot app id.
 */
export function registerTrellisApps(emulators: Emulators, trellisUrl: string, credentials: TrellisAppCredentials): { hubspotAppId: number } {
  const site = { publicUrl: trellisUrl };
  const webhooks = { targetUrl: `${trellisUrl}/webhooks/hubspot`, subscriptions: HUBSPOT_SUBSCRIPTIONS };
  // The scope classes of app-hsmeta.json: signing in asks `oauth` alone, an install the CRM scopes too;
  // custom-object scopes are optional, so every paid tier installs.
  const scopes = {
    scopes: HUBSPOT_SIGN_IN_SCOPES,
    conditionallyRequiredScopes: HUBSPOT_REQUIRED_SCOPES.filter((s) => !HUBSPOT_SIGN_IN_SCOPES.includes(s)),
    optionalScopes: HUBSPOT_OPTIONAL_SCOPES,
  };
  const hubspotRedirects = [callbackUrl(site, 'hubspot'), signInCallbackUrl(site, 'hubspot')];
  const known = Object.values(emulators.hubspot.state.apps).find((a) => a.clientId === credentials.hubspot.clientId);
  const hubspotApp =
    known ??
    emulators.hubspot.registerApp({
      name: 'Trellis',
      ...credentials.hubspot,
      redirectUrls: hubspotRedirects,
      ...scopes,
      webhooks,
    });
  if (known) {
    // A persisted emulator keeps the app; Trellis may have moved to another port, or asks other scopes, since.
    Object.assign(known, scopes);
    known.redirectUrls = hubspotRedirects;
    known.webhooks = { targetUrl: webhooks.targetUrl, subscriptions: known.webhooks?.subscriptions ?? [] };
  }

  emulators.salesforce.registerApp({
    name: 'Trellis',
    consumerKey: credentials.salesforce.clientId,
    consumerSecret: credentials.salesforce.clientSecret,
    callbackUrls: [callbackUrl(site, 'salesforce'), signInCallbackUrl(site, 'salesforce')],
    scopes: [...SALESFORCE_SCOPES, ...SALESFORCE_SIGN_IN_SCOPES],
  });

  const slackUrls = {
    redirectUrls: [callbackUrl(site, 'slack')],
    interactivityUrl: `${trellisUrl}/slack/interactions`,
    eventsUrl: `${trellisUrl}/slack/events`,
    botScopes: SLACK_BOT_SCOPES,
  };
  const { apps } = emulators.slack.emulator.snapshot() as { apps: Record<string, { id: string; clientId: string }> };
  const slackApp = Object.values(apps).find((a) => a.clientId === credentials.slack.clientId);
  if (slackApp) emulators.slack.updateApp(slackApp.id, slackUrls);
  else emulators.slack.registerApp({ name: 'Trellis', ...credentials.slack, ...slackUrls });

  return { hubspotAppId: hubspotApp.id };
}

/** Where Trellis reaches each emulator: its API, and the consent pages admins are sent to. */
export function emulatorEndpoints(emulators: Emulators) {
  return {
    hubspot: { apiUrl: emulators.hubspot.url, authorizeUrl: `${emulators.hubspot.url}/oauth/authorize` },
    // The emulator serves every login host under /hosts/{host}; its root is login.salesforce.com.
    salesforce: { loginUrl: emulators.salesforce.url, hostUrl: `${emulators.salesforce.url}/hosts/{host}` },
    slack: { apiUrl: emulators.slack.apiUrl, authorizeUrl: `${emulators.slack.url}/oauth/v2/authorize` },
  };
}

import type { Deps } from '../../usecases/context';
import type { CredentialAlarm } from '../credentialAlarm';
import { hubspotAdapter } from '../hubspot/adapter';
import { hubspotRefresher } from '../hubspot/refresh';
import { salesforceAdapter } from '../salesforce/adapter';
import { salesforceRefresher } from '../salesforce/refresh';
import { AccessTokens } from '../tokens';
import { tracedAdapter } from '../tracedAdapter';
import { publishedLimits, windowPacer, type Slots } from './pacing';
import type { AdapterFactory } from './syncBatch';

/** The app credentials and endpoints the adapters need (from config). */
export interface CrmAppSettings {
  hubspot: { apiUrl: string; clientId: string; clientSecret: string; searchLagMs?: number | undefined };
  salesforce: { loginUrl: string; clientId: string; clientSecret: string; dailyBudget: number };
}

/** Builds a tenant's adapter for a CRM: its tokens, its paced budget, its SDK client, its writes traced. */
export function crmAdapters(deps: Deps & { alarm?: CredentialAlarm }, settings: CrmAppSettings, slots: Slots): AdapterFactory {
  const hubspotRefresh = hubspotRefresher({ ...settings.hubspot, clock: deps.clock });
  const salesforceRefresh = salesforceRefresher(settings.salesforce);
  const adapterOf: AdapterFactory = (tenantId, crm) => {
    const pace = windowPacer(slots, `${tenantId}.${crm}`, publishedLimits(crm, settings.salesforce.dailyBudget));
    if (crm === 'hubspot') {
      return hubspotAdapter({ apiUrl: settings.hubspot.apiUrl, tokens: new AccessTokens(deps, tenantId, crm, hubspotRefresh), pace, searchLagMs: settings.hubspot.searchLagMs });
    }
    return salesforceAdapter({ tokens: new AccessTokens(deps, tenantId, crm, salesforceRefresh), pace, clientId: settings.salesforce.clientId });
  };
  return (tenantId, crm) => tracedAdapter(adapterOf(tenantId, crm), tenantId);
}

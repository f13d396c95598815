import type { Crm } from '../domain/crm';
import type { RevokeAtCrm } from '../usecases/disconnectCrm';
import { revokeHubSpot } from './hubspot';
import { revokeSalesforce } from './salesforce';
import type { InstallSettings } from './settings';

/** How an uninstall tells each CRM to forget Trellis's tokens. */
export function crmRevokers(settings: InstallSettings): Record<Crm, RevokeAtCrm> {
  return {
    hubspot: (connection) => revokeHubSpot(settings, connection),
    salesforce: (connection) => revokeSalesforce(settings, connection),
  };
}

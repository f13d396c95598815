/**
 * Where a person opens a CRM record in the CRM's own web app. The host comes from the tenant's
 * connection (a Salesforce org's instance URL) or from where HubSpot's app is (its consent page's
 * origin: app.hubspot.com, or the sandbox emulator), so the same links work for real accounts
 * and the emulators alike.
 */
export interface CrmWeb {
  /** HubSpot's app, e.g. `https://app.hubspot.com`. */
  hubspotAppUrl: string;
}

/** HubSpot's app is where its consent page is. */
export const crmWebOf = (hubspot: { authorizeUrl: string }): CrmWeb => ({ hubspotAppUrl: new URL(hubspot.authorizeUrl).origin });

/** Standard HubSpot objects by API name; a custom object goes by its portal-specific type id (`2-…`). */
const HUBSPOT_TYPE_IDS: Record<string, string> = { contacts: '0-1', companies: '0-2', deals: '0-3' };

/** `https://app.hubspot.com/contacts/{portalId}/record/{objectTypeId}/{id}`, or null for an object whose type id is unknown. */
export function hubspotRecordUrl(web: CrmWeb, portalId: string, object: string, id: string): string | null {
  const typeId = HUBSPOT_TYPE_IDS[object] ?? (/^\d+-\d+$/.test(object) ? object : undefined);
  return typeId ? `${web.hubspotAppUrl}/contacts/${encodeURIComponent(portalId)}/record/${typeId}/${encodeURIComponent(id)}` : null;
}

/** `{instanceUrl}/lightning/r/{Object}/{Id}/view`. */
export function salesforceRecordUrl(instanceUrl: string, object: string, id: string): string {
  return `${instanceUrl.replace(/\/$/, '')}/lightning/r/${encodeURIComponent(object)}/${encodeURIComponent(id)}/view`;
}

import type { Crm } from '../domain/crm';
import type { Queryable } from './db';

/** A connected CRM account as far as links to its records need: no tokens. */
export interface CrmSite {
  crm: Crm;
  /** HubSpot portal id or Salesforce org id. */
  accountId: string;
  instanceUrl: string | null;
}

/** The tenant's CRM accounts whose records people can still open (a disconnected one is left out). */
export async function listCrmSites(q: Queryable, tenantId: string): Promise<CrmSite[]> {
  const { rows } = await q.query<{ crm: Crm; external_account_id: string; instance_url: string | null }>(
    `SELECT crm, external_account_id, instance_url FROM crm_connections WHERE tenant_id = $1 AND status <> 'disconnected' ORDER BY crm`,
    [tenantId],
  );
  return rows.map((r) => ({ crm: r.crm, accountId: r.external_account_id, instanceUrl: r.instance_url }));
}

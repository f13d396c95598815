import { Client } from '@hubspot/api-client';
import type { Clock } from '../domain/clock';
import type { Deps } from '../usecases/context';
import { toCrmError } from '../sync/hubspot/errors';
import { hubspotRefresher } from '../sync/hubspot/refresh';
import { AccessTokens } from '../sync/tokens';

export type PreviewObject = 'deals' | 'companies';

/** A CRM record as the card hooks see it: its properties and its associated companies and line items. */
export interface PreviewRecord {
  objectType: PreviewObject;
  objectTypeId: '0-3' | '0-2';
  objectId: string;
  title: string;
  properties: Record<string, string | null>;
  associations: Record<'0-2' | '0-8', { id: string; properties: Record<string, string | null> }[]>;
}

export interface HubSpotApi {
  apiUrl: string;
  clientId: string;
  clientSecret: string;
}

const DEAL_PROPERTIES = ['dealname', 'amount', 'deal_currency_code', 'closedate', 'dealstage', 'pipeline', 'hs_lastmodifieddate'];
const COMPANY_PROPERTIES = ['name', 'domain', 'country', 'industry', 'numberofemployees', 'annualrevenue'];

/** Reads the tenant's HubSpot portal with its own connection, as the cards' CRM hooks would show it. */
export class PreviewRecords {
  private readonly tokens: AccessTokens;

  constructor(
    deps: Pick<Deps, 'db' | 'keyring'> & { clock: Clock },
    tenantId: string,
    private readonly api: HubSpotApi,
  ) {
    this.tokens = new AccessTokens(deps, tenantId, 'hubspot', hubspotRefresher({ ...api, clock: deps.clock }));
  }

  private call<T>(work: (client: Client) => Promise<T>): Promise<T> {
    return this.tokens.run(async (connection) => {
      try {
        return await work(new Client({ basePath: this.api.apiUrl, accessToken: connection.accessToken }));
      } catch (err) {
        throw toCrmError(err);
      }
    });
  }

  async list(objectType: PreviewObject, limit = 25): Promise<{ id: string; title: string }[]> {
    return this.call(async (c) => {
      const api = objectType === 'deals' ? c.crm.deals.basicApi : c.crm.companies.basicApi;
      const page = await api.getPage(limit, undefined, objectType === 'deals' ? ['dealname'] : ['name']);
      return page.results.map((r) => ({ id: r.id, title: (objectType === 'deals' ? r.properties.dealname : r.properties.name) ?? r.id }));
    });
  }

  async read(objectType: PreviewObject, id: string): Promise<PreviewRecord> {
    return this.call(async (c) => {
      const record =
        objectType === 'deals'
          ? await c.crm.deals.basicApi.getById(id, DEAL_PROPERTIES, undefined, ['companies'])
          : await c.crm.companies.basicApi.getById(id, COMPANY_PROPERTIES);
      const idsOf = (type: string) => (record.associations?.[type]?.results ?? []).map((a) => a.id);
      const companies = await Promise.all(idsOf('companies').slice(0, 1).map((cid) => c.crm.companies.basicApi.getById(cid, COMPANY_PROPERTIES)));
      return {
        objectType,
        objectTypeId: objectType === 'deals' ? '0-3' : '0-2',
        objectId: record.id,
        title: (objectType === 'deals' ? record.properties.dealname : record.properties.name) ?? record.id,
        properties: record.properties,
        associations: {
          '0-2': companies.map((r) => ({ id: r.id, properties: r.properties })),
          // Line items are not read yet: the sandbox portal has none, so the card asks for products instead.
          '0-8': [],
        },
      };
    });
  }
}

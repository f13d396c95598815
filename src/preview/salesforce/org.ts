import { Connection } from 'jsforce';
import type { Clock } from '../../domain/clock';
import type { Deps } from '../../usecases/context';
import { SALESFORCE_API_VERSION } from '../../sync/salesforce/adapter';
import { toCrmError } from '../../sync/salesforce/errors';
import { salesforceRefresher } from '../../sync/salesforce/refresh';
import { AccessTokens } from '../../sync/tokens';

export interface SalesforceApi {
  loginUrl: string;
  clientId: string;
  clientSecret: string;
}

/** The record pages the preview draws, each an object Trellis's components are placed on. */
export type PageObject = 'Opportunity' | 'Account';

const SALESFORCE_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
const KEY_PREFIXES: Record<string, PageObject> = { '006': 'Opportunity', '001': 'Account' };

/** The object a record id names by its key prefix (what Apex's `Id.getSObjectType()` tells), or null. */
export function objectOfId(id: string): PageObject | null {
  return SALESFORCE_ID.test(id) ? (KEY_PREFIXES[id.slice(0, 3)] ?? null) : null;
}

/** An id quoted for SOQL; only well-formed ids are accepted, so nothing else reaches the query. */
export function soqlId(id: string): string {
  if (!SALESFORCE_ID.test(id)) throw new Error(`"${id}" is not a Salesforce record id`);
  return `'${id}'`;
}

/** A Salesforce org read with the tenant's own connection to it (what the components' Apex reads in the org). */
export class PreviewOrg {
  private readonly tokens: AccessTokens;

  constructor(deps: Pick<Deps, 'db' | 'keyring'> & { clock: Clock }, tenantId: string, api: SalesforceApi) {
    this.tokens = new AccessTokens(deps, tenantId, 'salesforce', salesforceRefresher(api));
  }

  private call<T>(work: (conn: Connection) => Promise<T>): Promise<T> {
    return this.tokens.run(async (connection) => {
      try {
        return await work(new Connection({ instanceUrl: connection.instanceUrl ?? '', accessToken: connection.accessToken, version: SALESFORCE_API_VERSION }));
      } catch (err) {
        throw toCrmError(err);
      }
    });
  }

  async query<T extends Record<string, unknown>>(soql: string): Promise<T[]> {
    return this.call(async (conn) => (await conn.query<T>(soql)).records);
  }

  /** The object's field names, as describe shows them (an org may or may not have a field). */
  async fieldsOf(object: string): Promise<Set<string>> {
    return this.call(async (conn) => new Set((await conn.sobject(object).describe()).fields.map((f) => f.name)));
  }
}

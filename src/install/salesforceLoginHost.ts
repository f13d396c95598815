import type { Config } from '../config';
import { InstallFailed } from './settings';

type Hosts = Pick<Config['salesforce'], 'loginUrl' | 'hostUrl'>;

/**
 * Salesforce orgs log in at their own host [sf-ep]: production at login.salesforce.com, sandboxes
 * at test.salesforce.com, any org at its My Domain. An install starts at the host the admin picks,
 * and the connection keeps the host its grants are refreshed at, so production and sandbox orgs
 * can both be tenants.
 */
export const SANDBOX_LOGIN_HOST = 'test.salesforce.com';

/** `acme.my.salesforce.com`, or a sandbox's `acme--uat.sandbox.my.salesforce.com`. */
const MY_DOMAIN_HOST = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.sandbox)?\.my\.salesforce\.com$/;

const urlOf = (hosts: Hosts, host: string) => hosts.hostUrl.replace('{host}', host);

/** The My Domain host an admin typed: a bare name (`acme`, `acme--uat`), a host, or its URL. */
function myDomainHost(typed: string): string | null {
  const text = typed.trim().toLowerCase().replace(/^https:\/\//, '').replace(/\/+$/, '');
  const host = text.includes('.') ? text : `${text}${text.includes('--') ? '.sandbox' : ''}.my.salesforce.com`;
  return MY_DOMAIN_HOST.test(host) ? host : null;
}

/**
 * Where an install logs in, from `?login=production|sandbox` or `?my_domain=…`. Only Salesforce's
 * own hosts can be chosen: the client secret goes to whichever host this returns.
 */
export function chosenLoginUrl(hosts: Hosts, query: { login?: unknown; my_domain?: unknown }): string {
  if (typeof query.my_domain === 'string' && query.my_domain.trim() !== '') {
    const host = myDomainHost(query.my_domain);
    if (!host) throw new InstallFailed('That is not a My Domain: give it as acme.my.salesforce.com, or acme--uat.sandbox.my.salesforce.com for a sandbox.');
    return urlOf(hosts, host);
  }
  if (query.login === undefined || query.login === 'production') return hosts.loginUrl;
  if (query.login === 'sandbox') return urlOf(hosts, SANDBOX_LOGIN_HOST);
  throw new InstallFailed('Choose where to log in to Salesforce: production or sandbox (login=production|sandbox), or your My Domain (my_domain=…).');
}

/**
 * The host a new connection refreshes at: the My Domain the admin logged in at, else the login
 * host the token's identity URL names (`https://test.salesforce.com/id/…` for a sandbox). That host
 * must be one Trellis trusts, since refresh tokens and the client secret are sent there.
 */
export function connectionLoginUrl(hosts: Hosts, chosen: string, identityUrl: string): string {
  const shared = [hosts.loginUrl, urlOf(hosts, SANDBOX_LOGIN_HOST)];
  const named = identityUrl.slice(0, identityUrl.lastIndexOf('/id/'));
  if (![...shared, chosen].includes(named)) throw new InstallFailed('Salesforce answered with an identity URL on another host.');
  return shared.includes(chosen) ? named : chosen;
}

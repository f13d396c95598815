import type { NextFunction, Request, Response } from 'express';
import type { Org } from './state';

/**
 * Salesforce's login hosts [sf-ep]: production and Developer Edition orgs log in at
 * `login.salesforce.com`, sandboxes at `test.salesforce.com`, and every org at its own My Domain
 * (`acme.my.salesforce.com`, a sandbox's `acme--uat.sandbox.my.salesforce.com`). The emulator
 * serves them all on one port: `/hosts/{host}/…` is that host, and the bare root is
 * `login.salesforce.com`, so a client pointed at the emulator's URL talks to production.
 */
export const PRODUCTION_LOGIN_HOST = 'login.salesforce.com';
export const SANDBOX_LOGIN_HOST = 'test.salesforce.com';

const HOST_PREFIX = /^\/hosts\/([a-z0-9.-]+)(?=\/|$)/i;

/** Takes the `/hosts/{host}` prefix off the path and notes the host for the routes behind. */
export function loginHostRouting(req: Request, res: Response, next: NextFunction): void {
  const match = HOST_PREFIX.exec(req.url);
  res.locals.loginHost = match ? match[1]!.toLowerCase() : PRODUCTION_LOGIN_HOST;
  if (match) req.url = req.url.slice(match[0].length) || '/';
  next();
}

export function requestHost(res: Response): string {
  return res.locals.loginHost as string;
}

/** The URL a host has on this emulator. */
export function hostUrl(base: string, host: string): string {
  return host === PRODUCTION_LOGIN_HOST ? base : `${base}/hosts/${host}`;
}

export function myDomainHost(org: Org): string | undefined {
  if (!org.myDomain) return undefined;
  return org.sandbox ? `${org.myDomain}.sandbox.my.salesforce.com` : `${org.myDomain}.my.salesforce.com`;
}

/** The shared login host of the org's kind, which the identity URL names. */
export function kindLoginHost(org: Org): string {
  return org.sandbox ? SANDBOX_LOGIN_HOST : PRODUCTION_LOGIN_HOST;
}

/** Where the org's users log in and its grants are refreshed: its kind's login host or its My Domain. */
export function acceptsLoginAt(org: Org, host: string): boolean {
  return host === kindLoginHost(org) || host === myDomainHost(org);
}

/** The org's API host: its My Domain when it has one. */
export function instanceHost(org: Org): string {
  return myDomainHost(org) ?? kindLoginHost(org);
}

/** The token response's `instance_url`: where the org's API is reached. */
export function instanceUrl(base: string, org: Org): string {
  return hostUrl(base, instanceHost(org));
}

/** The identity URL names the kind's login host, as Salesforce's does (`https://test.salesforce.com/id/…` for a sandbox). */
export function identityUrl(base: string, org: Org, userId: string): string {
  return `${hostUrl(base, kindLoginHost(org))}/id/${org.id}/${userId}`;
}

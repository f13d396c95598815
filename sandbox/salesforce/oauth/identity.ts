import type { Request, Response } from 'express';
import { grantFromRequest, liveGrant } from '../auth';
import type { EmulatorContext } from '../context';
import { identityUrl, instanceUrl } from '../hosts';
import type { AccessTokenGrant, Org } from '../state';

/**
 * The identity service: `GET /id/{orgId}/{userId}` (the `id` URL of a token response,
 * also accepting `oauth_token` in the query) and OpenID Connect `GET /services/oauth2/userinfo`.
 */
export function identityResource(ctx: EmulatorContext) {
  return (req: Request, res: Response): void => {
    const queryToken = typeof req.query.oauth_token === 'string' ? req.query.oauth_token : undefined;
    const grant = queryToken ? liveGrant(ctx.state, queryToken, ctx.now()) : grantFromRequest(ctx, req);
    if (!grant) return void res.status(403).type('text/plain').send('Bad_OAuth_Token');
    if (grant.orgId !== req.params.orgId || grant.userId !== req.params.userId) return void res.status(403).type('text/plain').send('Bad_Id');
    const who = describeUser(ctx, grant);
    res.json({
      id: who.idUrl,
      asserted_user: true,
      user_id: grant.userId,
      organization_id: grant.orgId,
      username: who.username,
      nick_name: who.nickname,
      display_name: who.name,
      ...emailClaims(ctx.state.orgs[grant.orgId]!, grant.userId),
      first_name: who.firstName,
      last_name: who.lastName,
      timezone: 'GMT',
      active: true,
      user_type: 'STANDARD',
      language: 'en_US',
      locale: 'en_US',
      utcOffset: 0,
      last_modified_date: who.lastModified,
      is_app_installed: true,
      urls: who.urls,
    });
  };
}

export function userInfoResource(ctx: EmulatorContext) {
  return (req: Request, res: Response): void => {
    const grant = grantFromRequest(ctx, req);
    if (!grant) return void res.status(403).type('text/plain').send('Bad_OAuth_Token');
    const who = describeUser(ctx, grant);
    res.json({
      sub: who.idUrl,
      user_id: grant.userId,
      organization_id: grant.orgId,
      preferred_username: who.username,
      nickname: who.nickname,
      name: who.name,
      ...emailClaims(ctx.state.orgs[grant.orgId]!, grant.userId),
      given_name: who.firstName,
      family_name: who.lastName,
      zoneinfo: 'GMT',
      profile: `${who.urls.profile}`,
      urls: who.urls,
      active: true,
      user_type: 'STANDARD',
      language: 'en_US',
      locale: 'en_US',
      utcOffset: 0,
      updated_at: who.lastModified,
      is_app_installed: true,
    });
  };
}

/** The user's email, and whether they have verified it. */
export function emailClaims(org: Org, userId: string): { email: string; email_verified: boolean } {
  return { email: String(org.records.User?.[userId]?.Email ?? ''), email_verified: !(org.unverifiedEmailUserIds ?? []).includes(userId) };
}

function describeUser(ctx: EmulatorContext, grant: AccessTokenGrant) {
  const org = ctx.state.orgs[grant.orgId]!;
  const user = org.records.User?.[grant.userId] ?? {};
  // The identity URL is on the org's login host; the API URLs are on its instance.
  const base = instanceUrl(ctx.baseUrl(), org);
  const org15 = grant.orgId.slice(0, 15);
  const username = String(user.Username ?? '');
  return {
    idUrl: identityUrl(ctx.baseUrl(), org, grant.userId),
    username,
    nickname: username.split('@')[0],
    name: String(user.Name ?? ''),
    email: String(user.Email ?? ''),
    firstName: user.FirstName ?? null,
    lastName: String(user.LastName ?? ''),
    lastModified: user.LastModifiedDate ?? null,
    // `{version}` is left for the client to fill in, as in Salesforce's answer.
    urls: {
      enterprise: `${base}/services/Soap/c/{version}/${org15}`,
      partner: `${base}/services/Soap/u/{version}/${org15}`,
      rest: `${base}/services/data/v{version}/`,
      sobjects: `${base}/services/data/v{version}/sobjects/`,
      search: `${base}/services/data/v{version}/search/`,
      query: `${base}/services/data/v{version}/query/`,
      recent: `${base}/services/data/v{version}/recent/`,
      profile: `${base}/${grant.userId}`,
    },
  };
}

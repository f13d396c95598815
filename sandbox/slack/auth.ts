import { SlackApiError } from './errors';
import type { Installation } from './model';
import type { SlackState } from './state';

/**
 * Resolves the bot token of a Web API call: `Authorization: Bearer` wins over a
 * `token` field. No token → not_authed, unknown → invalid_auth, uninstalled → token_revoked.
 */
export function authenticate(state: SlackState, authorization: string | undefined, tokenField: string | undefined): Installation {
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const token = bearer ?? tokenField;
  if (!token) throw new SlackApiError('not_authed');
  const installation = state.installationByToken(token);
  if (!installation) throw new SlackApiError('invalid_auth');
  if (installation.revoked) throw new SlackApiError('token_revoked');
  return installation;
}

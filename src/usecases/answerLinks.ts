import { createHash } from 'node:crypto';
import { sign, verifySignature } from '../install/signing';

/**
 * The link a recipient answers a question through: `<recipient id>.<signature>`, signed under the
 * server's secret, so a guessed or altered link is refused before the store is asked. The same
 * recipient always gets the same token, so a mail sent again after a failed attempt carries a link
 * that still works. Only the token's digest is stored; spent or expired, the row refuses it.
 */
const PURPOSE = 'details-answer';

export const answerToken = (secret: string, recipientId: string) => `${recipientId}.${sign(secret, PURPOSE, recipientId)}`;

export const tokenDigest = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Whether a token is one Trellis signed; says nothing of whether it is still good. */
export function isSignedAnswerToken(secret: string, token: string): boolean {
  const dot = token.indexOf('.');
  if (dot <= 0) return false;
  return verifySignature(secret, PURPOSE, token.slice(0, dot), token.slice(dot + 1));
}

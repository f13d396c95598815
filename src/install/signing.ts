import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * HMAC-SHA256 under the server's signing secret. Every use names its purpose in the
 * signed text, so a value signed for one purpose (an install state, a session) is never
 * accepted for another.
 */
export function sign(secret: string, purpose: string, text: string): string {
  return createHmac('sha256', secret).update(`${purpose}\n${text}`).digest('base64url');
}

export function verifySignature(secret: string, purpose: string, text: string, signature: string): boolean {
  const expected = Buffer.from(sign(secret, purpose, text));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

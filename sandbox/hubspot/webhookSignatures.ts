import { createHash, createHmac } from 'node:crypto';

/** v3: base64 HMAC-SHA256 over method + URI + body + timestamp (ms), keyed with the client secret. */
export function signatureV3(clientSecret: string, method: string, uri: string, body: string, timestamp: number): string {
  return createHmac('sha256', clientSecret).update(`${method}${uri}${body}${timestamp}`).digest('base64');
}

/** v1 (legacy, still sent for CRM webhooks): hex SHA-256 of secret + body. */
export function signatureV1(clientSecret: string, body: string): string {
  return createHash('sha256').update(clientSecret + body).digest('hex');
}

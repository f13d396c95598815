/** What Apex's `AuraHandledException` carries to the component: its message, shown as it is. */
export class AuraHandledError extends Error {}

/** An HTTP callout from Apex to Trellis, as `callout:Trellis_Cards` makes it. */
export type TrellisCallout = (method: 'GET' | 'POST', path: string, body?: Record<string, unknown>, idempotencyKey?: string) => Promise<string>;

export interface NamedCredential {
  /** The Named Credential's URL: Trellis's Salesforce card API. */
  url: string;
  /** The org card secret its External Credential sends as a bearer token. */
  cardSecret: string;
}

const TIMEOUT_MS = 10_000;

/** `JSON.serialize(body, true)`: Apex leaves out null values. */
const withoutNulls = (body: Record<string, unknown>) => JSON.stringify(body, (_key, value: unknown) => (value === null ? undefined : value));

/**
 * `TrellisCards.send`: the callout through the Named Credential (the org's card secret as a bearer
 * token), naming the running user by email. A write carries its idempotency key and is sent a
 * second time after a timeout or a 5xx; an error answer becomes an AuraHandledException whose
 * message is Trellis's error object as JSON, so the component can mark the fields its details name.
 */
export function trellisCallout(credential: NamedCredential, userEmail: string): TrellisCallout {
  return async (method, path, body, idempotencyKey) => {
    const request = (): Promise<Response> =>
      fetch(`${credential.url}${path}`, {
        method,
        signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: {
          authorization: `Bearer ${credential.cardSecret}`,
          'x-trellis-user-email': userEmail,
          ...(body && { 'content-type': 'application/json' }),
          ...(idempotencyKey && { 'idempotency-key': idempotencyKey }),
        },
        ...(body && { body: withoutNulls(body) }),
      });
    let response: Response | null;
    if (!idempotencyKey) {
      response = await request();
    } else {
      response = await request().catch(() => null);
      if (!response || response.status >= 500) response = await request();
    }
    const text = await response.text();
    if (response.status >= 400) {
      let error: unknown;
      try {
        error = (JSON.parse(text) as { error?: unknown }).error;
      } catch {
        // Not JSON: Apex would fail to read it; the status is all there is to say.
      }
      throw new AuraHandledError(JSON.stringify(error ?? { code: 'error', message: `Trellis answered ${response.status}`, details: [] }));
    }
    return text;
  };
}

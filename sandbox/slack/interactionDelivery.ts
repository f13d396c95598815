import type { RegisteredApp } from './model';
import { signedHeaders } from './signing';
import { EmulatorError } from './errors';

/** What the app answered to an interaction: the ack as Slack saw it. */
export interface AppAnswer {
  status: number;
  body: string;
  /** The body parsed as JSON, when it is JSON. */
  json?: unknown;
  /** Set when the app did not answer in time or could not be reached (Slack then shows the user an error). */
  error?: string;
}

/**
 * POSTs an interaction payload to the app's interactivity URL as Slack does:
 * form-encoded `payload=<json>`, signed, and given up on after the ack deadline.
 * Interactions are never retried, unlike Events API deliveries.
 */
export async function deliverInteraction(app: RegisteredApp, payload: unknown, timeoutMs: number): Promise<AppAnswer> {
  if (!app.interactivityUrl) throw new EmulatorError(`app ${app.id} has no interactivity request URL`);
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  try {
    const res = await fetch(app.interactivityUrl, {
      method: 'POST',
      headers: signedHeaders(app.signingSecret, body, 'application/x-www-form-urlencoded'),
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    return { status: res.status, body: text, json: parseJson(text) };
  } catch (err) {
    const timedOut = err instanceof Error && err.name === 'TimeoutError';
    return { status: 0, body: '', error: timedOut ? `no answer within ${timeoutMs} ms` : String(err) };
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

import { hubspot } from '@hubspot/ui-extensions';
import { useCallback, useEffect, useState } from 'react';

/** The card backend; HubSpot only lets cards fetch URLs the app lists in `permittedUrls.fetch`. */
export const TRELLIS_CARD_API = 'https://trellis.example.com/api/cards/hubspot';

/** What the API says about a refused request: a list of `{ path, message }` per field, or facts about the refusal. */
export type ErrorDetails = { path: (string | number)[]; message: string }[] | Record<string, unknown>;

export class TrellisError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly details: ErrorDetails = [],
  ) {
    super(message);
  }
}

interface ErrorReply {
  error?: { code?: string; message?: string; details?: ErrorDetails };
}

/** Calls Trellis through `hubspot.fetch`, which signs the request and adds the portal and user. */
export async function trellis<T>(path: string, options: { method?: 'GET' | 'POST'; body?: Record<string, unknown> } = {}): Promise<T> {
  let res: Response;
  try {
    res = await hubspot.fetch(`${TRELLIS_CARD_API}${path}`, { method: options.method ?? 'GET', timeout: 10_000, ...(options.body && { body: options.body }) });
  } catch {
    throw new TrellisError('Trellis could not be reached. Try again in a moment.', 0, 'unreachable');
  }
  const data = (await res.json().catch(() => null)) as (T & ErrorReply) | null;
  if (!res.ok) {
    throw new TrellisError(data?.error?.message ?? `Trellis answered with status ${res.status}`, res.status, data?.error?.code ?? 'error', data?.error?.details ?? []);
  }
  return data as T;
}

/** A failed write that may still have reached Trellis: no answer, a server error, or still being processed. */
const mayHaveActed = (err: unknown) => err instanceof TrellisError && (err.status === 0 || err.status >= 500 || err.code === 'idempotency_key_in_use');

/** The key of each write the user is making, by what it writes; freed once the write has its answer. */
const pendingWrites = new Map<string, string>();

/**
 * A write the user asked for, made once however often it is sent: it carries an idempotency key,
 * which HubSpot's own retry (once, after a 5xx or a timeout) repeats with the URL, and which the
 * user's "try again" after a failure that may have reached Trellis repeats too. `hubspot.fetch`
 * sends no custom headers, so the key travels in the query string, which HubSpot signs.
 */
export async function write<T>(path: string, body: Record<string, unknown>): Promise<T> {
  const request = JSON.stringify([path, body]);
  const key = pendingWrites.get(request) ?? crypto.randomUUID();
  pendingWrites.set(request, key);
  try {
    const reply = await trellis<T>(`${path}${path.includes('?') ? '&' : '?'}idempotencyKey=${key}`, { method: 'POST', body });
    pendingWrites.delete(request);
    return reply;
  } catch (err) {
    if (!mayHaveActed(err)) pendingWrites.delete(request);
    throw err;
  }
}

export interface Loaded<T> {
  data: T | null;
  error: TrellisError | null;
  loading: boolean;
  reload: () => void;
}

/** Loads `path` when it changes (null waits, e.g. for the record's properties). */
export function useTrellis<T>(path: string | null): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: TrellisError | null; loading: boolean }>({ data: null, error: null, loading: path !== null });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (path === null) return;
    let current = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    trellis<T>(path).then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error: unknown) =>
        current && setState({ data: null, error: error instanceof TrellisError ? error : new TrellisError(String(error), 0, 'error'), loading: false }),
    );
    return () => {
      current = false;
    };
  }, [path, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}

export const query = (params: Record<string, string | null | undefined>): string => {
  const entries = Object.entries(params).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '');
  return entries.length ? `?${entries.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}` : '';
};

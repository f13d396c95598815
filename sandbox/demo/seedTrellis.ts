import type { Deps } from '../../src/usecases/context';
import type { DemoData } from './data';
import { replayHistory, type ReplayedHistory } from './history';

/** Trellis's REST API as the demo's integrator calls it, with the tenant's API key. */
export class TrellisApi {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }

  async expect<T>(status: number, method: string, path: string, body?: unknown): Promise<T> {
    const reply = await this.call<T>(method, path, body);
    if (reply.status !== status) throw new Error(`${method} ${path} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
    return reply.body;
  }
}

export interface SeededTrellis extends ReplayedHistory {
  /** How long replaying the year took. */
  ms: number;
}

/**
 * Partners and a year of what they did, through Trellis's own use cases at the moment each
 * thing happened (see `replayHistory`): the REST API would stamp every event "now".
 */
export async function seedTrellis(deps: Omit<Deps, 'clock'>, tenantId: string, data: DemoData, today: Date): Promise<SeededTrellis> {
  const started = performance.now();
  const replayed = await replayHistory(deps, tenantId, data, today);
  return { ...replayed, ms: Math.round(performance.now() - started) };
}

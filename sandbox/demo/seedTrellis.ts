import type { DemoData } from './data';

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

export interface SeededTrellis {
  partners: number;
  registrations: number;
  conflicts: number;
}

/**
 * Partners and deal registrations through the public API, in the order they happened:
 * registrations are submitted one by one (conflict detection sees the earlier ones), and
 * a partner manager approves or rejects some of them.
 */
export async function seedTrellis(api: TrellisApi, data: DemoData): Promise<SeededTrellis> {
  const partnerIds = await Promise.all(data.partners.map(async (p) => (await api.expect<{ id: string }>(201, 'POST', '/api/v1/partners', p)).id));
  let conflicts = 0;
  for (const r of data.registrations) {
    const { decision, partner, ...input } = r;
    const created = await api.expect<{ id: string; conflicts: unknown[] }>(201, 'POST', '/api/v1/deal-registrations', {
      ...input,
      partnerId: partnerIds[partner],
      currency: 'USD',
    });
    conflicts += created.conflicts.length;
    const manager = data.partners[partner]!.managerEmail;
    if (decision === 'approve') await api.expect(200, 'POST', `/api/v1/deal-registrations/${created.id}/approve`, { decidedBy: manager });
    if (decision === 'reject') {
      await api.expect(200, 'POST', `/api/v1/deal-registrations/${created.id}/reject`, { decidedBy: manager, reason: 'The customer is already served directly by our enterprise team.' });
    }
  }
  return { partners: partnerIds.length, registrations: data.registrations.length, conflicts };
}

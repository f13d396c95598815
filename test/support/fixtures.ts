import type { ApiClient } from './api';

let counter = 0;

export async function createPartner(api: ApiClient, overrides: Record<string, unknown> = {}) {
  counter += 1;
  const res = await api.post('/api/v1/partners', {
    name: `Partner ${counter}`,
    region: 'NA',
    country: 'US',
    tier: 'gold',
    status: 'active',
    ...overrides,
  });
  if (res.status !== 201) throw new Error(`partner creation failed: ${JSON.stringify(res.body)}`);
  return res.body as { id: string; region: string };
}

export function registration(partnerId: string, overrides: Record<string, unknown> = {}) {
  return {
    partnerId,
    customer: { name: 'Globex Corporation', domain: 'globex.com', country: 'US' },
    products: ['Analytics Suite'],
    amount: 125000,
    currency: 'USD',
    expectedCloseDate: '2026-06-30',
    ...overrides,
  };
}

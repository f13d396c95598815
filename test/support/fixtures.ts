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

/**
 * Four months from the real today: ahead of every test's clock (fixed clocks are set earlier, the
 * others run on real time), so the rules of engagement admit it as a close date still to come.
 */
export const EXPECTED_CLOSE_DATE = new Date(Date.now() + 120 * 86_400_000).toISOString().slice(0, 10);

export function registration(partnerId: string, overrides: Record<string, unknown> = {}) {
  return {
    partnerId,
    customer: { name: 'Globex Corporation', domain: 'globex.com', country: 'US' },
    products: ['Analytics Suite'],
    amount: 125000,
    currency: 'USD',
    expectedCloseDate: EXPECTED_CLOSE_DATE,
    ...overrides,
  };
}

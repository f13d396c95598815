import type { createRenderer } from '@hubspot/ui-extensions/testing';

/** One request a card made through `hubspot.fetch`. */
export interface CardRequest {
  /** The path and query, without the idempotency key a write carries. */
  path: string;
  method: string;
  body: Record<string, unknown> | undefined;
  idempotencyKey?: string;
}

type Answer = { status?: number; body: unknown } | Error;

/**
 * The HubSpot host's side of `hubspot.fetch` (the SDK calls `self.hsFetch`): answers each
 * request from `answer`, as the card backend would, and records what the card asked.
 */
export function hubspotHost(answer: (req: CardRequest) => Answer) {
  const requests: CardRequest[] = [];
  const host = globalThis as unknown as { self: unknown; hsFetch: unknown };
  host.self = globalThis;
  host.hsFetch = async (url: string, options: { method?: string; body?: Record<string, unknown> } = {}) => {
    const target = url.replace('https://trellis.example.com/api/cards/hubspot', '');
    const key = /[?&]idempotencyKey=([^&]*)/.exec(target);
    const req: CardRequest = { path: target.replace(/[?&]idempotencyKey=[^&]*/, ''), method: options.method ?? 'GET', body: options.body };
    if (key) req.idempotencyKey = decodeURIComponent(key[1]!);
    requests.push(req);
    const reply = answer(req);
    if (reply instanceof Error) throw reply;
    return new Response(JSON.stringify(reply.body), { status: reply.status ?? 200, headers: { 'content-type': 'application/json' } });
  };
  return requests;
}

type Mocks = ReturnType<typeof createRenderer<'crm.record.tab'>>['mocks'];

/** A deal record of Globex with one line item, as HubSpot's CRM hooks return it. */
export function onGlobexDeal(mocks: Mocks, company: Record<string, string> | null = { name: 'Globex Corporation', domain: 'globex.com', country: 'US' }) {
  mocks.context.crm.objectTypeId = '0-3';
  mocks.context.crm.objectId = 42;
  mocks.useCrmProperties.willCall((names: string[]) => ({
    properties: names.includes('dealname')
      ? { dealname: 'Globex expansion', amount: '125000', deal_currency_code: 'USD', closedate: '2026-06-30T00:00:00Z' }
      : (company ?? {}),
    error: null,
    isLoading: false,
    isRefetching: false,
    refetch: async () => {},
  }));
  mocks.useAssociations.willCall((config: { toObjectType: string }) => ({
    results:
      config.toObjectType === '0-2'
        ? company ? [{ toObjectId: 7, associationTypes: [], properties: company }] : []
        : [{ toObjectId: 9, associationTypes: [], properties: { name: 'Analytics Suite' } }],
    error: null,
    isLoading: false,
    isRefetching: false,
    refetch: async () => {},
    pagination: { hasNextPage: false, hasPreviousPage: false, currentPage: 1, pageSize: 10, nextPage: () => {}, previousPage: () => {}, reset: () => {} },
  }));
}

export function onCompany(mocks: Mocks, company: Record<string, string>) {
  mocks.context.crm.objectTypeId = '0-2';
  mocks.useCrmProperties.willCall(() => ({ properties: company, error: null, isLoading: false, isRefetching: false, refetch: async () => {} }));
}

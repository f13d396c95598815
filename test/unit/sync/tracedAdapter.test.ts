import { SpanStatusCode, trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { rateLimited } from '../../../src/sync/errors';
import type { CrmAdapter, CrmObjectSpec, CrmWrite, WriteOutcome } from '../../../src/sync/port';
import { tracedAdapter } from '../../../src/sync/tracedAdapter';

const spans = new InMemorySpanExporter();
beforeAll(() => {
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }));
});
afterAll(() => trace.disable());
beforeEach(() => spans.reset());

const ACCOUNT: CrmObjectSpec = { object: 'Account', idField: 'Trellis_Partner_Id__c', fields: ['Name'] };
const writes: CrmWrite[] = ['a', 'b', 'c'].map((id) => ({ trellisId: id, crmId: null, values: { Name: `Secret name ${id}` } }));
const taken = (trellisId: string): WriteOutcome => ({ trellisId, ok: true, crmId: `001${trellisId}`, created: true });
const refused = (trellisId: string): WriteOutcome => ({ trellisId, ok: false, rejection: { code: 'REQUIRED_FIELD_MISSING', message: 'Name is required' } });

/** A CRM that answers writes with the given outcomes and refuses every archive with a 429. */
function crmAnswering(outcomes: WriteOutcome[]): CrmAdapter {
  const unused = () => Promise.reject(new Error('not part of this test'));
  return {
    crm: 'salesforce',
    capabilities: { batchSize: 200 },
    provision: unused,
    read: unused,
    listChangedSince: unused,
    associated: unused,
    write: async () => outcomes,
    archive: () => Promise.reject(rateLimited('REQUEST_LIMIT_EXCEEDED', 20_000)),
  };
}

const attributesOfOnlySpan = () => {
  const [span, ...others] = spans.getFinishedSpans();
  expect(others).toEqual([]);
  expect(span!.name).toBe('crm.write');
  return span!.attributes;
};

describe('a traced CRM adapter', () => {
  it.each([
    ['ok', [taken('a'), taken('b'), taken('c')]],
    ['partial', [taken('a'), refused('b'), taken('c')]],
    ['rejected', [refused('a'), refused('b'), refused('c')]],
  ])('reports a write whose records were %s, with ids and counts but no values', async (outcome, outcomes) => {
    const adapter = tracedAdapter(crmAnswering(outcomes), 'tenant-1');
    expect(await adapter.write(ACCOUNT, writes)).toEqual(outcomes);
    expect(attributesOfOnlySpan()).toEqual({
      'trellis.crm': 'salesforce',
      'trellis.tenant_id': 'tenant-1',
      'trellis.crm.object': 'Account',
      'trellis.crm.operation': 'upsert',
      'trellis.crm.records': 3,
      'trellis.crm.outcome': outcome,
    });
  });

  it('reports a call the CRM refused as a whole by its kind, and still throws it', async () => {
    const adapter = tracedAdapter(crmAnswering([]), 'tenant-1');
    await expect(adapter.archive(ACCOUNT, ['001a', '001b'])).rejects.toMatchObject({ kind: 'rate_limited' });
    expect(attributesOfOnlySpan()).toMatchObject({ 'trellis.crm.operation': 'archive', 'trellis.crm.records': 2, 'trellis.crm.outcome': 'rate_limited' });
    expect(spans.getFinishedSpans()[0]!.status).toMatchObject({ code: SpanStatusCode.ERROR });
  });

  it('leaves reads untraced and answers them as the CRM does', async () => {
    const adapter = tracedAdapter(crmAnswering([]), 'tenant-1');
    await expect(adapter.read(ACCOUNT, ['001a'])).rejects.toThrow('not part of this test');
    expect(adapter.crm).toBe('salesforce');
    expect(spans.getFinishedSpans()).toEqual([]);
  });
});

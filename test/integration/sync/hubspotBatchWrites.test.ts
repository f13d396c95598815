import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock } from '../../../src/domain/clock';
import { hubspotAdapter } from '../../../src/sync/hubspot/adapter';
import { hubspotRefresher } from '../../../src/sync/hubspot/refresh';
import { DEFAULT_MAPPING } from '../../../src/sync/mapping/defaults';
import { objectSpec } from '../../../src/sync/mapping/translate';
import type { Pacer } from '../../../src/sync/pacer';
import type { CrmWrite, WriteOutcome } from '../../../src/sync/port';
import { AccessTokens } from '../../../src/sync/tokens';
import { HUBSPOT_APP, startSyncWorld, type SyncWorld } from './world';

/**
 * [hs-errors] H5: HubSpot's batch update and upsert refuse a whole batch for one bad input
 * (the emulator's stricter reading). Trellis bisects, so only the bad records are refused.
 */
describe('HubSpot batch writes degrade gracefully: a refused batch is bisected', () => {
  let w: SyncWorld;
  const mapping = DEFAULT_MAPPING.partner.hubspot;
  const spec = objectSpec(mapping);
  const field = (name: string) => mapping.fields.find((f) => f.field === name)!.crmField;
  const paced: string[] = [];
  let adapter: ReturnType<typeof hubspotAdapter>;

  beforeAll(async () => {
    w = await startSyncWorld('redis', { salesforce: false });
    // Only this suite writes: the engine's queues are left idle.
    await w.relay.stop();
    // The adapter as the engine builds it, with a pacer that counts the calls it lets through.
    const pace: Pacer = async (budget) => {
      paced.push(budget);
    };
    const tokens = new AccessTokens(w.engine, w.tenantId, 'hubspot', hubspotRefresher({ apiUrl: w.hubspot.url, ...HUBSPOT_APP, clock: systemClock }));
    adapter = hubspotAdapter({ apiUrl: w.hubspot.url, tokens, pace });
  });
  afterAll(() => w.close());

  const partner = (name: string, tier = 'gold'): CrmWrite => ({ trellisId: randomUUID(), crmId: null, values: { [field('name')]: name, [field('tier')]: tier } });
  const written = (outcomes: WriteOutcome[]) => outcomes.filter((o) => o.ok).map((o) => o.trellisId);
  const inHubSpot = (name: string) => w.companies().filter((c) => c.properties.name === name);

  it('writes the good records of a batch with two bad ones, refuses the bad ones with HubSpot’s reason, in 11 paced calls', async () => {
    const writes = Array.from({ length: 10 }, (_, i) => partner(`Bisect ${i}`, i === 3 || i === 7 ? 'diamond' : 'gold'));
    paced.length = 0;
    const outcomes = await adapter.write(spec, writes);
    const bad = [writes[3]!.trellisId, writes[7]!.trellisId];
    expect(written(outcomes).sort()).toEqual(writes.map((w) => w.trellisId).filter((id) => !bad.includes(id)).sort());
    for (const id of bad) {
      expect(outcomes.find((o) => o.trellisId === id)).toMatchObject({
        ok: false,
        rejection: { code: 'VALIDATION_ERROR', message: expect.stringMatching(/diamond/) },
      });
    }
    expect(inHubSpot('Bisect 0')).toHaveLength(1);
    expect(inHubSpot('Bisect 3')).toHaveLength(0);
    // 10 → 5 + 5 → (3 + 2 → 1 + 1) and (3 + 2 → 2 + 1): every call paced on the API budget.
    expect(paced).toEqual(Array(11).fill('api'));
  });

  it('finds one bad record among 100 in 15 calls rather than 100', async () => {
    const writes = Array.from({ length: 100 }, (_, i) => partner(`Hundred ${i}`, i === 42 ? 'diamond' : 'silver'));
    paced.length = 0;
    const outcomes = await adapter.write(spec, writes);
    expect(written(outcomes)).toHaveLength(99);
    expect(outcomes.find((o) => !o.ok)?.trellisId).toBe(writes[42]!.trellisId);
    expect(paced).toHaveLength(15);
  });

  it('bisects updates by CRM id the same way', async () => {
    const fresh = [partner('Update A'), partner('Update B'), partner('Update C')];
    const created = await adapter.write(spec, fresh);
    const updates: CrmWrite[] = created.map((o, i) => ({
      trellisId: o.trellisId,
      crmId: o.ok ? o.crmId : '',
      values: { [field('tier')]: i === 1 ? 'diamond' : 'platinum' },
    }));
    const outcomes = await adapter.write(spec, updates);
    expect(outcomes.find((o) => o.trellisId === fresh[1]!.trellisId)).toMatchObject({ ok: false, rejection: { code: 'VALIDATION_ERROR' } });
    expect(written(outcomes).sort()).toEqual([fresh[0]!.trellisId, fresh[2]!.trellisId].sort());
    expect(inHubSpot('Update A')[0]!.properties[field('tier')]).toBe('platinum');
    expect(inHubSpot('Update B')[0]!.properties[field('tier')]).toBe('gold');
  });

  it('sends every input with its Trellis id as objectWriteTraceId', async () => {
    // A recording hop in front of the emulator: what the SDK puts on the wire.
    const bodies: Array<{ path: string; body: any }> = [];
    const hop = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const text = Buffer.concat(chunks).toString();
      if (text) bodies.push({ path: req.url ?? '', body: JSON.parse(text) });
      const answer = await fetch(`${w.hubspot.url}${req.url}`, { method: req.method, headers: { 'content-type': 'application/json', authorization: req.headers.authorization ?? '' }, ...(text ? { body: text } : {}) });
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
    });
    await new Promise<void>((resolve) => hop.listen(0, '127.0.0.1', resolve));
    try {
      const tokens = new AccessTokens(w.engine, w.tenantId, 'hubspot', hubspotRefresher({ apiUrl: w.hubspot.url, ...HUBSPOT_APP, clock: systemClock }));
      const recorded = hubspotAdapter({ apiUrl: `http://127.0.0.1:${(hop.address() as AddressInfo).port}`, tokens, pace: async () => {} });
      const [created] = await recorded.write(spec, [partner('Traced')]);
      const update: CrmWrite = { trellisId: created!.trellisId, crmId: created!.ok ? created!.crmId : '', values: { [field('tier')]: 'silver' } };
      await recorded.write(spec, [update, partner('Traced too')]);
      const inputs = bodies.filter((b) => /batch\/(update|upsert)$/.test(b.path)).flatMap((b) => b.body.inputs);
      expect(inputs).toHaveLength(3);
      for (const input of inputs) expect(input.objectWriteTraceId).toBe(input.properties[spec.idField] ?? input.id);
    } finally {
      await new Promise((resolve) => hop.close(resolve));
    }
  });
});

import {
  attributeDeal,
  attributeRevenue,
  dealSource,
  revenueBySource,
  sourcingPartners,
  touchpointShares,
  type AttributableDeal,
  type AttributionModel,
  type Touchpoint,
  type TouchpointKind,
} from '../../../src/domain/attribution';

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000);
const touch = (partnerId: string, kind: TouchpointKind, at: number): Touchpoint => ({ partnerId, kind, at: day(at) });
const deal = (amount: number, touchpoints: Touchpoint[], created = 2, cutoff = 10): AttributableDeal => ({ amount, createdAt: day(created), cutoff: day(cutoff), touchpoints });
const credit = (d: AttributableDeal, model: AttributionModel, halfLifeDays?: number) => Object.fromEntries(attributeDeal(d, { model, ...(halfLifeDays ? { halfLifeDays } : {}) }));

/**
 * Bluepeak registers on day -6 and is approved on day 1; Contoso co-sells from day 8; the deal
 * closes by day 10. With a 7-day half-life the ages from the latest touchpoint (0, 7, 14 days)
 * weigh 1, 1/2 and 1/4: Bluepeak gets 0.75 / 1.75 = 3/7 of 1400.
 */
const journey = deal(1400, [touch('bluepeak', 'registration_submitted', -6), touch('bluepeak', 'registration_approved', 1), touch('contoso', 'co_sell_requested', 8)]);

describe('multi-touch attribution', () => {
  it.each<[AttributionModel, Record<string, number>]>([
    ['first', { bluepeak: 1400 }],
    ['last', { contoso: 1400 }],
    ['linear', { bluepeak: (1400 * 2) / 3, contoso: 1400 / 3 }],
    ['time_decay', { bluepeak: 600, contoso: 800 }],
  ])('%s touch over a three-touchpoint journey', (model, expected) => {
    const got = credit(journey, model);
    expect(Object.keys(got).sort()).toEqual(Object.keys(expected).sort());
    for (const [partner, amount] of Object.entries(expected)) expect(got[partner]).toBeCloseTo(amount, 9);
  });

  it('time decay follows its half-life: 14 days weigh 1/2 at a 14-day half-life, so 2/3 and 1/3', () => {
    const d = deal(900, [touch('a', 'referral', 0), touch('b', 'co_sell_active', 14)], 0, 20);
    expect(credit(d, 'time_decay', 14).a).toBeCloseTo(300, 9);
    expect(credit(d, 'time_decay', 14).b).toBeCloseTo(600, 9);
  });

  it.each<AttributionModel>(['first', 'last', 'linear', 'time_decay'])('%s: one touchpoint takes the whole deal', (model) => {
    expect(credit(deal(500, [touch('a', 'co_sell_requested', 3)]), model)).toEqual({ a: 500 });
  });

  it.each<AttributionModel>(['first', 'last', 'linear', 'time_decay'])('%s: a deal no partner touched credits nobody', (model) => {
    expect(credit(deal(500, []), model)).toEqual({});
    expect(touchpointShares(deal(500, []), { model })).toEqual([]);
  });

  it('first and last touch split equally among touchpoints at the same instant (ties)', () => {
    const tied = deal(1000, [touch('a', 'registration_submitted', 1), touch('b', 'referral', 1), touch('c', 'co_sell_requested', 5)]);
    expect(credit(tied, 'first')).toEqual({ a: 500, b: 500 });
    expect(credit(tied, 'last')).toEqual({ c: 1000 });
  });

  it('a zero-length time-decay span (every touchpoint at one instant, the close itself) shares equally', () => {
    const instant = deal(300, [touch('a', 'registration_submitted', 10), touch('b', 'co_sell_active', 10), touch('a', 'registration_approved', 10)]);
    expect(touchpointShares(instant, { model: 'time_decay' })).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(credit(instant, 'time_decay')).toEqual({ a: 200, b: 100 });
  });

  it('touchpoints after the cutoff (the close) do not count', () => {
    const late = deal(800, [touch('a', 'registration_submitted', 1), touch('b', 'registration_submitted', 11)]);
    expect(touchpointShares(late, { model: 'linear' })).toEqual([1, 0]);
    expect(credit(late, 'last')).toEqual({ a: 800 });
  });

  it('time decay still shares out a deal closed a century after its touchpoints: ages count from the latest touchpoint', () => {
    const long = deal(300, [touch('a', 'referral', 0), touch('b', 'referral', 7)], 0, 36_500);
    expect(credit(long, 'time_decay')).toEqual({ a: 100, b: 200 });
  });

  it('sums partners over deals, counting the deals each got credit for, largest first', () => {
    const other = deal(600, [touch('contoso', 'referral', 0)]);
    expect(attributeRevenue([journey, other], { model: 'first' })).toEqual([
      { partnerId: 'bluepeak', revenue: 1400, deals: 1 },
      { partnerId: 'contoso', revenue: 600, deals: 1 },
    ]);
    expect(attributeRevenue([journey, other], { model: 'linear' }).map((p) => [p.partnerId, Math.round(p.revenue), p.deals])).toEqual([
      ['contoso', Math.round(600 + 1400 / 3), 2],
      ['bluepeak', Math.round((1400 * 2) / 3), 1],
    ]);
    expect(attributeRevenue([], { model: 'linear' })).toEqual([]);
  });
});

describe('partner-sourced, partner-influenced, direct', () => {
  it.each<[string, Touchpoint[], ReturnType<typeof dealSource>]>([
    ['registered before the CRM had the deal', [touch('a', 'registration_submitted', 1)], 'partner_sourced'],
    ['registered on the very instant the deal was created', [touch('a', 'registration_submitted', 2)], 'partner_sourced'],
    ['referred before', [touch('a', 'referral', 0)], 'partner_sourced'],
    ['registered only after the deal existed', [touch('a', 'registration_submitted', 3)], 'partner_influenced'],
    ['co-selling from before the deal existed does not source it', [touch('a', 'co_sell_requested', 0)], 'partner_influenced'],
    ['only touched after the close', [touch('a', 'registration_submitted', 12)], 'direct'],
    ['nobody touched it', [], 'direct'],
  ])('%s', (_label, touchpoints, expected) => {
    expect(dealSource(deal(100, touchpoints))).toBe(expected);
  });

  it('names the sourcing partners, and the three parts add up to all won revenue', () => {
    expect([...sourcingPartners(journey)]).toEqual(['bluepeak']);
    const deals = [journey, deal(250, [touch('c', 'co_sell_active', 5)]), deal(50, [])];
    expect(revenueBySource(deals)).toEqual({ partnerSourced: 1400, partnerInfluenced: 250, direct: 50 });
    expect(revenueBySource([])).toEqual({ partnerSourced: 0, partnerInfluenced: 0, direct: 0 });
  });
});

describe('edges of attribution', () => {
  it('a deal whose every touchpoint came after the cutoff shares nothing out', () => {
    const late = deal(800, [touch('a', 'referral', 11), touch('b', 'co_sell_active', 12)]);
    for (const model of ['first', 'last', 'linear', 'time_decay'] as const) expect(touchpointShares(late, { model })).toEqual([0, 0]);
  });

  it('time decay: a touchpoint a century older than the latest counts for nothing', () => {
    const old = deal(300, [touch('a', 'referral', -36_500), touch('b', 'co_sell_active', 5)]);
    expect(credit(old, 'time_decay')).toEqual({ b: 300 });
  });

  it.each<[string, Touchpoint[], string[]]>([
    ['registered by the time the deal was created', [touch('a', 'registration_submitted', 2)], ['a']],
    ['referred before', [touch('a', 'referral', 0), touch('b', 'referral', 1)], ['a', 'b']],
    ['referred after the deal existed', [touch('a', 'referral', 3)], []],
    ['co-selling before the deal existed', [touch('a', 'co_sell_requested', 0), touch('b', 'registration_approved', 1)], []],
    ['registered in time, and co-selling later', [touch('a', 'registration_submitted', 1), touch('b', 'co_sell_active', 5)], ['a']],
  ])('the sourcing partners of a deal %s', (_label, touchpoints, partners) => {
    expect([...sourcingPartners(deal(100, touchpoints))]).toEqual(partners);
  });
});

import type { Partner } from '../../../src/domain/partner';
import { routeLead, type RoutingCandidate } from '../../../src/domain/routing';
import { RoutingPolicy, defaultRoutingPolicy } from '../../../src/domain/routingPolicy';
import type { RoutableLead } from '../../../src/domain/routingRules';
import { scorePartner } from '../../../src/domain/routingScore';

const at = new Date('2026-03-02T09:00:00Z');
let nextId = 0;
const partner = (p: Partial<Partner>): Partner => ({
  id: `00000000-0000-4000-8000-${String((nextId += 1)).padStart(12, '0')}`,
  name: `Partner ${nextId}`,
  domain: null,
  tier: 'registered',
  region: 'NA',
  country: 'US',
  specialties: [],
  status: 'active',
  managerEmail: null,
  employeeCount: null,
  createdAt: at,
  updatedAt: at,
  ...p,
});
const candidate = (p: Partial<Partner>, c: Partial<Omit<RoutingCandidate, 'partner'>> = {}): RoutingCandidate => ({
  partner: partner(p),
  performance: undefined,
  openReferrals: 0,
  recentAssignments: 0,
  ...c,
});

const emeaLead: RoutableLead = { region: 'EMEA', country: 'DE', products: ['analytics', 'payments'] };
const defaults = defaultRoutingPolicy();

describe('routing score', () => {
  // Defaults: region 30, country 10, expertise 30 × share covered, tier 3/7/11/15, performance 20 × (won+1)/(closed+2), at risk −10.
  it.each<[string, Partial<Partner>, { won: number; lost: number } | undefined, number, [string, number][]]>([
    ['same region and country, half the products, gold, no closed deals', { tier: 'gold', region: 'EMEA', country: 'DE', specialties: ['analytics'] }, undefined, 76, [
      ['Works in EMEA', 30],
      ['Specializes in analytics', 15],
      ['Gold tier', 11],
      ['Based in DE', 10],
      ['No closed registrations yet', 10],
    ]],
    ['same region, every product, silver, won 3 of 4 (20 × 4/6 = 13.3)', { tier: 'silver', region: 'EMEA', country: 'FR', specialties: ['Analytics', 'payments'] }, { won: 3, lost: 1 }, 80, [
      ['Works in EMEA', 30],
      ['Specializes in analytics, payments', 30],
      ['Won 3 of 4 closed registrations', 13],
      ['Silver tier', 7],
    ]],
    ['another territory, no expertise, platinum, lost 4 of 4 (20 × 1/6 = 3.3)', { tier: 'platinum', region: 'NA', country: 'US' }, { won: 0, lost: 4 }, 18, [
      ['Platinum tier', 15],
      ['Won 0 of 4 closed registrations', 3],
    ]],
    ['a broader specialty covers a product; at risk loses 10', { region: 'APAC', country: 'JP', specialties: ['payments gateway'], status: 'at_risk' }, undefined, 18, [
      ['Specializes in payments', 15],
      ['No closed registrations yet', 10],
      ['Registered tier', 3],
      ['Marked at risk', -10],
    ]],
  ])('%s', (_label, p, record, score, reasons) => {
    const result = scorePartner(emeaLead, partner(p), record, defaults.weights, null);
    expect(result.score).toBe(score);
    expect(result.reasons.map((r) => [r.detail, r.points])).toEqual(reasons);
    expect(result.reasons.reduce((sum, r) => sum + r.points, 0)).toBe(score);
  });

  it('never goes below zero', () => {
    const weights = RoutingPolicy.parse({ weights: { atRiskPenalty: 50 } }).weights;
    expect(scorePartner(emeaLead, partner({ status: 'at_risk' }), undefined, weights, null).score).toBe(0);
  });
});

describe('routing a lead', () => {
  it('ranks by score and says why each partner stands where it does', () => {
    const gold = candidate({ name: 'Gold DE', tier: 'gold', region: 'EMEA', country: 'DE', specialties: ['analytics'] });
    const platinum = candidate({ name: 'Platinum US', tier: 'platinum' }, { performance: { won: 0, lost: 4 } });
    const decision = routeLead(emeaLead, [platinum, gold], defaults);
    expect(decision.ranked.map((r) => [r.partnerId, r.score, r.placement])).toEqual([
      [gold.partner.id, 76, 'score'],
      [platinum.partner.id, 18, 'score'],
    ]);
    expect(decision).toMatchObject({ rule: null, excluded: [], unassignedReason: null });
    expect(decision.ranked[0]).toMatchObject({ capacity: 8, openReferrals: 0, recentAssignments: 0 });
  });

  it('leaves out partners at capacity (per tier, or per partner where overridden)', () => {
    const full = candidate({ tier: 'gold', region: 'EMEA' }, { openReferrals: 8 });
    const roomy = candidate({ tier: 'silver' }, { openReferrals: 4 });
    const decision = routeLead(emeaLead, [full, roomy], defaults);
    expect(decision.ranked.map((r) => r.partnerId)).toEqual([roomy.partner.id]);
    expect(decision.excluded).toEqual([{ partnerId: full.partner.id, exclusion: 'capacity', detail: 'At capacity: 8 of 8 open referrals' }]);

    const raised = RoutingPolicy.parse({ capacity: { partners: { [full.partner.id]: 9 } } });
    expect(routeLead(emeaLead, [full, roomy], raised).ranked.map((r) => [r.partnerId, r.capacity])).toEqual([
      [full.partner.id, 9],
      [roomy.partner.id, 5],
    ]);
    const lowered = RoutingPolicy.parse({ capacity: { perTier: { registered: 3, silver: 4, gold: 8, platinum: 12 } } });
    expect(routeLead(emeaLead, [roomy], lowered).excluded).toEqual([
      { partnerId: roomy.partner.id, exclusion: 'capacity', detail: 'At capacity: 4 of 4 open referrals' },
    ]);
  });

  it('gives a near-equal lead to the partner with fewer recent assignments, and not a clearly weaker one', () => {
    // 30 + 10 + 15 + 11 (gold) + 10 = 76.
    const busy = candidate({ name: 'Busy', tier: 'gold', region: 'EMEA', country: 'DE', specialties: ['analytics'] }, { recentAssignments: 4 });
    // 30 + 10 + 15 + 7 (silver) + 10 = 72: four points behind, within the default five.
    const idle = candidate({ name: 'Idle', tier: 'silver', region: 'EMEA', country: 'DE', specialties: ['analytics'] }, { recentAssignments: 1 });
    const decision = routeLead(emeaLead, [busy, idle], defaults);
    expect(decision.ranked.map((r) => [r.partnerId, r.score, r.placement])).toEqual([
      [idle.partner.id, 72, 'fairness'],
      [busy.partner.id, 76, 'score'],
    ]);
    expect(decision.ranked[0]!.placementDetail).toBe('Within 5 points of the best score left (76), with the fewest assignments in the last 30 days (1)');

    const strict = RoutingPolicy.parse({ fairness: { nearEqualPoints: 3 } });
    expect(routeLead(emeaLead, [busy, idle], strict).ranked.map((r) => [r.partnerId, r.placement])).toEqual([
      [busy.partner.id, 'score'],
      [idle.partner.id, 'score'],
    ]);
  });

  it('orders exact ties by name, then id, whatever order the partners come in', () => {
    const beta = candidate({ name: 'Beta', region: 'EMEA' }, { recentAssignments: 2 });
    const alpha = candidate({ name: 'Alpha', region: 'EMEA' }, { recentAssignments: 2 });
    const twin = candidate({ name: 'Alpha', region: 'EMEA', id: '00000000-0000-4000-8000-000000000000' }, { recentAssignments: 2 });
    for (const order of [[beta, alpha, twin], [twin, alpha, beta], [alpha, beta, twin]]) {
      const decision = routeLead(emeaLead, order, defaults);
      expect(decision.ranked.map((r) => [r.partnerId, r.score, r.placement])).toEqual([
        [twin.partner.id, 43, 'tie_break'],
        [alpha.partner.id, 43, 'tie_break'],
        [beta.partner.id, 43, 'score'],
      ]);
    }
  });

  it('never routes to churned or prospect partners, nor back to one that declined the lead', () => {
    const churned = candidate({ status: 'churned', region: 'EMEA' });
    const prospect = candidate({ status: 'prospect', region: 'EMEA' });
    const decliner = candidate({ region: 'EMEA' });
    const onboarding = candidate({ status: 'onboarding' });
    const decision = routeLead(emeaLead, [churned, prospect, decliner, onboarding], defaults, new Set([decliner.partner.id]));
    expect(decision.ranked.map((r) => r.partnerId)).toEqual([onboarding.partner.id]);
    expect(decision.excluded).toEqual([
      { partnerId: churned.partner.id, exclusion: 'not_engageable', detail: 'Partner is churned' },
      { partnerId: prospect.partner.id, exclusion: 'not_engageable', detail: 'Partner is prospect' },
      { partnerId: decliner.partner.id, exclusion: 'declined', detail: 'Declined this lead' },
    ]);
  });

  it('says clearly why nobody is eligible', () => {
    const decliner = candidate({ region: 'EMEA' });
    const full = candidate({}, { openReferrals: 3 });
    expect(routeLead(emeaLead, [decliner, full], defaults, new Set([decliner.partner.id]))).toMatchObject({
      ranked: [],
      unassignedReason: 'No eligible partner: 1 declined it already, 1 at capacity',
    });
    expect(routeLead(emeaLead, [], defaults).unassignedReason).toBe('No partner is onboarding, active or at risk, so there is nobody to route to');
  });

  describe('rules', () => {
    const policy = RoutingPolicy.parse({
      rules: [
        { name: 'APAC only', when: { regions: ['APAC'] }, only: { minTier: 'platinum' } },
        { name: 'EMEA analytics', when: { regions: ['EMEA'], products: ['Analytics'] }, only: { specialties: ['analytics'] }, prefer: { minTier: 'gold', points: 8 } },
      ],
    });
    const analyticsGold = candidate({ name: 'Analytics gold', tier: 'gold', region: 'EMEA', specialties: ['Analytics'] });
    const analyticsSilver = candidate({ name: 'Analytics silver', tier: 'silver', region: 'EMEA', specialties: ['analytics'] });
    const payments = candidate({ name: 'Payments', tier: 'platinum', region: 'EMEA', country: 'DE', specialties: ['payments'] });

    it('applies the first matching rule: only partners it admits, with points for those it prefers', () => {
      const decision = routeLead({ region: 'EMEA', country: 'DE', products: ['analytics suite'] }, [payments, analyticsSilver, analyticsGold], policy);
      expect(decision.rule).toBe('EMEA analytics');
      // 30 (region) + 30 (analytics suite covered) + 11 (gold) + 10 (no record) + 8 (preferred) = 89; silver: 30 + 30 + 7 + 10 = 77.
      expect(decision.ranked.map((r) => [r.partnerId, r.score])).toEqual([
        [analyticsGold.partner.id, 89],
        [analyticsSilver.partner.id, 77],
      ]);
      expect(decision.ranked[0]!.reasons).toContainEqual({ factor: 'rule', points: 8, detail: 'Preferred by rule "EMEA analytics" (gold tier or above)' });
      expect(decision.excluded).toEqual([
        { partnerId: payments.partner.id, exclusion: 'rule', detail: 'Rule "EMEA analytics" takes only partners with specialty analytics' },
      ]);
    });

    it('leaves leads the rule does not match to the plain ranking', () => {
      const decision = routeLead({ region: 'EMEA', country: 'DE', products: ['payments'] }, [payments, analyticsGold], policy);
      expect(decision.rule).toBeNull();
      expect(decision.ranked.map((r) => r.partnerId)).toEqual([payments.partner.id, analyticsGold.partner.id]);
    });

    it('names the rule when it leaves nobody', () => {
      expect(routeLead({ region: 'APAC', country: 'JP', products: [] }, [analyticsGold], policy)).toMatchObject({
        rule: 'APAC only',
        ranked: [],
        unassignedReason: 'No eligible partner: 1 excluded by the rule "APAC only"',
      });
    });
  });
});

describe('routing policy', () => {
  it('fills in every default', () => {
    expect(defaultRoutingPolicy()).toEqual({
      rules: [],
      weights: { region: 30, country: 10, expertise: 30, tier: { registered: 3, silver: 7, gold: 11, platinum: 15 }, performance: 20, atRiskPenalty: 10 },
      capacity: { perTier: { registered: 3, silver: 5, gold: 8, platinum: 12 }, partners: {} },
      fairness: { nearEqualPoints: 5, windowDays: 30 },
    });
  });

  it.each<[string, unknown, (string | number)[]]>([
    ['a rule that neither restricts nor prefers', { rules: [{ name: 'x', when: { regions: ['EMEA'] } }] }, ['rules', 0, 'only']],
    ['a rule without conditions', { rules: [{ name: 'x', when: {}, only: { minTier: 'gold' } }] }, ['rules', 0, 'when']],
    ['two rules with one name', { rules: [{ name: 'X', when: { regions: ['NA'] }, only: { minTier: 'gold' } }, { name: 'x', when: { regions: ['NA'] }, only: { minTier: 'gold' } }] }, ['rules', 1, 'name']],
    ['an unknown country', { rules: [{ name: 'x', when: { countries: ['ZZ'] }, only: { minTier: 'gold' } }] }, ['rules', 0, 'when', 'countries', 0]],
    ['a negative weight', { weights: { region: -1 } }, ['weights', 'region']],
    ['a capacity override that is not a partner id', { capacity: { partners: { acme: 2 } } }, ['capacity', 'partners', 'acme']],
  ])('refuses %s, naming the field', (_label, input, path) => {
    const result = RoutingPolicy.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path)).toContainEqual(path);
  });
});

describe('placements, further', () => {
  const emea = (name: string, tier: Partner['tier'], recentAssignments: number) => candidate({ name, tier, region: 'EMEA' }, { recentAssignments });

  it('an equal score with fewer recent assignments goes first, for fairness', () => {
    const alpha = emea('Alpha', 'gold', 2);
    const beta = emea('Beta', 'gold', 1);
    const decision = routeLead(emeaLead, [alpha, beta], defaults);
    expect(decision.ranked.map((r) => [r.partnerId, r.placement, r.placementDetail])).toEqual([
      [beta.partner.id, 'fairness', 'Within 5 points of the best score left (51), with the fewest assignments in the last 30 days (1)'],
      [alpha.partner.id, 'score', 'Best score left'],
    ]);
  });

  it('a lower score within the band with as many recent assignments stays behind, on score', () => {
    const gold = emea('Gold', 'gold', 0);
    const silver = emea('Silver', 'silver', 0);
    expect(routeLead(emeaLead, [silver, gold], defaults).ranked.map((r) => [r.partnerId, r.score, r.placement])).toEqual([
      [gold.partner.id, 51, 'score'],
      [silver.partner.id, 47, 'score'],
    ]);
  });

  it('the best score keeps its place on score when the one behind it is busier', () => {
    const gold = emea('Gold', 'gold', 0);
    const silver = emea('Silver', 'silver', 3);
    expect(routeLead(emeaLead, [silver, gold], defaults).ranked.map((r) => [r.partnerId, r.placement])).toEqual([
      [gold.partner.id, 'score'],
      [silver.partner.id, 'score'],
    ]);
  });

  it('a score exactly the band’s width behind is still near-equal', () => {
    const gold = emea('Gold', 'gold', 3);
    const registered = emea('Registered', 'registered', 0);
    const policy = RoutingPolicy.parse({ fairness: { nearEqualPoints: 8 } });
    expect(routeLead(emeaLead, [gold, registered], policy).ranked.map((r) => [r.partnerId, r.score, r.placement])).toEqual([
      [registered.partner.id, 43, 'fairness'],
      [gold.partner.id, 51, 'score'],
    ]);
  });

  it('says an exact tie was ordered by name', () => {
    const decision = routeLead(emeaLead, [emea('Beta', 'gold', 0), emea('Alpha', 'gold', 0)], defaults);
    expect(decision.ranked[0]!.placementDetail).toBe('Same score and recent assignments as another candidate; ordered by name');
  });

  it('counts partners that are not active among the reasons nobody is eligible', () => {
    expect(routeLead(emeaLead, [candidate({ status: 'churned' }), candidate({ status: 'prospect' })], defaults).unassignedReason).toBe('No eligible partner: 2 not active');
  });
});

describe('routing score, further', () => {
  const preferGold = RoutingPolicy.parse({ rules: [{ name: 'Gold first', when: { regions: ['EMEA'] }, prefer: { minTier: 'gold', points: 8 } }] }).rules[0]!;
  const onlyGold = RoutingPolicy.parse({ rules: [{ name: 'Gold only', when: { regions: ['EMEA'] }, only: { minTier: 'gold' } }] }).rules[0]!;
  const details = (lead: RoutableLead, p: Partial<Partner>, record: { won: number; lost: number } | undefined, rule: typeof preferGold | null) =>
    scorePartner(lead, partner(p), record, defaults.weights, rule).reasons.map((r) => `${r.factor} ${r.points}: ${r.detail}`);

  it('a lead without products, region or country scores tier and record only', () => {
    expect(details({ region: null, country: null, products: [] }, { region: 'EMEA', country: 'DE', specialties: ['analytics'] }, { won: 0, lost: 0 }, null)).toEqual([
      'performance 10: No closed registrations yet',
      'tier 3: Registered tier',
    ]);
  });

  it('a preference adds its points only for partners meeting it, and a restriction adds none', () => {
    expect(details(emeaLead, { tier: 'gold' }, undefined, preferGold)).toContain('rule 8: Preferred by rule "Gold first" (gold tier or above)');
    expect(details(emeaLead, { tier: 'silver' }, undefined, preferGold).some((d) => d.startsWith('rule'))).toBe(false);
    expect(details(emeaLead, { tier: 'gold' }, undefined, onlyGold).some((d) => d.startsWith('rule'))).toBe(false);
  });

  it('a weight of 0 adds no reason', () => {
    const weights = RoutingPolicy.parse({ weights: { region: 0, tier: { registered: 0, silver: 0, gold: 0, platinum: 0 } } }).weights;
    expect(scorePartner(emeaLead, partner({ region: 'EMEA' }), undefined, weights, null).reasons.map((r) => r.factor)).toEqual(['performance']);
  });
});

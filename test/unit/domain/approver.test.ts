import { EVERY_PARTNER, type PartnerFacts } from '../../../src/domain/access';
import { approverOf, awaitingLine, waitedFor, type TeamMember } from '../../../src/domain/approver';

const partner: PartnerFacts = { id: 'p-1', region: 'EMEA', tier: 'gold', managerEmail: 'Named.Manager@vendor.com' };

const member = (email: string, role: TeamMember['role'], scope: Partial<TeamMember['scope']> = {}): TeamMember => ({
  email,
  displayName: email.split('@')[0]!.replace('.', ' '),
  role,
  scope: { ...EVERY_PARTNER, ...scope },
});

const admin = member('ada.admin@vendor.com', 'admin');
const zoe = member('zoe.admin@vendor.com', 'admin');
const named = member('named.manager@vendor.com', 'partner_manager', { regions: ['APAC'] });
const byId = member('ida.byid@vendor.com', 'partner_manager', { partnerIds: ['p-1'] });
const byRegion = member('rita.region@vendor.com', 'partner_manager', { regions: ['EMEA'] });
const byTier = member('tom.tier@vendor.com', 'partner_manager', { tiers: ['gold'] });
const everyone = member('eve.every@vendor.com', 'partner_manager');
const elsewhere = member('otto.other@vendor.com', 'partner_manager', { regions: ['NA'], tiers: ['silver'] });
const rep = member('rob.rep@vendor.com', 'sales_rep');
const viewer = member('vic.viewer@vendor.com', 'viewer');

describe('approverOf', () => {
  // [case, team, expected approver email]
  it.each<[string, TeamMember[], string | null]>([
    ["the partner's own named manager first, whatever their scope", [admin, everyone, byRegion, byId, named], 'named.manager@vendor.com'],
    ['then a scope naming the partner', [admin, everyone, byRegion, byId], 'ida.byid@vendor.com'],
    ['then a scope naming its region or tier (ties by email)', [admin, everyone, byTier, byRegion], 'rita.region@vendor.com'],
    ['then a partner manager of every partner', [admin, everyone, elsewhere], 'eve.every@vendor.com'],
    ['an admin when no partner manager covers the partner', [zoe, admin, elsewhere, rep], 'ada.admin@vendor.com'],
    ['nobody when only reps and viewers are on the team', [rep, viewer, elsewhere], null],
    ['nobody on an empty team', [], null],
  ])('%s', (_case, team, expected) => {
    expect(approverOf(partner, team)?.email ?? null).toBe(expected);
  });

  it('names the approver by display name, and by email without one', () => {
    expect(approverOf(partner, [byRegion])).toEqual({ email: 'rita.region@vendor.com', name: 'rita region', role: 'partner_manager' });
    expect(approverOf(partner, [{ ...admin, displayName: null }])).toEqual({ email: 'ada.admin@vendor.com', name: 'ada.admin@vendor.com', role: 'admin' });
  });
});

describe('waitedFor and awaitingLine', () => {
  const since = new Date('2026-03-02T09:00:00Z');
  const after = (hours: number) => new Date(since.getTime() + hours * 3_600_000);
  it.each<[number, string]>([
    [0.5, 'under an hour'],
    [1, '1 hour'],
    [47, '47 hours'],
    [48, '2 days'],
    [24 * 9 + 23, '9 days'],
  ])('after %f hours: %s', (hours, said) => {
    expect(waitedFor(since, after(hours))).toBe(said);
  });

  it('names the approver, or says nobody may approve', () => {
    expect(awaitingLine({ email: 'dana@vendor.com', name: 'Dana Reyes', role: 'partner_manager' }, since, after(50))).toBe('Waiting for Dana Reyes for 2 days');
    expect(awaitingLine(null, since, after(3))).toMatch(/^Waiting 3 hours; nobody on the team may approve it/);
  });
});

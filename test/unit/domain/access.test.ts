import { can, canFor, principalFor, PERMISSIONS, ROLES, type PartnerFacts, type Permission, type Role } from '../../../src/domain/access';

const acme: PartnerFacts = { id: 'p-acme', region: 'EMEA', tier: 'gold', managerEmail: 'lena@vendor.com' };
const globex: PartnerFacts = { id: 'p-globex', region: 'NA', tier: 'silver', managerEmail: null };

describe('who may do what', () => {
  const expected: Record<Role, Permission[]> = {
    admin: [...PERMISSIONS],
    partner_manager: ['read', 'register_deals', 'decide', 'manage_partners'],
    sales_rep: ['read', 'register_deals'],
    viewer: ['read'],
  };
  it.each(ROLES)('grants a %s exactly its permissions', (role) => {
    expect(PERMISSIONS.filter((p) => can(principalFor(role), p))).toEqual(expected[role]);
  });

  it('lets a partner manager without a scope decide for every partner', () => {
    expect(canFor(principalFor('partner_manager', 'pat@vendor.com'), 'decide', [acme, globex])).toBe(true);
  });

  it('bounds a scoped partner manager to the regions, tiers and partners named, and the partners naming them as manager', () => {
    const emea = principalFor('partner_manager', 'kim@vendor.com', { partnerIds: [], regions: ['EMEA'], tiers: [] });
    expect(canFor(emea, 'decide', [acme])).toBe(true);
    expect(canFor(emea, 'decide', [globex])).toBe(false);
    // A conflict between two partners needs someone who manages both.
    expect(canFor(emea, 'decide', [acme, globex])).toBe(false);

    const silver = principalFor('partner_manager', 'kim@vendor.com', { partnerIds: [], regions: [], tiers: ['silver'] });
    expect(canFor(silver, 'manage_partners', [globex])).toBe(true);
    expect(canFor(silver, 'manage_partners', [acme])).toBe(false);

    const named = principalFor('partner_manager', 'kim@vendor.com', { partnerIds: ['p-globex'], regions: [], tiers: [] });
    expect(canFor(named, 'decide', [globex])).toBe(true);

    const lena = principalFor('partner_manager', 'LENA@vendor.com', { partnerIds: ['p-other'], regions: [], tiers: [] });
    expect(canFor(lena, 'decide', [acme])).toBe(true);
    expect(canFor(lena, 'decide', [globex])).toBe(false);
  });

  it('never scopes an admin, and never lets a sales rep or viewer decide, whatever partner names them', () => {
    expect(canFor(principalFor('admin', null, { partnerIds: [], regions: ['APAC'], tiers: [] }), 'decide', [acme, globex])).toBe(true);
    expect(canFor(principalFor('sales_rep', 'lena@vendor.com'), 'decide', [acme])).toBe(false);
    expect(canFor(principalFor('viewer', 'lena@vendor.com'), 'decide', [acme])).toBe(false);
    expect(canFor(principalFor('sales_rep'), 'register_deals', [acme])).toBe(true);
  });
});

import { can, canFor, EVERY_PARTNER, manages, principalFor, PERMISSIONS, ROLE_LABELS, ROLES, type PartnerFacts, type Permission, type Role } from '../../../src/domain/access';

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

describe('roles and scopes as people see them', () => {
  it('names each role briefly', () => {
    expect(ROLE_LABELS).toEqual({ admin: 'Admin', partner_manager: 'Partner manager', sales_rep: 'Sales rep', viewer: 'Viewer' });
  });

  it('gives a principal every partner unless a scope is named', () => {
    expect(principalFor('viewer')).toEqual({ role: 'viewer', email: null, scope: { partnerIds: [], regions: [], tiers: [] } });
    expect(manages(principalFor('partner_manager', 'kim@vendor.com', EVERY_PARTNER), globex)).toBe(true);
  });

  it('scopes only deciding and managing partners: a scoped manager still reads and registers for any partner', () => {
    const emea = principalFor('partner_manager', 'kim@vendor.com', { partnerIds: [], regions: ['EMEA'], tiers: [] });
    expect(canFor(emea, 'read', [globex])).toBe(true);
    expect(canFor(emea, 'register_deals', [globex])).toBe(true);
    expect(canFor(emea, 'administer', [acme])).toBe(false);
  });

  it('an API key (no email) manages no partner by being its manager, even one without a manager', () => {
    const key = principalFor('partner_manager', null, { partnerIds: ['p-other'], regions: [], tiers: [] });
    expect(manages(key, globex)).toBe(false);
    expect(manages(key, acme)).toBe(false);
  });

  it('a scope naming only a region, a tier or a partner leaves the others out', () => {
    expect(manages(principalFor('partner_manager', null, { partnerIds: [], regions: ['APAC'], tiers: [] }), acme)).toBe(false);
    expect(manages(principalFor('partner_manager', null, { partnerIds: [], regions: [], tiers: ['platinum'] }), acme)).toBe(false);
    expect(manages(principalFor('partner_manager', null, { partnerIds: ['p-globex'], regions: [], tiers: [] }), acme)).toBe(false);
  });
});

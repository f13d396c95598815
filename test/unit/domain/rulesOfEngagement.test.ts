import type { Candidate } from '../../../src/domain/conflicts';
import { customerKey } from '../../../src/domain/customer';
import { admitRegistration, type AdmissionFacts } from '../../../src/domain/rulesOfEngagement';
import type { RegistrationStatus } from '../../../src/domain/registration';
import { TenantSettings } from '../../../src/domain/settings';

const now = new Date('2026-03-02T09:00:00Z');
const settings = (closeDateGraceDays = 0) => TenantSettings.parse({ closeDateGraceDays });
const noFacts: AdmissionFacts = { crmDeal: null, ownRegistrations: [] };

const submission = (over: { expectedCloseDate?: string; products?: string[]; name?: string; domain?: string | null } = {}) => ({
  partnerId: 'partner-a',
  customer: customerKey({ name: over.name ?? 'Globex Corporation', domain: over.domain === undefined ? 'globex.com' : over.domain }),
  products: over.products ?? ['analytics'],
  region: 'NA' as const,
  expectedCloseDate: over.expectedCloseDate ?? '2026-06-30',
});

const own = (opts: { partnerId?: string; status?: RegistrationStatus; protectionExpiresAt?: Date | null; products?: string[]; name?: string; domain?: string | null } = {}): Candidate => ({
  id: 'reg-first',
  partnerId: opts.partnerId ?? 'partner-a',
  products: opts.products ?? ['analytics'],
  region: 'NA',
  status: opts.status ?? 'pending',
  protectionExpiresAt: opts.protectionExpiresAt === undefined ? (opts.status === 'approved' ? new Date('2026-05-01T00:00:00Z') : null) : opts.protectionExpiresAt,
  customer: customerKey({ name: opts.name ?? 'Globex Corp.', domain: opts.domain === undefined ? 'https://www.globex.com' : opts.domain }),
});

const codeOf = (r: ReturnType<typeof admitRegistration>) => (r.ok ? 'admitted' : r.error.code);

describe('admitRegistration: the expected close date', () => {
  // [expected close date, grace days, verdict]
  it.each<[string, number, string]>([
    ['2026-03-02', 0, 'admitted'],
    ['2026-06-30', 0, 'admitted'],
    ['2026-03-01', 0, 'close_date_in_past'],
    ['2025-01-15', 0, 'close_date_in_past'],
    ['2026-02-23', 7, 'admitted'],
    ['2026-02-22', 7, 'close_date_in_past'],
    ['2025-01-15', 90, 'close_date_in_past'],
  ])('%s with %i days of grace: %s', (expectedCloseDate, grace, verdict) => {
    expect(codeOf(admitRegistration(submission({ expectedCloseDate }), noFacts, settings(grace), now))).toBe(verdict);
  });

  it('explains the rule and the earliest date it would accept', () => {
    const refused = admitRegistration(submission({ expectedCloseDate: '2025-01-15' }), noFacts, settings(7), now);
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'close_date_in_past',
        message: expect.stringMatching(/2025-01-15 is in the past.*no earlier than 2026-02-23 \(7 days' grace\)/),
        details: { earliestCloseDate: '2026-02-23' },
      },
    });
  });
});

describe('admitRegistration: a deal already closed in the CRM', () => {
  // [closed, won, verdict]
  it.each<[boolean, boolean, string]>([
    [false, false, 'admitted'],
    [true, true, 'deal_already_closed'],
    [true, false, 'deal_already_closed'],
  ])('closed %s, won %s: %s', (isClosed, isWon, verdict) => {
    const facts = { crmDeal: { crm: 'hubspot' as const, isClosed, isWon, closeDate: '2026-02-27' }, ownRegistrations: [] };
    expect(codeOf(admitRegistration(submission(), facts, settings(), now))).toBe(verdict);
  });

  it('says when and how it closed, and that it earns no credit', () => {
    const facts = { crmDeal: { crm: 'salesforce' as const, isClosed: true, isWon: true, closeDate: '2026-02-27' }, ownRegistrations: [] };
    const refused = admitRegistration(submission(), facts, settings(), now);
    expect(!refused.ok && refused.error.message).toMatch(/already closed won in Salesforce on 2026-02-27.*cannot be registered or earn partner credit/);
  });
});

describe('admitRegistration: the same partner registering the same deal again', () => {
  // [what the partner already holds, products submitted, verdict]
  it.each<[string, Candidate, string[], string]>([
    ['pending, same customer and products', own(), ['analytics'], 'duplicate_registration'],
    ['approved and protected', own({ status: 'approved' }), ['analytics'], 'duplicate_registration'],
    ['the customer typed differently, same domain', own({ name: 'GLOBEX' }), ['analytics'], 'duplicate_registration'],
    ['more products than submitted', own({ products: ['analytics', 'payments'] }), ['analytics'], 'duplicate_registration'],
    ['the same products written in other casing', own({ products: ['Analytics'] }), ['ANALYTICS '], 'duplicate_registration'],
    ['a product not yet registered', own(), ['analytics', 'payments'], 'admitted'],
    ['another customer', own({ name: 'Initech', domain: 'initech.com' }), ['analytics'], 'admitted'],
    ['another partner (a channel conflict, not a duplicate)', own({ partnerId: 'partner-b' }), ['analytics'], 'admitted'],
    ['approved, protection ended', own({ status: 'approved', protectionExpiresAt: new Date('2026-03-01T00:00:00Z') }), ['analytics'], 'admitted'],
    ['rejected', own({ status: 'rejected' }), ['analytics'], 'admitted'],
  ])('%s', (_case, existing, products, verdict) => {
    expect(codeOf(admitRegistration(submission({ products }), { crmDeal: null, ownRegistrations: [existing] }, settings(), now))).toBe(verdict);
  });

  it('points to the first registration', () => {
    const refused = admitRegistration(submission(), { crmDeal: null, ownRegistrations: [own()] }, settings(), now);
    expect(refused).toEqual({
      ok: false,
      error: { code: 'duplicate_registration', message: expect.stringContaining('(reg-first)'), details: { existingRegistrationId: 'reg-first', existingStatus: 'pending' } },
    });
  });
});

describe('tenant settings for the rules', () => {
  it('default to no close-date grace and 60 days of health grace', () => {
    expect(TenantSettings.parse({})).toMatchObject({ closeDateGraceDays: 0, healthGraceDays: 60 });
  });

  it.each<[Record<string, unknown>, string]>([
    [{ closeDateGraceDays: -1 }, 'cannot be negative'],
    [{ closeDateGraceDays: 91 }, 'at most 90 days'],
    [{ closeDateGraceDays: 1.5 }, 'whole number of days'],
    [{ healthGraceDays: 400 }, 'at most 365 days'],
  ])('%j is refused in words: %s', (input, reason) => {
    const parsed = TenantSettings.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain(reason);
  });
});

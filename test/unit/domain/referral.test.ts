import {
  acceptReferral,
  closeReferral,
  declineReferral,
  leadOfReferral,
  LeadProducts,
  ReferralInput,
  routeReferral,
  type Referral,
  type ReferralStatus,
} from '../../../src/domain/referral';

const created = new Date('2026-03-01T00:00:00Z');
const now = new Date('2026-03-02T09:00:00Z');
const referral = (status: ReferralStatus, partnerId: string | null = null): Referral => ({
  id: 'ref1',
  company: { name: 'Globex', domain: 'globex.com', country: 'DE' },
  region: 'EMEA',
  products: ['analytics'],
  contactEmail: null,
  estimatedValue: null,
  source: null,
  status,
  partnerId,
  unassignedReason: status === 'new' ? 'No eligible partner' : null,
  createdAt: created,
  updatedAt: created,
  closedAt: null,
});

type Step = 'assign' | 'accept' | 'decline' | 'convert' | 'lose';
const steps: Record<Step, (ref: Referral) => ReturnType<typeof acceptReferral>> = {
  assign: (ref) => routeReferral(ref, { partnerId: 'p2' }, now),
  accept: (ref) => acceptReferral(ref, now),
  decline: (ref) => declineReferral(ref, now),
  convert: (ref) => closeReferral(ref, 'converted', now),
  lose: (ref) => closeReferral(ref, 'lost', now),
};

describe('a referral’s lifecycle', () => {
  const allowed = new Set(['new>assign', 'declined>assign', 'assigned>accept', 'assigned>decline', 'accepted>convert', 'accepted>lose']);
  const statuses: ReferralStatus[] = ['new', 'assigned', 'accepted', 'declined', 'converted', 'lost'];

  it.each(statuses.flatMap((from) => (Object.keys(steps) as Step[]).map((step) => [from, step] as const)))('%s, then %s', (from, step) => {
    const result = steps[step](referral(from, from === 'new' || from === 'declined' ? null : 'p1'));
    expect(result.ok).toBe(allowed.has(`${from}>${step}`));
    if (!result.ok) {
      expect(result.error).toMatchObject({ code: 'illegal_transition', details: { from } });
      expect(result.error.message).toMatch(new RegExp(`^a referral that is ${from} cannot become \\w+$`));
    }
  });

  it('hands a waiting referral to a partner, forgetting why it waited', () => {
    expect(routeReferral(referral('new'), { partnerId: 'p2' }, now)).toEqual({
      ok: true,
      value: { ...referral('new'), status: 'assigned', partnerId: 'p2', unassignedReason: null, updatedAt: now },
    });
  });

  it('keeps a referral waiting when routing found nobody, and says why', () => {
    expect(routeReferral(referral('declined'), { unassignedReason: 'No eligible partner: 2 at capacity' }, now)).toEqual({
      ok: true,
      value: { ...referral('declined'), unassignedReason: 'No eligible partner: 2 at capacity', updatedAt: now },
    });
  });

  it('records acceptance, declines (giving the referral back) and the outcome', () => {
    expect(acceptReferral(referral('assigned', 'p1'), now)).toEqual({ ok: true, value: { ...referral('assigned', 'p1'), status: 'accepted', updatedAt: now } });
    expect(declineReferral(referral('assigned', 'p1'), now)).toEqual({ ok: true, value: { ...referral('assigned', 'p1'), status: 'declined', partnerId: null, updatedAt: now } });
    expect(closeReferral(referral('accepted', 'p1'), 'converted', now)).toEqual({
      ok: true,
      value: { ...referral('accepted', 'p1'), status: 'converted', closedAt: now, updatedAt: now },
    });
    expect(closeReferral(referral('accepted', 'p1'), 'lost', now)).toMatchObject({ ok: true, value: { status: 'lost', closedAt: now } });
  });

  it('routes on what the referral says of its lead', () => {
    expect(leadOfReferral(referral('new'))).toEqual({ region: 'EMEA', country: 'DE', products: ['analytics'] });
  });
});

describe('a referral as it comes in', () => {
  const valid = { company: { name: 'Globex' } };

  it('needs only the company’s name', () => {
    expect(ReferralInput.parse(valid)).toEqual({ company: { name: 'Globex' }, products: [] });
  });

  it('tidies what was typed', () => {
    const input = {
      company: { name: ' Globex ', domain: 'globex.de', country: 'de' },
      region: 'EMEA',
      products: [' Analytics', 'analytics', 'Payments '],
      contactEmail: 'hans@globex.de',
      estimatedValue: { amount: 1200.5, currency: 'eur' },
      source: ' webinar ',
    };
    expect(ReferralInput.parse(input)).toEqual({
      company: { name: 'Globex', domain: 'globex.de', country: 'DE' },
      region: 'EMEA',
      products: ['analytics', 'payments'],
      contactEmail: 'hans@globex.de',
      estimatedValue: { amount: 1200.5, currency: 'EUR' },
      source: 'webinar',
    });
  });

  it('takes values at their limits', () => {
    expect(ReferralInput.parse({ ...valid, estimatedValue: { amount: 0, currency: 'USD' } }).estimatedValue).toEqual({ amount: 0, currency: 'USD' });
    expect(ReferralInput.parse({ ...valid, estimatedValue: { amount: 1e13, currency: 'USD' } }).estimatedValue!.amount).toBe(1e13);
    expect(ReferralInput.parse({ company: { name: 'x'.repeat(200) }, source: 's'.repeat(80), products: ['p'.repeat(120)] })).toMatchObject({ source: 's'.repeat(80) });
  });

  it.each<[string, Record<string, unknown>, (string | number)[], string | null]>([
    ['no company', { company: undefined }, ['company'], null],
    ['a blank company name', { company: { name: '  ' } }, ['company', 'name'], null],
    ['a company name over 200 characters', { company: { name: 'x'.repeat(201) } }, ['company', 'name'], null],
    ['a bad company domain', { company: { name: 'Globex', domain: 'not a domain' } }, ['company', 'domain'], null],
    ['an unknown country', { company: { name: 'Globex', country: 'XX' } }, ['company', 'country'], null],
    ['an unknown company field', { company: { name: 'Globex', size: 5 } }, ['company'], null],
    ['an unknown region', { region: 'EU' }, ['region'], null],
    ['a blank product', { products: ['analytics', ' '] }, ['products', 1], null],
    ['a product over 120 characters', { products: ['p'.repeat(121)] }, ['products', 0], null],
    ['more than 50 products', { products: Array(51).fill('bi') }, ['products'], null],
    ['a contact without an email address', { contactEmail: 'hans' }, ['contactEmail'], null],
    ['a negative value', { estimatedValue: { amount: -1, currency: 'EUR' } }, ['estimatedValue', 'amount'], null],
    ['a value over ten trillion', { estimatedValue: { amount: 1e13 + 1, currency: 'EUR' } }, ['estimatedValue', 'amount'], null],
    ['fractions of a cent', { estimatedValue: { amount: 1.001, currency: 'EUR' } }, ['estimatedValue', 'amount'], null],
    ['an unknown currency', { estimatedValue: { amount: 1, currency: 'XYZ' } }, ['estimatedValue', 'currency'], 'must be an ISO 4217 currency code'],
    ['a value without its currency', { estimatedValue: { amount: 1 } }, ['estimatedValue', 'currency'], null],
    ['a blank source', { source: ' ' }, ['source'], null],
    ['a source over 80 characters', { source: 's'.repeat(81) }, ['source'], null],
    ['an unknown field', { priority: 'high' }, [], null],
  ])('is refused with %s', (_label, change, path, message) => {
    const result = ReferralInput.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(path);
    if (message) expect(result.error!.issues[0]!.message).toBe(message);
  });

  it('counts each product once, whatever its case', () => {
    expect(LeadProducts.parse(['BI', 'bi', 'Bi'])).toEqual(['bi']);
    expect(LeadProducts.parse(undefined)).toEqual([]);
  });
});

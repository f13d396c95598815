import {
  approveRegistration,
  closeRegistration,
  CrmDealRef,
  dealIdIn,
  expireRegistration,
  isOpen,
  rejectRegistration,
  DealRegistrationInput,
  type DealRegistration,
  type RegistrationStatus,
} from '../../../src/domain/registration';

const now = new Date('2026-03-02T09:00:00Z');

function registration(status: RegistrationStatus, protectionExpiresAt: Date | null = null): DealRegistration {
  return {
    id: 'r1',
    partnerId: 'p1',
    accountId: 'a1',
    customer: { name: 'Globex', domain: 'globex.com', country: 'US' },
    products: ['analytics'],
    amount: 1000,
    currency: 'USD',
    expectedCloseDate: '2026-06-30',
    region: 'NA',
    notes: null,
    status,
    submittedAt: new Date('2026-03-01T00:00:00Z'),
    decision: null,
    override: null,
    protectionExpiresAt,
    closedAt: null,
  };
}

const approve = (reg: DealRegistration, blocking: string[] = [], overrideReason?: string) =>
  approveRegistration(reg, { actor: 'maria@vendor.com', now, protectionWindowDays: 90, blockingRegistrationIds: blocking, overrideReason });

describe('lifecycle', () => {
  const all: RegistrationStatus[] = ['pending', 'approved', 'rejected', 'won', 'lost', 'expired'];
  const allowed = new Set(['pending>approved', 'pending>rejected', 'approved>won', 'approved>lost', 'approved>expired']);

  it.each(all.flatMap((from) => (['approved', 'rejected', 'won', 'lost', 'expired'] as const).map((to) => [from, to] as const)))(
    '%s → %s',
    (from, to) => {
      const past = new Date(now.getTime() - 1000);
      const reg = registration(from, from === 'approved' ? past : null);
      const result =
        to === 'approved'
          ? approve(reg)
          : to === 'rejected'
            ? rejectRegistration(reg, 'maria@vendor.com', 'duplicate', now)
            : to === 'expired'
              ? expireRegistration(reg, now)
              : closeRegistration(reg, to, now);
      expect(result.ok).toBe(allowed.has(`${from}>${to}`));
      if (!result.ok) expect(result.error.code).toBe('illegal_transition');
    },
  );

  it('says why a change is refused in plain English', () => {
    const refusal = (result: ReturnType<typeof approve>) => (result.ok ? null : result.error.message);
    expect(refusal(rejectRegistration(registration('approved'), 'maria@vendor.com', 'late', now))).toBe('an approved registration cannot become rejected');
    expect(refusal(rejectRegistration(registration('won'), 'maria@vendor.com', 'late', now))).toBe('a won registration cannot become rejected');
    expect(refusal(approve(registration('approved')))).toBe('the registration is already approved');
  });
});

describe('approval', () => {
  it('records who and when, and starts the protection window', () => {
    const result = approve(registration('pending'));
    expect(result).toMatchObject({
      ok: true,
      value: {
        status: 'approved',
        decision: { by: 'maria@vendor.com', at: now, reason: null },
        override: null,
        protectionExpiresAt: new Date('2026-05-31T09:00:00Z'),
      },
    });
  });

  it('is refused while a protected registration blocks it, and names the blocker', () => {
    const result = approve(registration('pending'), ['r0']);
    expect(result).toMatchObject({ ok: false, error: { code: 'blocked_by_protected_registration', details: { blockingRegistrationIds: ['r0'] } } });
  });

  it('goes through with a recorded manager override', () => {
    const result = approve(registration('pending'), ['r0'], 'customer asked for this partner');
    expect(result).toMatchObject({ ok: true, value: { override: { by: 'maria@vendor.com', at: now, reason: 'customer asked for this partner' } } });
  });

  it('refuses an override when nothing blocks', () => {
    expect(approve(registration('pending'), [], 'because')).toMatchObject({ ok: false, error: { code: 'override_not_allowed' } });
  });
});

describe('expiry and openness', () => {
  it('does not expire inside the window', () => {
    const result = expireRegistration(registration('approved', new Date(now.getTime() + 1)), now);
    expect(result.ok).toBe(false);
  });

  it('an approved registration is open only inside its window', () => {
    expect(isOpen(registration('approved', new Date(now.getTime() + 1)), now)).toBe(true);
    expect(isOpen(registration('approved', now), now)).toBe(false);
    expect(isOpen(registration('pending'), now)).toBe(true);
    expect(isOpen(registration('rejected'), now)).toBe(false);
  });
});

describe('DealRegistrationInput', () => {
  const valid = {
    partnerId: '0e7a4c1e-1111-4c1e-9a4c-0e7a4c1e1111',
    customer: { name: 'Globex', domain: 'https://globex.com', country: 'us' },
    products: ['Analytics', 'analytics ', 'Payments'],
    amount: 1000.5,
    currency: 'eur',
    expectedCloseDate: '2026-06-30',
  };

  it('keeps each product once, as first written, and normalizes country and currency', () => {
    expect(DealRegistrationInput.parse(valid)).toMatchObject({ products: ['Analytics', 'Payments'], currency: 'EUR', customer: { country: 'US' } });
  });

  it.each<[string, Record<string, unknown>, (string | number)[]]>([
    ['an impossible date', { expectedCloseDate: '2026-02-30' }, ['expectedCloseDate']],
    ['an unknown currency', { currency: 'XYZ' }, ['currency']],
    ['a negative amount', { amount: -1 }, ['amount']],
    ['fractions of a cent', { amount: 1.001 }, ['amount']],
    ['no products', { products: [] }, ['products']],
    ['a bad domain', { customer: { name: 'Globex', domain: 'not a domain' } }, ['customer', 'domain']],
    ['an unknown country', { customer: { name: 'Globex', country: 'XX' } }, ['customer', 'country']],
    ['an unknown field', { discount: 5 }, []],
  ])('rejects %s at its path', (_label, change, path) => {
    const result = DealRegistrationInput.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(path);
  });
});

const context = { actor: 'maria@vendor.com', now, protectionWindowDays: 30, blockingRegistrationIds: [] as string[] };

describe('deciding and closing a registration', () => {
  it('an illegal step says from what to what', () => {
    expect(closeRegistration(registration('rejected'), 'won', now)).toEqual({
      ok: false,
      error: { code: 'illegal_transition', message: 'a rejected registration cannot become won', details: { from: 'rejected', to: 'won' } },
    });
  });

  it('approval protects the customer for the tenant’s window, counted from the decision', () => {
    const result = approveRegistration(registration('pending'), context);
    expect(result).toMatchObject({ ok: true, value: { protectionExpiresAt: new Date('2026-04-01T09:00:00Z') } });
  });

  it('a blocked approval without a reason says what it needs', () => {
    expect(approveRegistration(registration('pending'), { ...context, blockingRegistrationIds: ['r0'], overrideReason: '' })).toEqual({
      ok: false,
      error: {
        code: 'blocked_by_protected_registration',
        message: 'another partner holds an approved, protected registration for this customer; approving needs a manager override with a reason',
        details: { blockingRegistrationIds: ['r0'] },
      },
    });
  });

  it('an override with nothing to override says so', () => {
    expect(approveRegistration(registration('pending'), { ...context, overrideReason: 'because' })).toEqual({
      ok: false,
      error: { code: 'override_not_allowed', message: 'nothing blocks this approval, so there is nothing to override' },
    });
  });

  it('an approval that is not allowed is refused before anything is checked', () => {
    expect(approveRegistration(registration('won'), { ...context, blockingRegistrationIds: ['r0'] })).toMatchObject({ ok: false, error: { code: 'illegal_transition' } });
  });

  it('a rejection records who, when and why, and changes nothing else', () => {
    expect(rejectRegistration(registration('pending'), 'maria@vendor.com', 'duplicate', now)).toEqual({
      ok: true,
      value: { ...registration('pending'), status: 'rejected', decision: { by: 'maria@vendor.com', at: now, reason: 'duplicate' } },
    });
  });

  it('closing records the outcome and when', () => {
    const approved = registration('approved', new Date('2026-04-01T00:00:00Z'));
    expect(closeRegistration(approved, 'won', now)).toEqual({ ok: true, value: { ...approved, status: 'won', closedAt: now } });
    expect(closeRegistration(approved, 'lost', now)).toEqual({ ok: true, value: { ...approved, status: 'lost', closedAt: now } });
  });

  it('expires the instant its window ends, not before', () => {
    const approved = registration('approved', now);
    expect(expireRegistration(approved, now)).toEqual({ ok: true, value: { ...approved, status: 'expired', closedAt: now } });
    expect(expireRegistration(registration('approved', new Date(now.getTime() + 1)), now)).toEqual({
      ok: false,
      error: { code: 'illegal_transition', message: 'the protection window has not ended yet', details: { protectionExpiresAt: '2026-03-02T09:00:00.001Z' } },
    });
  });

  it('only an approved registration expires, whatever its window says', () => {
    expect(expireRegistration(registration('won', new Date(now.getTime() - 1)), now)).toEqual({
      ok: false,
      error: { code: 'illegal_transition', message: 'a won registration cannot become expired', details: { from: 'won', to: 'expired' } },
    });
  });

  it('an approved registration without a window never expires', () => {
    expect(expireRegistration(registration('approved', null), now)).toMatchObject({ ok: false, error: { details: { protectionExpiresAt: null } } });
  });

  it.each<[RegistrationStatus, Date | null, boolean]>([
    ['pending', null, true],
    ['approved', new Date(now.getTime() + 1), true],
    ['approved', now, false],
    ['approved', null, false],
    ['rejected', new Date(now.getTime() + 1), false],
    ['won', new Date(now.getTime() + 1), false],
    ['expired', null, false],
  ])('a %s registration protected until %s claims its customer: %s', (status, until, open) => {
    expect(isOpen(registration(status, until), now)).toBe(open);
  });
});

describe('references to CRM deals', () => {
  it.each([
    ['hubspot:deal:123', 'hubspot:deal:123'],
    [' hubspot:deal:12345678901234567890 ', 'hubspot:deal:12345678901234567890'],
    ['salesforce:Opportunity:006000000000001', 'salesforce:Opportunity:006000000000001'],
    ['salesforce:Opportunity:006000000000001AAA', 'salesforce:Opportunity:006000000000001AAA'],
  ])('takes %j', (ref, expected) => {
    expect(CrmDealRef.parse(ref)).toBe(expected);
  });

  it.each([
    'hubspot:deal:',
    'hubspot:deal:123456789012345678901',
    'hubspot:deal:12a',
    'x hubspot:deal:1',
    'hubspot:deal:1 x',
    'hubspot:company:1',
    'salesforce:Opportunity:00600000000001',
    'salesforce:Opportunity:006000000000001AAAA',
    'salesforce:Opportunity:006-00000000001',
    'salesforce:Account:001000000000001',
  ])('refuses %j', (ref) => {
    const result = CrmDealRef.safeParse(ref);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe('must be hubspot:deal:<id> or salesforce:Opportunity:<id>');
  });

  it.each([
    ['hubspot:deal:123', 'hubspot', '123'],
    ['hubspot:deal:123', 'salesforce', null],
    ['salesforce:Opportunity:006A', 'salesforce', '006A'],
    ['salesforce:Opportunity:006A', 'hubspot', null],
    [null, 'hubspot', null],
  ] as const)('%s names deal %s in %s', (ref, crm, id) => {
    expect(dealIdIn(ref, crm)).toBe(id);
  });
});

describe('a registration as a partner submits it', () => {
  const valid = {
    partnerId: '0e7a4c1e-1111-4c1e-9a4c-0e7a4c1e1111',
    customer: { name: 'Globex' },
    products: ['Analytics'],
    amount: 1000,
    currency: 'USD',
    expectedCloseDate: '2026-06-30',
  };

  it('needs no more than the partner, customer, products, amount, currency and close date', () => {
    expect(DealRegistrationInput.parse(valid)).toEqual(valid);
  });

  it('takes every field at its limits, tidied', () => {
    const input = {
      ...valid,
      customer: { name: ` ${'x'.repeat(200)} `, domain: 'globex.com', country: 'us' },
      products: [' BI ', 'p'.repeat(120), ...Array.from({ length: 48 }, (_, i) => `product ${i}`)],
      amount: 1e13,
      currency: 'usd',
      expectedCloseDate: '2028-02-29',
      region: 'NA',
      notes: 'n'.repeat(5000),
    };
    expect(DealRegistrationInput.parse(input)).toEqual({
      ...input,
      customer: { name: 'x'.repeat(200), domain: 'globex.com', country: 'US' },
      products: ['BI', 'p'.repeat(120), ...Array.from({ length: 48 }, (_, i) => `product ${i}`)],
      currency: 'USD',
    });
    expect(DealRegistrationInput.parse({ ...valid, amount: 0 }).amount).toBe(0);
  });

  it.each<[string, Record<string, unknown>, (string | number)[], string | null]>([
    ['a partner id that is not one', { partnerId: 'p1' }, ['partnerId'], null],
    ['a blank customer name', { customer: { name: '  ' } }, ['customer', 'name'], null],
    ['a customer name over 200 characters', { customer: { name: 'x'.repeat(201) } }, ['customer', 'name'], null],
    ['an unknown customer field', { customer: { name: 'Globex', size: 5 } }, ['customer'], null],
    ['a blank product', { products: ['bi', ' '] }, ['products', 1], null],
    ['a product over 120 characters', { products: ['p'.repeat(121)] }, ['products', 0], null],
    ['more than 50 products', { products: Array(51).fill('bi') }, ['products'], null],
    ['an amount over ten trillion', { amount: 1e13 + 1 }, ['amount'], null],
    ['a currency that is not one', { currency: 'dollars' }, ['currency'], 'must be an ISO 4217 currency code'],
    ['a date in another format', { expectedCloseDate: '30.06.2026' }, ['expectedCloseDate'], 'must be a date as YYYY-MM-DD'],
    ['a date with a time', { expectedCloseDate: '2026-06-30T00:00:00Z' }, ['expectedCloseDate'], 'must be a date as YYYY-MM-DD'],
    ['a date with text before it', { expectedCloseDate: 'x2026-06-30' }, ['expectedCloseDate'], 'must be a date as YYYY-MM-DD'],
    ['a 29 February in a common year', { expectedCloseDate: '2027-02-29' }, ['expectedCloseDate'], 'must be a real calendar date'],
    ['a 13th month', { expectedCloseDate: '2026-13-01' }, ['expectedCloseDate'], 'must be a real calendar date'],
    ['an unknown region', { region: 'EU' }, ['region'], null],
    ['notes over 5000 characters', { notes: 'n'.repeat(5001) }, ['notes'], null],
  ])('is refused with %s', (_label, change, path, message) => {
    const result = DealRegistrationInput.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(path);
    if (message) expect(result.error!.issues[0]!.message).toBe(message);
  });
});

import { ActivityInput, CertificationInput, SatisfactionInput, SupportCaseInput } from '../../../src/domain/partnerSignals';

const issued = '2026-01-10T09:00:00Z';

describe('signals about a partner from outside Trellis', () => {
  it('a certification: read with its instants as dates, never expiring unless it says so', () => {
    expect(CertificationInput.parse({ name: ' Analytics Pro ', issuedAt: issued })).toEqual({ name: 'Analytics Pro', issuedAt: new Date(issued), expiresAt: null });
    expect(CertificationInput.parse({ name: 'BI', holderEmail: 'ana@bluepeak.de', issuedAt: issued, expiresAt: '2027-01-10T10:00:00+01:00' })).toEqual({
      name: 'BI',
      holderEmail: 'ana@bluepeak.de',
      issuedAt: new Date(issued),
      expiresAt: new Date('2027-01-10T09:00:00Z'),
    });
  });

  it.each<[string, Record<string, unknown>, (string | number)[], string | null]>([
    ['a blank name', { name: ' ' }, ['name'], null],
    ['a name over 200 characters', { name: 'x'.repeat(201) }, ['name'], null],
    ['a holder without an email address', { holderEmail: 'ana' }, ['holderEmail'], null],
    ['a date without a time', { issuedAt: '2026-01-10' }, ['issuedAt'], null],
    ['expiry when it was issued', { expiresAt: issued }, ['expiresAt'], 'must be after issuedAt'],
    ['expiry before it was issued', { expiresAt: '2025-01-10T09:00:00Z' }, ['expiresAt'], 'must be after issuedAt'],
    ['an unknown field', { score: 3 }, [], null],
  ])('a certification is refused with %s', (_label, change, path, message) => {
    const result = CertificationInput.safeParse({ name: 'BI', issuedAt: issued, ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(path);
    if (message) expect(result.error!.issues[0]!.message).toBe(message);
  });

  it('a satisfaction survey: PSAT 1 to 5, with an optional trimmed comment', () => {
    expect(SatisfactionInput.parse({ score: 1, respondedAt: issued })).toEqual({ score: 1, respondedAt: new Date(issued) });
    expect(SatisfactionInput.parse({ score: 5, respondentEmail: 'ana@bluepeak.de', comment: ' great ', respondedAt: issued })).toEqual({
      score: 5,
      respondentEmail: 'ana@bluepeak.de',
      comment: 'great',
      respondedAt: new Date(issued),
    });
  });

  it.each<[string, Record<string, unknown>, (string | number)[]]>([
    ['a score of 0', { score: 0 }, ['score']],
    ['a score of 6', { score: 6 }, ['score']],
    ['half a point', { score: 3.5 }, ['score']],
    ['a comment over 2000 characters', { comment: 'x'.repeat(2001) }, ['comment']],
    ['a respondent without an email address', { respondentEmail: 'ana' }, ['respondentEmail']],
    ['no date', { respondedAt: undefined }, ['respondedAt']],
    ['an unknown field', { nps: 9 }, []],
  ])('a survey is refused with %s', (_label, change, path) => {
    const result = SatisfactionInput.safeParse({ score: 4, respondedAt: issued, ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(path);
  });

  it('a support case: open until it says when it closed, possibly at once', () => {
    expect(SupportCaseInput.parse({ externalId: ' T-1 ', openedAt: issued })).toEqual({ externalId: 'T-1', openedAt: new Date(issued), closedAt: null });
    expect(SupportCaseInput.parse({ externalId: 'T-1', subject: ' Login fails ', openedAt: issued, closedAt: issued })).toEqual({
      externalId: 'T-1',
      subject: 'Login fails',
      openedAt: new Date(issued),
      closedAt: new Date(issued),
    });
  });

  it.each<[string, Record<string, unknown>, (string | number)[], string | null]>([
    ['a blank id', { externalId: ' ' }, ['externalId'], null],
    ['an id over 200 characters', { externalId: 'x'.repeat(201) }, ['externalId'], null],
    ['a subject over 500 characters', { subject: 'x'.repeat(501) }, ['subject'], null],
    ['closed before it opened', { closedAt: '2026-01-10T08:59:59Z' }, ['closedAt'], 'must not be before openedAt'],
    ['an unknown field', { priority: 'high' }, [], null],
  ])('a support case is refused with %s', (_label, change, path, message) => {
    const result = SupportCaseInput.safeParse({ externalId: 'T-1', openedAt: issued, ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(path);
    if (message) expect(result.error!.issues[0]!.message).toBe(message);
  });

  it('portal and API activity of a known kind', () => {
    expect(ActivityInput.parse({ kind: 'portal_login', occurredAt: issued })).toEqual({ kind: 'portal_login', occurredAt: new Date(issued) });
    expect(ActivityInput.safeParse({ kind: 'email_opened', occurredAt: issued }).success).toBe(false);
    expect(ActivityInput.safeParse({ kind: 'api_call', occurredAt: issued, count: 3 }).success).toBe(false);
  });
});

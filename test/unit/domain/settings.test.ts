import { TenantSettings, TenantSettingsPatch } from '../../../src/domain/settings';

describe('tenant settings', () => {
  it('has a default for everything, so a new tenant works at once', () => {
    expect(TenantSettings.parse({})).toEqual({
      rulesOfEngagement: 'first_to_register',
      protectionWindowDays: 90,
      nameMatchThreshold: 0.6,
      approvalSlaHours: 48,
      crmUserDefaultRole: 'sales_rep',
      closeDateGraceDays: 0,
      healthGraceDays: 60,
      extraFreeMailDomains: [],
    });
  });

  it('takes the extremes of each range', () => {
    const low = { rulesOfEngagement: 'manager_decides', protectionWindowDays: 1, nameMatchThreshold: 0.3, approvalSlaHours: 1, crmUserDefaultRole: 'viewer' };
    expect(TenantSettings.parse(low)).toMatchObject(low);
    const high = { protectionWindowDays: 730, nameMatchThreshold: 1, approvalSlaHours: 720 };
    expect(TenantSettings.parse(high)).toMatchObject(high);
  });

  it('keeps extra free-mail domains lower-case, trimmed and each once', () => {
    expect(TenantSettings.parse({ extraFreeMailDomains: [' Mail.Example ', 'mail.example', 'post.co.uk', 'a-b.example'] }).extraFreeMailDomains).toEqual([
      'mail.example',
      'post.co.uk',
      'a-b.example',
    ]);
  });

  it.each<[string, Record<string, unknown>, (string | number)[]]>([
    ['an unknown rule of engagement', { rulesOfEngagement: 'anything_goes' }, ['rulesOfEngagement']],
    ['a protection window of 0 days', { protectionWindowDays: 0 }, ['protectionWindowDays']],
    ['a protection window over two years', { protectionWindowDays: 731 }, ['protectionWindowDays']],
    ['a protection window of part of a day', { protectionWindowDays: 1.5 }, ['protectionWindowDays']],
    ['a match threshold below 0.3', { nameMatchThreshold: 0.29 }, ['nameMatchThreshold']],
    ['a match threshold above 1', { nameMatchThreshold: 1.01 }, ['nameMatchThreshold']],
    ['an approval SLA of 0 hours', { approvalSlaHours: 0 }, ['approvalSlaHours']],
    ['an approval SLA over 30 days', { approvalSlaHours: 721 }, ['approvalSlaHours']],
    ['an approval SLA of part of an hour', { approvalSlaHours: 2.5 }, ['approvalSlaHours']],
    ['admin rights for CRM users', { crmUserDefaultRole: 'admin' }, ['crmUserDefaultRole']],
    ['an unknown setting', { theme: 'dark' }, []],
  ])('refuses %s', (_label, input, path) => {
    const result = TenantSettings.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(path);
  });

  it.each(['gmail', 'mail..example', '-mail.example', 'mail .example', 'mail.example/x', `${'a'.repeat(64)}.example`])('refuses %j as a free-mail domain', (domain) => {
    const result = TenantSettings.safeParse({ extraFreeMailDomains: [domain] });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({ path: ['extraFreeMailDomains', 0], message: 'must be a domain such as mail.example' });
  });

  it('takes up to 500 extra free-mail domains', () => {
    const domains = (n: number) => Array.from({ length: n }, (_, i) => `mail${i}.example`);
    expect(TenantSettings.safeParse({ extraFreeMailDomains: domains(500) }).success).toBe(true);
    expect(TenantSettings.safeParse({ extraFreeMailDomains: domains(501) }).success).toBe(false);
  });
});

describe('a change to the settings', () => {
  it('names only what changes, with nothing filled in', () => {
    expect(TenantSettingsPatch.parse({ approvalSlaHours: 24 })).toEqual({ approvalSlaHours: 24 });
  });

  it('must change something', () => {
    const result = TenantSettingsPatch.safeParse({});
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe('at least one setting must be given');
  });

  it('is checked like the settings themselves', () => {
    expect(TenantSettingsPatch.safeParse({ protectionWindowDays: 0 }).success).toBe(false);
    expect(TenantSettingsPatch.safeParse({ colour: 'red' }).success).toBe(false);
  });
});

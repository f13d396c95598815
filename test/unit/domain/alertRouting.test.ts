import { AlertRoute, AlertRoutes, routeAlert, type RoutingFacts } from '../../../src/domain/alertRouting';

const conflictInEmea: RoutingFacts = { kind: 'channel_conflict', region: 'EMEA', tier: 'gold', managerEmail: 'maria@vendor.com' };
const channel = (channelId: string) => ({ type: 'channel' as const, channelId });
const manager = { type: 'partner_manager' as const };

describe('where an alert goes in Slack', () => {
  it.each<[string, AlertRoute[], RoutingFacts, ReturnType<typeof routeAlert>]>([
    ['no rules: the default channel', [], conflictInEmea, { type: 'default' }],
    ['a rule without filters takes everything', [{ target: channel('CALL') }], conflictInEmea, channel('CALL')],
    ['the first matching rule decides', [{ kind: 'channel_conflict', target: channel('C1') }, { target: channel('C2') }], conflictInEmea, channel('C1')],
    ['a rule for another kind is passed over', [{ kind: 'sla_breached', target: channel('C1') }, { target: channel('C2') }], conflictInEmea, channel('C2')],
    ['a rule for another region is passed over', [{ region: 'NA', target: channel('C1') }, { region: 'EMEA', target: channel('C2') }], conflictInEmea, channel('C2')],
    ['a rule for another tier is passed over', [{ tier: 'silver', target: channel('C1') }, { tier: 'gold', target: channel('C2') }], conflictInEmea, channel('C2')],
    ['every filter must hold', [{ kind: 'channel_conflict', region: 'EMEA', tier: 'platinum', target: channel('C1') }], conflictInEmea, { type: 'default' }],
    ['a region filter never matches an alert without a region', [{ region: 'EMEA', target: channel('C1') }], { ...conflictInEmea, region: null }, { type: 'default' }],
    ['a tier filter never matches an alert without a tier', [{ tier: 'gold', target: channel('C1') }], { ...conflictInEmea, tier: null }, { type: 'default' }],
    ['the partner’s manager, by direct message', [{ target: manager }, { target: channel('C2') }], conflictInEmea, { type: 'dm', email: 'maria@vendor.com' }],
    ['without a known manager, on to the next rule', [{ target: manager }, { target: channel('C2') }], { ...conflictInEmea, managerEmail: null }, channel('C2')],
    ['without a known manager and no other rule, the default', [{ target: manager }], { ...conflictInEmea, managerEmail: null }, { type: 'default' }],
  ])('%s', (_label, routes, facts, expected) => {
    expect(routeAlert(routes, facts)).toEqual(expected);
  });
});

describe('alert routing rules as an admin enters them', () => {
  it.each([
    [{ target: { type: 'channel', channelId: 'C0123ABCD' } }],
    [{ kind: 'partner_at_risk', region: 'APAC', tier: 'platinum', target: { type: 'channel', channelId: 'G01' } }],
    [{ target: { type: 'partner_manager' } }],
  ])('takes %j', (route) => {
    expect(AlertRoute.parse(route)).toEqual(route);
  });

  it.each<[string, unknown, (string | number)[], string | undefined]>([
    ['a channel name instead of its id', { target: { type: 'channel', channelId: '#partners' } }, ['target', 'channelId'], 'must be a Slack channel id such as C0123ABCD'],
    ['a user id', { target: { type: 'channel', channelId: 'U0123ABCD' } }, ['target', 'channelId'], 'must be a Slack channel id such as C0123ABCD'],
    ['a lower-case id', { target: { type: 'channel', channelId: 'c0123abcd' } }, ['target', 'channelId'], 'must be a Slack channel id such as C0123ABCD'],
    ['an id with text around it', { target: { type: 'channel', channelId: 'see C0123ABCD' } }, ['target', 'channelId'], 'must be a Slack channel id such as C0123ABCD'],
    ['an id with text after it', { target: { type: 'channel', channelId: 'C0123ABCD please' } }, ['target', 'channelId'], 'must be a Slack channel id such as C0123ABCD'],
    ['a channel id too short to be one', { target: { type: 'channel', channelId: 'C1' } }, ['target', 'channelId'], 'must be a Slack channel id such as C0123ABCD'],
    ['an unknown alert kind', { kind: 'anything', target: { type: 'partner_manager' } }, ['kind'], undefined],
    ['a channel on a manager target', { target: { type: 'partner_manager', channelId: 'C0123ABCD' } }, ['target'], undefined],
    ['an unknown field', { target: { type: 'partner_manager' }, priority: 1 }, [], undefined],
  ])('refuses %s', (_label, route, path, message) => {
    const result = AlertRoute.safeParse(route);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(path);
    if (message) expect(result.error!.issues[0]!.message).toBe(message);
  });

  it('takes up to 200 rules', () => {
    const rule = { target: { type: 'partner_manager' } };
    expect(AlertRoutes.safeParse(Array(200).fill(rule)).success).toBe(true);
    expect(AlertRoutes.safeParse(Array(201).fill(rule)).success).toBe(false);
  });
});

import { fixedClock } from '../../../src/domain/clock';
import { matchDealsToAccounts, upsertCrmDeals } from '../../../src/store/crmDeals';
import type { Actor } from '../../../src/usecases/context';
import { requestCoSell } from '../../../src/usecases/coSell';
import { changePartner } from '../../../src/usecases/partners';
import { winRateReport } from '../../../src/usecases/analytics';
import { analyticsPartner, analyticsTables, analyticsTenant, crmDeal, refreshAnalytics, registerCustomer } from '../../support/analytics';
import { createTestDatabase, type TestDatabase } from '../../support/databases';
import { testKeyring } from '../../support/deps';

/**
 * After a sweep, touchpoints and rollups are rebuilt only for the deals that changed since the
 * last rebuild (and the close months they are in or left), and end up as a full rebuild leaves them.
 */
describe('analytics: incremental touchpoint and rollup rebuild', () => {
  let database: TestDatabase;
  const clock = fixedClock('2026-01-01T00:00:00Z');
  let deps: { db: TestDatabase['db']; clock: typeof clock; keyring: ReturnType<typeof testKeyring> };
  let actor: Actor;
  let partners: Record<'bluepeak' | 'contoso' | 'northgate', string>;

  const deal = (crmId: string, name: string, domain: string, state: 'won' | 'lost' | 'open', closeDate: string, modifiedAt = '2026-03-01T00:00:00Z') =>
    crmDeal('hubspot', crmId, { name, domain, amount: 10000 * Number(crmId), state, createdAt: '2026-01-20T00:00:00Z', closeDate, modifiedAt });
  /** Backdates every change stamp and the watermark, so the next rebuild sees only what changes after. */
  const settle = async () => {
    for (const [table, column] of [['crm_deals', 'changed_at'], ['deal_registrations', 'updated_at'], ['co_sell_engagements', 'changed_at'], ['partners', 'updated_at']]) {
      await deps.db.query(`UPDATE ${table} SET ${column} = now() - interval '1 hour' WHERE tenant_id = $1`, [actor.tenantId]);
    }
    await deps.db.query("UPDATE touchpoint_rebuilds SET rebuilt_through = now() - interval '30 minutes' WHERE tenant_id = $1", [actor.tenantId]);
  };

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    deps = { db: database.db, clock, keyring: testKeyring() };
    actor = await analyticsTenant(deps);
    partners = {
      bluepeak: (await analyticsPartner(deps, actor, 'Bluepeak Systems', 'NA', 'gold')).id,
      contoso: (await analyticsPartner(deps, actor, 'Contoso Consulting', 'EMEA', 'silver')).id,
      northgate: (await analyticsPartner(deps, actor, 'Northgate Partners', 'APAC', 'registered')).id,
    };
    await registerCustomer(deps, actor, partners.bluepeak, { name: 'Globex', domain: 'globex.com' }, '2026-01-05T10:00:00Z');
    await registerCustomer(deps, actor, partners.contoso, { name: 'Initech', domain: 'initech.com' }, '2026-01-08T10:00:00Z');
    await registerCustomer(deps, actor, partners.northgate, { name: 'Hooli', domain: 'hooli.com' }, '2026-01-09T10:00:00Z', false);
    await upsertCrmDeals(deps.db, actor.tenantId, [
      deal('1', 'Globex – Suite', 'globex.com', 'open', '2026-03-15'),
      deal('2', 'Globex – Support', 'globex.com', 'won', '2026-02-10'),
      deal('3', 'Initech – Cloud', 'initech.com', 'lost', '2026-02-20'),
      deal('4', 'Hooli – Suite', 'hooli.com', 'open', '2026-04-01'),
      deal('5', 'Stark – Support', 'stark.com', 'won', '2026-02-05'),
    ]);
    await matchDealsToAccounts(deps.db, actor.tenantId);
  });
  afterAll(() => database.drop());

  it('rebuilds everything the first time, and nothing when nothing changed', async () => {
    expect(await refreshAnalytics(deps.db, actor.tenantId)).toEqual({ full: true, deals: 'all', touchpoints: 7 });
    await settle();
    expect(await refreshAnalytics(deps.db, actor.tenantId)).toEqual({ full: false, deals: 0, touchpoints: 0 });
  });

  it('rebuilds only the deals that changed, and leaves what a full rebuild leaves', async () => {
    await settle();
    // The Globex deal is won and its close date moves from March to April.
    await upsertCrmDeals(deps.db, actor.tenantId, [deal('1', 'Globex – Suite', 'globex.com', 'won', '2026-04-02', '2026-04-02T00:00:00Z')]);
    // Northgate is asked to co-sell with Initech (one deal); Contoso moves to APAC (its Initech deal).
    clock.set('2026-02-01T00:00:00Z');
    await requestCoSell(deps, actor, { partnerId: partners.northgate, customer: { name: 'Initech', domain: 'initech.com' }, role: 'co_sell' });
    await changePartner(deps, actor, partners.contoso, { region: 'APAC' });
    await matchDealsToAccounts(deps.db, actor.tenantId);

    expect(await refreshAnalytics(deps.db, actor.tenantId)).toEqual({ full: false, deals: 2, touchpoints: 2 + 3 });
    const incremental = await analyticsTables(deps.db, actor.tenantId);
    // March no longer holds the Globex deal: it moved to April.
    expect(incremental.analytics_partner_rollups).toEqual(
      expect.arrayContaining([expect.objectContaining({ partner_id: partners.bluepeak, month: '2026-04-01', won_deals: 1 })]),
    );
    expect(incremental.analytics_deal_rollups.filter((r) => (r as { month: string | null }).month === '2026-03-01')).toEqual([]);

    await refreshAnalytics(deps.db, actor.tenantId, { full: true });
    expect(await analyticsTables(deps.db, actor.tenantId)).toEqual(incremental);
  });

  it('reports read the rebuilt rollups', async () => {
    clock.set('2026-05-01T00:00:00Z');
    const wins = await winRateReport(deps, actor, { region: 'APAC' });
    // Contoso (now APAC) lost Initech, which Northgate co-sold too; nobody touched Stark's win.
    expect(wins.partnerInvolved).toMatchObject({ won: 0, lost: 1 });
    expect(wins.direct).toMatchObject({ won: 1, lost: 0 });
    expect(wins.partners.map((p) => [p.name, p.won, p.lost]).sort()).toEqual([
      ['Contoso Consulting', 0, 1],
      ['Northgate Partners', 0, 1],
    ]);
  });
});

import { refreshPartnerAnalytics } from '../../store/analytics/refresh';
import type { Crm } from '../../domain/crm';
import { matchDealsToAccounts, upsertCrmDeals } from '../../store/crmDeals';
import { getDealSweep, saveDealSweep } from '../../store/dealSweeps';
import { allActiveConnections } from '../../store/syncState';
import type { Deps } from '../../usecases/context';
import type { AdapterFactory } from '../engine/syncBatch';
import type { CrmAdapter, CrmRecord } from '../port';
import { sweepStart } from '../watermark';
import { DEAL_OBJECTS } from './dealObjects';

export interface DealSweepDeps extends Deps {
  adapters: AdapterFactory;
}

/** Pages one run reads; the next run continues from the watermark. */
const PAGES_PER_RUN = 50;

/** Each deal's company record, read in one association call and one batch read. */
async function companiesOf(adapter: CrmAdapter, crm: Crm, deals: CrmRecord[]): Promise<Map<string, CrmRecord>> {
  const objects = DEAL_OBJECTS[crm];
  const links = await adapter.associated(objects.deals.object, objects.companies.object, deals.map((d) => d.id));
  const companyIds = [...new Set([...links.values()].map((ids) => ids[0]!).filter(Boolean))];
  const companies = new Map((await adapter.read(objects.companies, companyIds)).found.map((c) => [c.id, c]));
  const byDeal = new Map<string, CrmRecord>();
  for (const [dealId, ids] of links) {
    const company = ids[0] ? companies.get(ids[0]) : undefined;
    if (company) byDeal.set(dealId, company);
  }
  return byDeal;
}

/**
 * Reads the deals a CRM changed since the connection's watermark, with their companies, and
 * stores them; then matches deals to customers and brings the touchpoints and analytics rollups
 * up to date with what changed since the last rebuild. Separate from the
 * partner sync: deals only ever flow in. Returns how many deals were read.
 */
export async function sweepCrmDeals(deps: DealSweepDeps, tenantId: string, crm: Crm): Promise<number> {
  const adapter = deps.adapters(tenantId, crm);
  const objects = DEAL_OBJECTS[crm];
  const state = await getDealSweep(deps.db, tenantId, crm);
  const since = sweepStart(state?.watermark ?? null, adapter);
  let newest = state?.watermark ?? null;
  let cursor: string | null = null;
  let read = 0;
  try {
    for (let page = 0; page < PAGES_PER_RUN; page++) {
      const result = await adapter.listChangedSince(objects.deals, since, cursor);
      const companies = await companiesOf(adapter, crm, result.records);
      await upsertCrmDeals(deps.db, tenantId, result.records.map((r) => ({ crm, ...objects.toDeal(r, companies.get(r.id) ?? null) })));
      read += result.records.length;
      for (const r of result.records) if (!newest || r.modifiedAt > newest) newest = r.modifiedAt;
      cursor = result.cursor;
      if (!cursor) break;
    }
  } catch (err) {
    // Keep what was stored; the next run starts again from the last watermark saved.
    await saveDealSweep(deps.db, tenantId, crm, { watermark: state?.watermark ?? null, lastRunAt: deps.clock.now(), lastError: (err as Error).message });
    throw err;
  }
  await deps.db.transaction(async (tx) => {
    await matchDealsToAccounts(tx, tenantId);
    await refreshPartnerAnalytics(tx, tenantId);
    await saveDealSweep(tx, tenantId, crm, { watermark: newest, lastRunAt: deps.clock.now(), lastError: null });
  });
  return read;
}

/** One sweep of every active connection; a failing connection does not hold up the others. */
export async function sweepAllCrmDeals(deps: DealSweepDeps, onError: (tenantId: string, crm: Crm, err: Error) => void): Promise<{ read: number; failed: number }> {
  let read = 0;
  let failed = 0;
  for (const { tenantId, crm } of await allActiveConnections(deps.db)) {
    try {
      read += await sweepCrmDeals(deps, tenantId, crm);
    } catch (err) {
      failed += 1;
      onError(tenantId, crm, err as Error);
    }
  }
  return { read, failed };
}

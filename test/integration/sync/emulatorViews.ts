import type { RunningHubSpotEmulator } from '../../../sandbox/hubspot';
import type { RunningSalesforceEmulator } from '../../../sandbox/salesforce';
import type { Db } from '../../../src/store/db';

/**
 * What a sync test reads of the two emulators and the store: `settle` waits until both have
 * delivered their webhooks and Trellis has nothing left to sync or publish; `companies` and
 * `accounts` are the records the CRMs hold.
 */
export function emulatorViews(o: {
  db: Db;
  hubspot: RunningHubSpotEmulator;
  salesforce: RunningSalesforceEmulator;
  portalId: number;
  orgId: string;
  eventually: (check: () => Promise<void>, timeoutMs: number) => Promise<unknown>;
  settleWithinMs: number;
}) {
  return {
    async settle() {
      await o.eventually(async () => {
        await o.hubspot.idle();
        await o.salesforce.idle();
        const { rows } = await o.db.query<{ n: string }>('SELECT (SELECT count(*) FROM sync_pending) + (SELECT count(*) FROM outbox WHERE published_at IS NULL) AS n');
        if (Number(rows[0]!.n) > 0) throw new Error(`${rows[0]!.n} changes still waiting`);
      }, o.settleWithinMs);
    },
    companies: () => Object.values(o.hubspot.state.portals[String(o.portalId)]!.records['0-2'] ?? {}).filter((r) => !r.archived),
    accounts: () => Object.values(o.salesforce.state.orgs[o.orgId]!.records.Account ?? {}) as Array<Record<string, unknown> & { Id: string }>,
  };
}

import type { Crm } from '../../../domain/crm';
import { clearPending, deferPending, type PendingRecord } from '../../../store/syncPending';
import { updateSyncState } from '../../../store/syncState';
import { AppMisconfigured, type CrmError } from '../../errors';
import { backoffMs } from '../backoff';
import type { SyncEngineDeps } from '../syncBatch';
import { CRM_LABEL, park } from './scope';

/**
 * A CRM failure of a whole call: records the CRM refused outright are parked with its words;
 * the others wait as long as the CRM asked, a reconnect takes, or backoff says.
 */
export async function settleCallFailure({ deps, tenantId, crm, rows, err }: { deps: SyncEngineDeps; tenantId: string; crm: Crm; rows: PendingRecord[]; err: CrmError }): Promise<void> {
  const now = deps.clock.now().getTime();
  deps.metrics?.errors.inc({ crm, kind: err.kind });
  if (err.kind === 'permanent') {
    // The CRM refused the call itself (e.g. a mapped property it does not have): park each record with the CRM's words.
    for (const row of rows) await park(deps.db, tenantId, crm, row, `${CRM_LABEL[crm]} refused the request: ${err.message}`, { status: err.status });
    await clearPending(deps.db, tenantId, crm, rows);
  } else {
    const attempts = Math.max(...rows.map((r) => r.attempts));
    const wait = err.kind === 'rate_limited' ? (err.retryAfterMs ?? 1000) : err.kind === 'auth' ? 60_000 : backoffMs(attempts);
    await deferPending(deps.db, tenantId, crm, rows, new Date(now + wait), err.message);
  }
  await updateSyncState(deps.db, tenantId, crm, { lastError: describeFailure(crm, err), lastErrorAt: new Date(now) });
}

/** What went wrong, in words an admin can act on. */
function describeFailure(crm: Crm, err: CrmError): string {
  const name = CRM_LABEL[crm];
  switch (err.kind) {
    case 'rate_limited':
      return `${name} asked Trellis to slow down (rate limit); syncing resumes by itself. ${err.message}`;
    case 'auth':
      if (err instanceof AppMisconfigured) return `${name} refused Trellis's own app credentials; Trellis retries once its operator fixes them, nothing to do on your side. ${err.message}`;
      return `${name} refused Trellis's credentials; an admin may need to reconnect ${name}. ${err.message}`;
    case 'transient':
      return `${name} was unavailable; Trellis retries with backoff. ${err.message}`;
    case 'permanent':
      return `${name} refused a request; the records are in the dead-letter list. ${err.message}`;
  }
}

import { inSpan } from '../telemetry/spans';
import { CrmError } from './errors';
import type { CrmAdapter, CrmObjectSpec, WriteOutcome } from './port';

/** How a write call ended: every record taken, some refused, all refused. */
function outcomeOf(outcomes: WriteOutcome[]): 'ok' | 'partial' | 'rejected' {
  const refused = outcomes.filter((o) => !o.ok).length;
  return refused === 0 ? 'ok' : refused < outcomes.length ? 'partial' : 'rejected';
}

/**
 * The adapter with a `crm.write` span around each call that changes CRM records: which CRM, object
 * and operation, how many records, and how it ended (a whole call that failed carries the
 * `CrmError` kind: rate_limited, auth, transient, permanent). Ids and counts only, never values.
 */
export function tracedAdapter(adapter: CrmAdapter, tenantId: string): CrmAdapter {
  const span = <T>(spec: CrmObjectSpec, operation: 'upsert' | 'archive', records: number, call: () => Promise<T>, outcome: (result: T) => string) =>
    inSpan(
      'crm.write',
      {
        kind: 'client',
        attributes: { 'trellis.crm': adapter.crm, 'trellis.tenant_id': tenantId, 'trellis.crm.object': spec.object, 'trellis.crm.operation': operation, 'trellis.crm.records': records },
      },
      async (s) => {
        try {
          const result = await call();
          s.setAttribute('trellis.crm.outcome', outcome(result));
          return result;
        } catch (err) {
          s.setAttribute('trellis.crm.outcome', err instanceof CrmError ? err.kind : 'failed');
          throw err;
        }
      },
    );
  return {
    ...adapter,
    write: (spec, writes) => span(spec, 'upsert', writes.length, () => adapter.write(spec, writes), outcomeOf),
    archive: (spec, ids) => span(spec, 'archive', ids.length, () => adapter.archive(spec, ids), () => 'ok'),
  };
}

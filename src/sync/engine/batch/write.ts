import { objectSpec } from '../../mapping/translate';
import type { CrmWrite, WriteOutcome } from '../../port';
import { writeIsolatingRefusals } from '../isolate';
import type { BatchScope } from './scope';

/** Writes what the CRM lacks in one call (record by record only where the CRM refuses the call for one), by Trellis id. */
export async function writeToCrm({ deps, adapter, mapping, writes }: Pick<BatchScope, 'deps' | 'adapter' | 'mapping'> & { writes: CrmWrite[] }): Promise<Map<string, WriteOutcome>> {
  if (writes.length === 0) return new Map();
  const outcomes = await writeIsolatingRefusals(adapter, objectSpec(mapping), writes);
  deps.metrics?.requests.inc({ crm: adapter.crm, call: 'write' });
  return new Map(outcomes.map((o) => [o.trellisId, o]));
}

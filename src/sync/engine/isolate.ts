import { CrmError } from '../errors';
import type { CrmAdapter, CrmObjectSpec, CrmWrite, WriteOutcome } from '../port';

/**
 * Writes a batch; when the CRM refuses the whole request for one bad record (HubSpot's 400
 * for an invalid value, Salesforce's JSON_PARSER_ERROR), writes the records one by one so
 * only the culprits are refused and the rest go through.
 */
export async function writeIsolatingRefusals(adapter: CrmAdapter, spec: CrmObjectSpec, writes: CrmWrite[]): Promise<WriteOutcome[]> {
  try {
    return await adapter.write(spec, writes);
  } catch (err) {
    if (!(err instanceof CrmError) || err.kind !== 'permanent') throw err;
    if (writes.length === 1) return [{ trellisId: writes[0]!.trellisId, ok: false, rejection: { code: `HTTP_${err.status ?? 400}`, message: err.message } }];
    const outcomes: WriteOutcome[] = [];
    for (const write of writes) outcomes.push(...(await writeIsolatingRefusals(adapter, spec, [write])));
    return outcomes;
  }
}

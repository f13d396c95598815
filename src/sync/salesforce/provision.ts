import type { Connection } from 'jsforce';
import type { ProvisionPlan, ProvisionReport } from '../port';
import { selectForChangeDataCapture } from './cdc/selection';

/**
 * On Salesforce the custom objects and fields arrive with the Trellis package, so provisioning
 * checks them with describe and reports, field by field, what the org still lacks; then it
 * selects the objects it found for Change Data Capture, which is how their changes reach Trellis.
 */
export async function provisionSalesforce(plan: ProvisionPlan, conn: Connection): Promise<ProvisionReport> {
  const report: ProvisionReport = { created: [], present: [], missing: [] };
  const found: string[] = [];
  for (const object of plan.objects) {
    let fields: Set<string>;
    try {
      const described = await conn.sobject(object.spec.object).describe();
      fields = new Set(described.fields.map((f) => f.name.toLowerCase()));
    } catch (err) {
      if ((err as { errorCode?: string }).errorCode !== 'NOT_FOUND') throw err;
      report.missing.push(`${object.spec.object} (custom object from the Trellis package)`);
      continue;
    }
    found.push(object.spec.object);
    for (const field of object.fields) {
      const name = `${object.spec.object}.${field.name}`;
      if (fields.has(field.name.toLowerCase())) report.present.push(name);
      else report.missing.push(name);
    }
  }
  await selectForChangeDataCapture(conn, found, report);
  return report;
}

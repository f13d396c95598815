import type { Connection } from 'jsforce';
import type { ProvisionPlan, ProvisionReport } from '../port';

/**
 * On Salesforce the custom objects and fields arrive with the Trellis package, so provisioning
 * only checks them with describe and reports, field by field, what the org still lacks.
 */
export async function provisionSalesforce(plan: ProvisionPlan, conn: Connection): Promise<ProvisionReport> {
  const report: ProvisionReport = { created: [], present: [], missing: [] };
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
    for (const field of object.fields) {
      const name = `${object.spec.object}.${field.name}`;
      if (fields.has(field.name.toLowerCase())) report.present.push(name);
      else report.missing.push(name);
    }
  }
  return report;
}

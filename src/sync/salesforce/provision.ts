import type { Connection } from 'jsforce';
import type { ProvisionPlan, ProvisionReport } from '../port';
import { packageNamespace } from './apiNames';
import { selectForChangeDataCapture } from './cdc/selection';

/**
 * On Salesforce the custom objects and fields arrive with the Trellis package, so provisioning
 * only checks them with describe and reports, field by field, what the org still lacks. An org
 * that still has the unpackaged (bare-named) Trellis objects is told so: Salesforce cannot turn
 * them into the managed package's, the records move by export, install and import [sf-prefix].
 * Then it selects the objects it found for Change Data Capture, which is how their changes reach Trellis.
 */
export async function provisionSalesforce(plan: ProvisionPlan, conn: Connection): Promise<ProvisionReport> {
  const report: ProvisionReport = { created: [], present: [], missing: [] };
  const found: string[] = [];
  const prefix = packageNamespace() ? `${packageNamespace()}__` : null;
  const unpackaged = (name: string) => (prefix && name.startsWith(prefix) ? name.slice(prefix.length) : null);
  const fieldsOf = async (object: string): Promise<Set<string> | null> => {
    try {
      return new Set((await conn.sobject(object).describe()).fields.map((f) => f.name.toLowerCase()));
    } catch (err) {
      if ((err as { errorCode?: string }).errorCode !== 'NOT_FOUND') throw err;
      return null;
    }
  };
  const unpackagedNote = (bare: string) => `the org has the unpackaged ${bare}: install the Trellis managed package and move its records there`;

  for (const object of plan.objects) {
    const fields = await fieldsOf(object.spec.object);
    if (!fields) {
      const bare = unpackaged(object.spec.object);
      const hint = bare && (await fieldsOf(bare)) ? `; ${unpackagedNote(bare)}` : '';
      report.missing.push(`${object.spec.object} (custom object from the Trellis package${hint})`);
      continue;
    }
    found.push(object.spec.object);
    for (const field of object.fields) {
      const name = `${object.spec.object}.${field.name}`;
      const bare = unpackaged(field.name);
      if (fields.has(field.name.toLowerCase())) report.present.push(name);
      else report.missing.push(bare && fields.has(bare.toLowerCase()) ? `${name} (${unpackagedNote(bare)})` : name);
    }
  }
  await selectForChangeDataCapture(conn, found, report);
  return report;
}

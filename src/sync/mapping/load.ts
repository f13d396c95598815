import type { Queryable } from '../../store/db';
import { getSavedMapping } from '../../store/syncMappings';
import { qualifyPackageField, qualifyPackageObject } from '../salesforce/apiNames';
import { DEFAULT_MAPPING } from './defaults';
import { SyncMapping, type ObjectMapping } from './types';

/** The mapping in force for a tenant: what its admin saved, or the defaults. */
export async function loadMapping(q: Queryable, tenantId: string): Promise<SyncMapping> {
  return mappingInForce(await getSavedMapping(q, tenantId));
}

/**
 * The mapping in force given what was saved (null when nothing was), with the Trellis package's
 * Salesforce names in the namespace in force: a mapping saved with the bare names of the
 * unpackaged days keeps working in a namespaced org.
 */
export function mappingInForce(saved: unknown): SyncMapping {
  const parsed = SyncMapping.safeParse(saved);
  const mapping = parsed.success ? parsed.data : DEFAULT_MAPPING;
  return {
    partner: { ...mapping.partner, salesforce: inPackageNamespace(mapping.partner.salesforce) },
    registration: { ...mapping.registration, salesforce: inPackageNamespace(mapping.registration.salesforce) },
  };
}

function inPackageNamespace(spec: ObjectMapping): ObjectMapping {
  return {
    object: qualifyPackageObject(spec.object),
    idField: qualifyPackageField(spec.object, spec.idField),
    fields: spec.fields.map((f) => ({ ...f, crmField: qualifyPackageField(spec.object, f.crmField) })),
  };
}

import type { ProvisionPlan, ProvisionReport } from '../port';
import type { HubSpotCall } from './adapter';

const GROUP = { name: 'trellis', label: 'Trellis' };

type PlannedField = ProvisionPlan['objects'][number]['fields'][number];

/** A property definition; on standard objects it also goes in the Trellis group (custom objects create theirs). */
const propertyFor = (field: PlannedField) => ({
  name: field.name,
  label: field.label,
  type: (field.options ? 'enumeration' : (field.type ?? 'string')) as never,
  fieldType: (field.options ? 'select' : field.type === 'datetime' ? 'date' : 'text') as never,
  hasUniqueValue: field.unique ?? false,
  ...(field.options ? { options: field.options.map((value, i) => ({ label: value, value, displayOrder: i, hidden: false })) } : {}),
});

/**
 * Creates what the mapping needs and is not there yet: the Trellis property group and
 * properties on standard objects, and Trellis's custom objects with their associations.
 * A custom object's base name is only the name it is created with and recognised by in the
 * schema list: every call about it uses the objectTypeId the portal gave it (HubSpot refuses
 * base names since June 2025), and the report hands that and the fully qualified name back.
 * Running it again creates nothing.
 */
export async function provisionHubSpot(plan: ProvisionPlan, call: HubSpotCall): Promise<ProvisionReport> {
  const customObjects: NonNullable<ProvisionReport['customObjects']> = [];
  const report: ProvisionReport = { created: [], present: [], missing: [], customObjects };
  const custom = plan.objects.filter((o) => o.custom);
  const schemas = custom.length > 0 ? (await call('api', (c) => c.crm.schemas.coreApi.getAll())).results : [];
  for (const object of plan.objects) {
    const label = `${object.spec.object}`;
    let objectType = object.spec.object;
    if (object.custom) {
      const schema =
        schemas.find((s) => s.name === object.spec.object) ??
        (await call('api', (c) =>
          c.crm.schemas.coreApi.create({
            name: object.spec.object,
            labels: { singular: object.label, plural: `${object.label}s` },
            primaryDisplayProperty: object.spec.idField,
            requiredProperties: [],
            searchableProperties: [object.spec.idField],
            secondaryDisplayProperties: [],
            properties: object.fields.map((f) => propertyFor(f)) as never,
            associatedObjects: object.associations ?? [],
          }),
        ));
      customObjects.push({ name: object.spec.object, objectTypeId: schema.objectTypeId!, fullyQualifiedName: schema.fullyQualifiedName! });
      if (!schemas.includes(schema)) {
        report.created.push(`${label} (custom object ${schema.objectTypeId} with ${object.fields.length} properties)`);
        continue;
      }
      objectType = schema.objectTypeId!;
    }
    const groups = (await call('api', (c) => c.crm.properties.groupsApi.getAll(objectType))).results;
    if (!groups.some((g) => g.name === GROUP.name)) {
      await call('api', (c) => c.crm.properties.groupsApi.create(objectType, { ...GROUP, displayOrder: -1 }));
    }
    const existing = new Set((await call('api', (c) => c.crm.properties.coreApi.getAll(objectType))).results.map((p) => p.name));
    for (const field of object.fields) {
      if (existing.has(field.name)) {
        report.present.push(`${label}.${field.name}`);
        continue;
      }
      await call('api', (c) => c.crm.properties.coreApi.create(objectType, { ...propertyFor(field), groupName: GROUP.name }));
      report.created.push(`${label}.${field.name}`);
    }
  }
  return report;
}

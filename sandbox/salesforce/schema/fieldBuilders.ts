import type { FieldDefinition, FieldType } from './types';

type FieldOptions = Partial<Omit<FieldDefinition, 'name' | 'type'>>;

/** A writable field; options override the defaults (optional, not custom, not unique). */
export function field(name: string, type: FieldType, options: FieldOptions = {}): FieldDefinition {
  const required = options.required ?? false;
  return {
    name,
    label: options.label ?? labelFromName(name),
    type,
    custom: name.endsWith('__c'),
    required,
    nillable: !required && type !== 'boolean',
    createable: true,
    updateable: true,
    calculated: false,
    externalId: false,
    unique: false,
    ...(type === 'string' || type === 'email' || type === 'phone' || type === 'url' ? { length: 255 } : {}),
    ...(type === 'textarea' ? { length: 32000 } : {}),
    ...(type === 'boolean' ? { defaultValue: false } : {}),
    ...(type === 'currency' ? { precision: 18, scale: 2 } : {}),
    ...(type === 'double' || type === 'percent' ? { precision: 18, scale: 2 } : {}),
    ...options,
  };
}

/** A field only the platform writes. */
export function readOnlyField(name: string, type: FieldType, options: FieldOptions = {}): FieldDefinition {
  return field(name, type, { createable: false, updateable: false, calculated: true, ...options });
}

export function lookupField(name: string, target: string, relationshipName: string, options: FieldOptions = {}): FieldDefinition {
  return field(name, 'reference', { referenceTo: [target], relationshipName, length: 18, ...options });
}

/** Fields every object has: Id, owner, audit and deletion flags. */
export function systemFields(options: { owned: boolean }): FieldDefinition[] {
  return [
    readOnlyField('Id', 'id', { label: 'Record ID', nillable: false, length: 18 }),
    ...(options.owned ? [lookupField('OwnerId', 'User', 'Owner', { label: 'Owner ID' })] : []),
    readOnlyField('IsDeleted', 'boolean', { label: 'Deleted', nillable: false }),
    readOnlyField('CreatedDate', 'datetime', { label: 'Created Date', nillable: false }),
    readOnlyField('CreatedById', 'reference', { label: 'Created By ID', referenceTo: ['User'], relationshipName: 'CreatedBy', nillable: false }),
    readOnlyField('LastModifiedDate', 'datetime', { label: 'Last Modified Date', nillable: false }),
    readOnlyField('LastModifiedById', 'reference', { label: 'Last Modified By ID', referenceTo: ['User'], relationshipName: 'LastModifiedBy', nillable: false }),
    readOnlyField('SystemModstamp', 'datetime', { label: 'System Modstamp', nillable: false }),
  ];
}

/** "Partner_Tier__c" → "Partner Tier", "AccountId" → "Account ID". */
export function labelFromName(name: string): string {
  return name
    .replace(/__c$/, '')
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/\bId$/, 'ID');
}

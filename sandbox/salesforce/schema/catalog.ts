import type { Org, StoredRecord } from '../state';
import type { FieldDefinition, ObjectDefinition } from './types';

/** API names are case-insensitive everywhere in the API; these lookups return the canonical definition. */
export function findObject(org: Org, name: string): ObjectDefinition | undefined {
  const exact = org.objects[name];
  if (exact) return exact;
  const lower = name.toLowerCase();
  return Object.values(org.objects).find((o) => o.name.toLowerCase() === lower);
}

export function findField(object: ObjectDefinition, name: string): FieldDefinition | undefined {
  const lower = name.toLowerCase();
  return object.fields.find((f) => f.name.toLowerCase() === lower);
}

/** The lookup field behind a relationship name (`Account`, `Owner`, `Partner__r`). */
export function findRelationship(object: ObjectDefinition, relationshipName: string): FieldDefinition | undefined {
  const lower = relationshipName.toLowerCase();
  return object.fields.find((f) => f.type === 'reference' && f.relationshipName?.toLowerCase() === lower);
}

/** The object a record id belongs to, from its key prefix. */
export function objectForId(org: Org, id: string): ObjectDefinition | undefined {
  const prefix = id.slice(0, 3);
  return Object.values(org.objects).find((o) => o.keyPrefix === prefix);
}

/** The object's record table, created empty on first use. */
export function recordsOf(org: Org, objectName: string): Record<string, StoredRecord> {
  return (org.records[objectName] ??= {});
}

import type { FieldDefinition, ObjectDefinition } from '../schema/types';
import type { StoredRecord } from '../state';

export function recordUrl(version: string, objectName: string, id: string): string {
  return `/services/data/v${version}/sobjects/${objectName}/${id}`;
}

export function attributesOf(version: string, objectName: string, id: string): { type: string; url: string } {
  return { type: objectName, url: recordUrl(version, objectName, id) };
}

/** A record as the REST API returns it: `attributes` first, then the fields (all of them unless chosen), nulls included. */
export function toApiRecord(object: ObjectDefinition, record: StoredRecord, version: string, fields: FieldDefinition[] = object.fields): Record<string, unknown> {
  const out: Record<string, unknown> = { attributes: attributesOf(version, object.name, record.Id as string) };
  for (const f of fields) out[f.name] = record[f.name] ?? null;
  return out;
}

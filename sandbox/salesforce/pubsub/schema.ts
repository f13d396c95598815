import { createHash } from 'node:crypto';
import avro from 'avsc';
import { parseDateTime } from '../records/values';
import type { FieldDefinition, FieldValue, ObjectDefinition } from '../schema/types';
import { changeEventName } from './channels';

/** The header every change event carries (sf-msg); field names, types and order as Salesforce's schemas give them. */
const CHANGE_EVENT_HEADER = {
  type: 'record',
  name: 'ChangeEventHeader',
  fields: [
    { name: 'entityName', type: 'string' },
    { name: 'recordIds', type: { type: 'array', items: 'string' } },
    { name: 'changeType', type: { type: 'enum', name: 'ChangeType', symbols: ['CREATE', 'UPDATE', 'DELETE', 'UNDELETE', 'GAP_CREATE', 'GAP_UPDATE', 'GAP_DELETE', 'GAP_UNDELETE', 'GAP_OVERFLOW', 'SNAPSHOT'] } },
    { name: 'changeOrigin', type: 'string' },
    { name: 'transactionKey', type: 'string' },
    { name: 'sequenceNumber', type: 'int' },
    { name: 'commitTimestamp', type: 'long' },
    { name: 'commitNumber', type: 'long' },
    { name: 'commitUser', type: 'string' },
    { name: 'nulledFields', type: { type: 'array', items: 'string' } },
    { name: 'diffFields', type: { type: 'array', items: 'string' } },
    { name: 'changedFields', type: { type: 'array', items: 'string' } },
  ],
};

export interface ChangeEventHeader {
  entityName: string;
  recordIds: string[];
  changeType: 'CREATE' | 'UPDATE' | 'DELETE' | 'UNDELETE';
  changeOrigin: string;
  transactionKey: string;
  sequenceNumber: number;
  commitTimestamp: number;
  commitNumber: number;
  commitUser: string;
  nulledFields: string[];
  diffFields: string[];
  changedFields: string[];
}

/** The record id travels in the header; the recycle-bin flag and modstamp are not part of change events. */
const NOT_IN_EVENTS = new Set(['Id', 'IsDeleted', 'SystemModstamp']);

/** An entity's change event schema, its id (a digest, so it changes when the object's fields do) and its codec. */
export interface ChangeEventSchema {
  id: string;
  json: string;
  fields: FieldDefinition[];
  type: avro.Type;
}

function avroType(field: FieldDefinition): unknown {
  switch (field.type) {
    case 'boolean':
      return 'boolean';
    case 'int':
      return 'int';
    case 'double':
    case 'currency':
    case 'percent':
      return 'double';
    // Dates are epoch values (sf-diff): days for dates, milliseconds for datetimes.
    case 'date':
      return { type: 'int', logicalType: 'date' };
    case 'datetime':
      return { type: 'long', logicalType: 'timestamp-millis' };
    default:
      return 'string';
  }
}

export function changeEventSchema(object: ObjectDefinition): ChangeEventSchema {
  const fields = object.fields.filter((f) => !NOT_IN_EVENTS.has(f.name));
  const schema = {
    type: 'record',
    name: changeEventName(object.name),
    namespace: 'com.sforce.eventbus',
    fields: [{ name: 'ChangeEventHeader', type: CHANGE_EVENT_HEADER }, ...fields.map((f) => ({ name: f.name, type: ['null', avroType(f)], default: null }))],
  };
  const json = JSON.stringify(schema);
  return { id: createHash('sha256').update(json).digest('base64url').slice(0, 22), json, fields, type: avro.Type.forSchema(schema as avro.Schema) };
}

export function eventValue(field: FieldDefinition, value: FieldValue | undefined): FieldValue {
  if (value === null || value === undefined) return null;
  if (field.type === 'date') return Math.round(Date.parse(`${String(value)}T00:00:00Z`) / 86_400_000);
  if (field.type === 'datetime') return parseDateTime(String(value));
  return value;
}

/**
 * The header's field lists are hex bitmaps over the schema's top-level field positions
 * (sf-deser, sf-util): bit i stands for `schema.fields[i]`, position 0 being the header.
 * Upper-case digits, as Salesforce sends them (the reference decoder reads nothing else).
 */
export function fieldBitmap(positions: number[]): string[] {
  if (positions.length === 0) return [];
  const bits = positions.reduce((acc, p) => acc | (1n << BigInt(p)), 0n);
  return [`0x${bits.toString(16).toUpperCase()}`];
}

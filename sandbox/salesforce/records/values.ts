import { RecordError, SalesforceError, saveError } from '../errors';
import { normalizeId } from '../ids';
import type { FieldDefinition, FieldValue } from '../schema/types';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/** Datetimes leave the REST API as `2024-01-15T10:30:00.000+0000`. */
export function formatDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

export function parseDateTime(value: string): number {
  // Date.parse understands "+0000" only with a colon; the API emits it without one.
  return Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

/**
 * Turns a JSON value from a request into the stored form of `field`.
 *
 * Mirrors the API's two stages: a string the JSON deserializer cannot read as the
 * field's type fails the whole request (JSON_PARSER_ERROR); a value of the wrong JSON
 * kind, or one that breaks the field's rules, fails only its record.
 */
export function coerceFieldValue(field: FieldDefinition, raw: unknown): FieldValue {
  if (raw === null) return null;
  if (typeof raw === 'object') throw wrongType(field, JSON.stringify(raw));
  switch (field.type) {
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      if (raw === 'true' || raw === 'false') return raw === 'true';
      if (typeof raw === 'string') throw cannotDeserialize('boolean', raw);
      throw wrongType(field, String(raw));
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
      return coerceNumber(field, raw);
    case 'date':
      if (typeof raw !== 'string') throw wrongType(field, String(raw));
      if (!DATE.test(raw) || Number.isNaN(Date.parse(raw))) throw cannotDeserialize('date', raw);
      return raw;
    case 'datetime': {
      if (typeof raw !== 'string') throw wrongType(field, String(raw));
      const ms = DATETIME.test(raw) ? Date.parse(raw) : NaN;
      if (Number.isNaN(ms)) throw cannotDeserialize('datetime', raw);
      return formatDateTime(ms);
    }
    case 'reference':
    case 'id': {
      const id = normalizeId(String(raw));
      if (!id) throw malformedId(field, String(raw));
      return id;
    }
    default:
      return coerceText(field, raw as string | number | boolean);
  }
}

function coerceNumber(field: FieldDefinition, raw: unknown): number {
  let n: number;
  if (typeof raw === 'number') n = raw;
  else if (typeof raw === 'string') {
    n = raw.trim() === '' ? NaN : Number(raw);
    if (Number.isNaN(n)) throw cannotDeserialize(field.type === 'int' ? 'int' : 'double', raw);
  } else throw wrongType(field, String(raw));
  if (field.type === 'int' && !Number.isInteger(n)) throw wrongType(field, String(raw));
  const digits = (field.precision ?? 18) - (field.scale ?? 0);
  if (Math.abs(n) >= 10 ** digits) {
    throw new RecordError(saveError('NUMBER_OUTSIDE_VALID_RANGE', `${field.label}: value outside of valid range on numeric field: ${n}`, [field.name]));
  }
  return field.scale !== undefined && field.type !== 'int' ? Number(n.toFixed(field.scale)) : n;
}

function coerceText(field: FieldDefinition, raw: string | number | boolean): string {
  const value = String(raw);
  if (field.length !== undefined && value.length > field.length) {
    throw new RecordError(saveError('STRING_TOO_LONG', `${field.label}: data value too large: ${value.slice(0, 50)} (max length=${field.length})`, [field.name]));
  }
  if (field.type === 'email' && value !== '' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) {
    throw new RecordError(saveError('INVALID_EMAIL_ADDRESS', `${field.label}: invalid email address: ${value}`, [field.name]));
  }
  if (field.type === 'picklist' && field.restrictedPicklist && !field.picklistValues?.includes(value)) {
    throw new RecordError(saveError('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${field.label}: bad value for restricted picklist field: ${value}`, [field.name]));
  }
  return value;
}

function wrongType(field: FieldDefinition, shown: string): RecordError {
  return new RecordError(saveError('INVALID_TYPE_ON_FIELD_IN_RECORD', `${field.label}: value not of required type: ${shown}`, [field.name]));
}

function cannotDeserialize(typeName: string, value: string): SalesforceError {
  return new SalesforceError(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of ${typeName} from VALUE_STRING value ${value} or request may be missing a required field`);
}

export function malformedId(field: FieldDefinition, value: string): RecordError {
  return new RecordError(saveError('MALFORMED_ID', `${field.label}: id value of incorrect type: ${value}`, [field.name]));
}

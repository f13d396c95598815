import { RecordError, SalesforceError, saveError } from '../errors';
import { makeId, normalizeId } from '../ids';
import { applyAddressPicklists } from '../schema/addressPicklists';
import { findField, objectForId, recordsOf } from '../schema/catalog';
import type { FieldDefinition, FieldValue, ObjectDefinition } from '../schema/types';
import type { Org, StoredRecord } from '../state';
import { deriveFields } from './derivedFields';
import type { Transaction } from './transaction';
import { coerceFieldValue, formatDateTime, malformedId } from './values';

/** Request bodies name fields in any case; `attributes` describes the record and is not a field. */
export type RecordInput = Record<string, unknown>;

export function insertRecord(tx: Transaction, object: ObjectDefinition, input: RecordInput): string {
  if (!object.createable) throw entityNotWritable(object, 'inserted');
  const { values, touched } = readInput(tx.org, object, input, 'create');
  const now = formatDateTime(tx.now);
  const id = makeId(object.keyPrefix, tx.nextSequence());
  const record: StoredRecord = { ...defaults(object), ...autoNumbers(tx.org, object), ...values, Id: id, IsDeleted: false, CreatedDate: now, CreatedById: tx.userId, LastModifiedDate: now, LastModifiedById: tx.userId, SystemModstamp: now };
  if (findField(object, 'OwnerId') && record.OwnerId == null) record.OwnerId = tx.userId;
  deriveFields(object.name, record, touched);
  applyAddressPicklists(object, record, touched);
  checkRequired(object, record);
  checkUnique(tx.org, object, record);
  tx.put(object.name, id, record, 'create');
  return id;
}

export function updateRecord(tx: Transaction, object: ObjectDefinition, rawId: string, input: RecordInput): string {
  if (!object.updateable) throw entityNotWritable(object, 'updated');
  const current = liveRecord(tx.org, object, rawId);
  const { values, touched } = readInput(tx.org, object, input, 'update');
  const now = formatDateTime(tx.now);
  const record: StoredRecord = { ...current, ...values, LastModifiedDate: now, LastModifiedById: tx.userId, SystemModstamp: now };
  deriveFields(object.name, record, touched);
  applyAddressPicklists(object, record, touched);
  checkRequired(object, record);
  checkUnique(tx.org, object, record);
  tx.put(object.name, record.Id as string, record, 'update');
  return record.Id as string;
}

export function deleteRecord(tx: Transaction, object: ObjectDefinition, rawId: string): string {
  if (!object.deletable) throw entityNotWritable(object, 'deleted');
  const current = liveRecord(tx.org, object, rawId);
  const now = formatDateTime(tx.now);
  // Deleted records go to the recycle bin: queryAll still sees them.
  tx.put(object.name, current.Id as string, { ...current, IsDeleted: true, LastModifiedDate: now, LastModifiedById: tx.userId, SystemModstamp: now }, 'delete');
  return current.Id as string;
}

/**
 * Merge as a user does in Salesforce: the master keeps its values, records pointing at the
 * merged record point at the master, and the merged record goes to the recycle bin with
 * `MasterRecordId` naming the master (what `queryAll` shows afterwards).
 */
export function mergeRecord(tx: Transaction, object: ObjectDefinition, masterId: string, mergedId: string): void {
  if (!findField(object, 'MasterRecordId')) throw new SalesforceError(400, 'INVALID_TYPE', `${object.name} records cannot be merged`);
  const master = liveRecord(tx.org, object, masterId);
  const merged = liveRecord(tx.org, object, mergedId);
  if (master.Id === merged.Id) throw new SalesforceError(400, 'INVALID_OPERATION', 'A record cannot be merged with itself');
  const now = formatDateTime(tx.now);
  for (const other of Object.values(tx.org.objects)) {
    const lookups = other.fields.filter((f) => f.type === 'reference' && f.referenceTo?.includes(object.name) && !f.calculated && f.name !== 'MasterRecordId');
    for (const [id, record] of Object.entries(recordsOf(tx.org, other.name))) {
      const repointed = lookups.filter((f) => record[f.name] === merged.Id);
      if (repointed.length > 0) tx.put(other.name, id, { ...record, ...Object.fromEntries(repointed.map((f) => [f.name, master.Id])), SystemModstamp: now }, 'update');
    }
  }
  tx.put(object.name, master.Id as string, { ...master, LastModifiedDate: now, LastModifiedById: tx.userId, SystemModstamp: now }, 'update');
  tx.put(object.name, merged.Id as string, { ...merged, MasterRecordId: master.Id as string, IsDeleted: true, LastModifiedDate: now, LastModifiedById: tx.userId, SystemModstamp: now }, 'delete');
}

/** Insert or update by an external id field (or `Id`); `created` tells which happened. */
export function upsertRecord(tx: Transaction, object: ObjectDefinition, keyField: FieldDefinition, keyValue: string, input: RecordInput): { id: string; created: boolean } {
  const matches = findByExternalId(tx.org, object, keyField, keyValue);
  if (matches.length > 1) {
    throw new RecordError(saveError('DUPLICATE_EXTERNAL_ID', `${keyField.label}: more than one record found for external id field: [${matches.join(', ')}]`, [keyField.name]));
  }
  const body = withoutField(input, keyField.name);
  if (matches[0]) return { id: updateRecord(tx, object, matches[0], body), created: false };
  if (keyField.name === 'Id') return { id: insertRecord(tx, object, body), created: true };
  return { id: insertRecord(tx, object, { ...body, [keyField.name]: keyValue }), created: true };
}

/** Live records whose `field` equals `value` (text compares case-insensitively, as external ids do). */
export function findByExternalId(org: Org, object: ObjectDefinition, field: FieldDefinition, value: string): string[] {
  if (field.name === 'Id') {
    const id = normalizeId(value);
    const record = id ? recordsOf(org, object.name)[id] : undefined;
    return record && !record.IsDeleted ? [id!] : [];
  }
  const wanted = coerceFieldValue(field, value);
  return Object.values(recordsOf(org, object.name))
    .filter((r) => !r.IsDeleted && sameValue(r[field.name] ?? null, wanted))
    .map((r) => r.Id as string);
}

/** The stored record for `rawId`, or the per-record error the API gives for a bad or missing one. */
export function liveRecord(org: Org, object: ObjectDefinition, rawId: string): StoredRecord {
  const id = normalizeId(rawId);
  if (!id || id.slice(0, 3) !== object.keyPrefix) {
    throw new RecordError(saveError('MALFORMED_ID', `${object.label} ID: id value of incorrect type: ${rawId}`, ['Id']));
  }
  const record = recordsOf(org, object.name)[id];
  if (!record) throw new RecordError(saveError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', []));
  if (record.IsDeleted) throw new RecordError(saveError('ENTITY_IS_DELETED', 'entity is deleted', []));
  return record;
}

function readInput(org: Org, object: ObjectDefinition, input: RecordInput, mode: 'create' | 'update'): { values: StoredRecord; touched: Set<string> } {
  const values: StoredRecord = {};
  for (const [key, raw] of Object.entries(input)) {
    if (key === 'attributes') continue;
    const field = findField(object, key);
    if (!field) throw new SalesforceError(400, 'INVALID_FIELD', `No such column '${key}' on sobject of type ${object.name}`);
    if (field.name === 'Id') {
      // Update bodies may repeat the record's own id; an insert may not carry one.
      if (mode === 'create') throw new RecordError(saveError('INVALID_FIELD_FOR_INSERT_UPDATE', 'cannot specify Id in an insert call', ['Id']));
      continue;
    }
    if (!(mode === 'create' ? field.createable : field.updateable)) {
      throw new RecordError(saveError('INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update fields: ${field.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`, [field.name]));
    }
    const value = coerceFieldValue(field, raw);
    if (field.type === 'reference' && value !== null) checkReference(org, field, value as string);
    values[field.name] = value;
  }
  return { values, touched: new Set(Object.keys(values)) };
}

function checkReference(org: Org, field: FieldDefinition, id: string): void {
  const target = objectForId(org, id);
  if (!target || !field.referenceTo?.includes(target.name)) throw malformedId(field, id);
  const record = recordsOf(org, target.name)[id];
  if (!record) throw new RecordError(saveError('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [field.name]));
  if (record.IsDeleted) throw new RecordError(saveError('ENTITY_IS_DELETED', 'entity is deleted', [field.name]));
}

function defaults(object: ObjectDefinition): StoredRecord {
  const values: StoredRecord = {};
  for (const f of object.fields) if (f.defaultValue !== undefined) values[f.name] = f.defaultValue;
  return values;
}

/** Auto-number fields count the object's records: `REG-{00000}` becomes REG-00042 for the 42nd. */
function autoNumbers(org: Org, object: ObjectDefinition): StoredRecord {
  const values: StoredRecord = {};
  const next = Object.keys(recordsOf(org, object.name)).length + 1;
  for (const f of object.fields) {
    if (f.autoNumberFormat) values[f.name] = f.autoNumberFormat.replace(/\{(0+)\}/, (_, zeros: string) => String(next).padStart(zeros.length, '0'));
  }
  return values;
}

function checkRequired(object: ObjectDefinition, record: StoredRecord): void {
  const missing = object.fields.filter((f) => f.required && (record[f.name] == null || record[f.name] === '')).map((f) => f.name);
  if (missing.length > 0) {
    throw new RecordError(saveError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing));
  }
}

function checkUnique(org: Org, object: ObjectDefinition, record: StoredRecord): void {
  for (const field of object.fields) {
    const value = record[field.name];
    if (!field.unique || value == null) continue;
    const other = Object.values(recordsOf(org, object.name)).find((r) => r.Id !== record.Id && !r.IsDeleted && sameValue(r[field.name] ?? null, value));
    if (other) {
      throw new RecordError(saveError('DUPLICATE_VALUE', `duplicate value found: ${field.name} duplicates value on record with id: ${other.Id}`, [field.name]));
    }
  }
}

function sameValue(a: FieldValue, b: FieldValue): boolean {
  return typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

function withoutField(input: RecordInput, name: string): RecordInput {
  const lower = name.toLowerCase();
  return Object.fromEntries(Object.entries(input).filter(([key]) => key.toLowerCase() !== lower));
}

function entityNotWritable(object: ObjectDefinition, verb: string): RecordError {
  return new RecordError(saveError('CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', `entity type cannot be ${verb}: ${object.name}`, []));
}

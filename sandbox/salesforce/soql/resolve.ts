import { normalizeId } from '../ids';
import { findField, findObject, findRelationship } from '../schema/catalog';
import type { FieldDefinition, ObjectDefinition } from '../schema/types';
import type { Org } from '../state';
import type { FieldPath, Literal } from './ast';
import { SoqlError } from './errors';

/** A field path checked against the org's schema: the lookups it walks and the field it ends on. */
export interface ResolvedPath {
  /** Lookup fields followed, in order (`Account.Owner.Name` → AccountId, OwnerId). */
  lookups: FieldDefinition[];
  /** The object each step lands on; `objects[i + 1]` is where `lookups[i]` points. */
  objects: ObjectDefinition[];
  field: FieldDefinition;
}

export function resolveObject(org: Org, name: string, pos: FieldPath['pos']): ObjectDefinition {
  const object = findObject(org, name);
  if (!object) {
    throw new SoqlError('INVALID_TYPE', `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`, pos);
  }
  return object;
}

export function resolvePath(org: Org, root: ObjectDefinition, path: FieldPath): ResolvedPath {
  const lookups: FieldDefinition[] = [];
  const objects = [root];
  let current = root;
  for (const part of path.parts.slice(0, -1)) {
    const lookup = findRelationship(current, part);
    const target = lookup?.referenceTo?.[0] ? findObject(org, lookup.referenceTo[0]) : undefined;
    if (!lookup || !target) {
      throw new SoqlError('INVALID_FIELD', `Didn't understand relationship '${part}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`, path.pos);
    }
    lookups.push(lookup);
    objects.push(target);
    current = target;
  }
  const name = path.parts[path.parts.length - 1]!;
  const field = findField(current, name);
  if (!field) {
    throw new SoqlError('INVALID_FIELD', `No such column '${name}' on entity '${current.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`, path.pos);
  }
  return { lookups, objects, field };
}

const TEXT_TYPES = new Set(['string', 'textarea', 'email', 'phone', 'url', 'picklist', 'id', 'reference']);
const NUMBER_TYPES = new Set(['int', 'double', 'currency', 'percent']);

/** Refuse a literal the field cannot be compared with, in the API's words. */
export function checkLiteral(field: FieldDefinition, literal: Literal): void {
  if (literal.kind === 'null') return;
  const expected = TEXT_TYPES.has(field.type)
    ? literal.kind === 'string'
    : NUMBER_TYPES.has(field.type)
      ? literal.kind === 'number'
      : field.type === 'boolean'
        ? literal.kind === 'boolean'
        : field.type === 'date'
          ? literal.kind === 'date' || literal.kind === 'relativeDate'
          : literal.kind === 'datetime' || literal.kind === 'relativeDate';
  if (!expected) {
    const typeName = TEXT_TYPES.has(field.type) ? 'string' : NUMBER_TYPES.has(field.type) ? 'double' : field.type === 'datetime' ? 'dateTime' : field.type;
    const quoting = typeName === 'string' ? 'should be enclosed in quotes' : 'should not be enclosed in quotes';
    throw new SoqlError('INVALID_FIELD', `value of filter criterion for field '${field.name}' must be of type ${typeName} and ${quoting}`, literal.pos);
  }
  if ((field.type === 'id' || field.type === 'reference') && literal.kind === 'string' && !normalizeId(literal.value)) {
    throw new SoqlError('INVALID_QUERY_FILTER_OPERATOR', `invalid ID field: ${literal.value}`, literal.pos);
  }
}

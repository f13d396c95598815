import { normalizeId } from '../ids';
import { attributesOf } from '../records/serialize';
import { parseDateTime } from '../records/values';
import type { FieldValue, ObjectDefinition } from '../schema/types';
import type { Org, StoredRecord } from '../state';
import type { ComparisonOperator, Condition, FieldPath, Literal, SoqlQuery } from './ast';
import { literalRange } from './dateRanges';
import { checkLiteral, resolveObject, resolvePath, type ResolvedPath } from './resolve';

export interface QueryOptions {
  now: number;
  /** queryAll: include records in the recycle bin. */
  includeDeleted: boolean;
  /** API version, for the `attributes.url` of each record. */
  version: string;
}

export interface QueryOutcome {
  totalSize: number;
  records: Record<string, unknown>[];
}

type Comparable = string | number | boolean;

/** Runs a parsed query against one org's records. */
export function evaluateQuery(org: Org, query: SoqlQuery, options: QueryOptions): QueryOutcome {
  const root = resolveObject(org, query.from.name, query.from.pos);
  const resolve = (path: FieldPath) => resolvePath(org, root, path);
  const selected = query.select.kind === 'fields' ? query.select.fields.map(resolve) : [];
  const predicate = query.where ? compileCondition(org, query.where, resolve, options.now) : () => true;
  const ordering = query.orderBy.map((item) => ({ ...item, path: resolve(item.field) }));

  let rows = Object.values(org.records[root.name] ?? {}).filter((r) => (options.includeDeleted || !r.IsDeleted) && predicate(r));
  if (ordering.length > 0) {
    rows.sort((a, b) => {
      for (const item of ordering) {
        const order = compareForSort(comparable(item.path, valueAt(org, a, item.path)), comparable(item.path, valueAt(org, b, item.path)), item);
        if (order !== 0) return order;
      }
      return 0;
    });
  }
  rows = rows.slice(query.offset ?? 0, query.limit === undefined ? undefined : (query.offset ?? 0) + query.limit);
  if (query.select.kind === 'count') return { totalSize: rows.length, records: [] };
  return { totalSize: rows.length, records: rows.map((r) => project(org, root, r, selected, options.version)) };
}

function compileCondition(org: Org, condition: Condition, resolve: (p: FieldPath) => ResolvedPath, now: number): (r: StoredRecord) => boolean {
  switch (condition.kind) {
    case 'and': {
      const parts = condition.operands.map((c) => compileCondition(org, c, resolve, now));
      return (r) => parts.every((p) => p(r));
    }
    case 'or': {
      const parts = condition.operands.map((c) => compileCondition(org, c, resolve, now));
      return (r) => parts.some((p) => p(r));
    }
    case 'not': {
      const inner = compileCondition(org, condition.operand, resolve, now);
      return (r) => !inner(r);
    }
    case 'compare': {
      const path = resolve(condition.field);
      checkLiteral(path.field, condition.value);
      const test = comparison(path, condition.op, condition.value, now);
      return (r) => test(valueAt(org, r, path));
    }
    case 'in': {
      const path = resolve(condition.field);
      condition.values.forEach((v) => checkLiteral(path.field, v));
      const tests = condition.values.map((v) => comparison(path, '=', v, now));
      return (r) => {
        const value = valueAt(org, r, path);
        return tests.some((t) => t(value)) !== condition.negated;
      };
    }
    case 'like': {
      const path = resolve(condition.field);
      checkLiteral(path.field, condition.pattern);
      const pattern = likePattern(condition.pattern.kind === 'string' ? condition.pattern.value : '');
      return (r) => {
        const value = valueAt(org, r, path);
        return typeof value === 'string' && pattern.test(value);
      };
    }
  }
}

function comparison(path: ResolvedPath, op: ComparisonOperator, literal: Literal, now: number): (value: FieldValue) => boolean {
  if (literal.kind === 'null') {
    if (op === '=') return (v) => v === null;
    if (op === '!=') return (v) => v !== null;
    return () => false;
  }
  const range = literalRange(literal, now);
  if (range) {
    return (v) => {
      if (v === null) return op === '!=';
      const t = toTime(path, v);
      const inside = t >= range.start && t < range.end;
      return { '=': inside, '!=': !inside, '<': t < range.start, '<=': t < range.end, '>': t >= range.end, '>=': t >= range.start }[op];
    };
  }
  const target = comparable(path, literalValue(path, literal));
  return (v) => {
    if (v === null || target === null) return op === '!=';
    const order = compareValues(comparable(path, v)!, target);
    return { '=': order === 0, '!=': order !== 0, '<': order < 0, '<=': order <= 0, '>': order > 0, '>=': order >= 0 }[op];
  };
}

function literalValue(path: ResolvedPath, literal: Literal): FieldValue {
  if (literal.kind === 'string' && (path.field.type === 'id' || path.field.type === 'reference')) return normalizeId(literal.value) ?? literal.value;
  return 'value' in literal ? (literal.value as FieldValue) : null;
}

/** SOQL compares text case-insensitively; ids are compared exactly in their 18-character form. */
function comparable(path: ResolvedPath, value: FieldValue): Comparable | null {
  if (value === null) return null;
  const { type } = path.field;
  if (type === 'date' || type === 'datetime') return toTime(path, value);
  if (typeof value === 'string' && type !== 'id' && type !== 'reference') return value.toLowerCase();
  return value;
}

function toTime(path: ResolvedPath, value: FieldValue): number {
  return path.field.type === 'date' ? Date.parse(`${String(value)}T00:00:00Z`) : parseDateTime(String(value));
}

function compareValues(a: Comparable, b: Comparable): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Direction flips the order of values; where nulls go is chosen separately (NULLS FIRST/LAST). */
function compareForSort(a: Comparable | null, b: Comparable | null, { descending, nullsLast }: { descending: boolean; nullsLast: boolean }): number {
  if (a === null || b === null) {
    if (a === b) return 0;
    return (a === null) === nullsLast ? 1 : -1;
  }
  return descending ? compareValues(b, a) : compareValues(a, b);
}

/** `%` is any run of characters, `_` any one; `\%` and `\_` are literal. Case-insensitive. */
function likePattern(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && (pattern[i + 1] === '%' || pattern[i + 1] === '_')) {
      source += pattern[++i];
    } else if (ch === '%') source += '.*';
    else if (ch === '_') source += '.';
    else source += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'is');
}

/** The value at the end of a path, following lookups; null when a lookup on the way is empty. */
function valueAt(org: Org, record: StoredRecord, path: ResolvedPath): FieldValue {
  let current: StoredRecord | undefined = record;
  path.lookups.forEach((lookup, i) => {
    const id = current?.[lookup.name];
    current = typeof id === 'string' ? org.records[path.objects[i + 1]!.name]?.[id] : undefined;
  });
  return current?.[path.field.name] ?? null;
}

/** The record as query results carry it: only the selected fields, relationships as nested records. */
function project(org: Org, root: ObjectDefinition, record: StoredRecord, paths: ResolvedPath[], version: string): Record<string, unknown> {
  const out: Record<string, unknown> = { attributes: attributesOf(version, root.name, record.Id as string) };
  for (const path of paths) place(org, out, record, path, 0, version);
  return out;
}

function place(org: Org, container: Record<string, unknown>, record: StoredRecord, path: ResolvedPath, depth: number, version: string): void {
  if (depth === path.lookups.length) {
    container[path.field.name] = record[path.field.name] ?? null;
    return;
  }
  const lookup = path.lookups[depth]!;
  const key = lookup.relationshipName!;
  if (container[key] === null) return;
  const targetObject = path.objects[depth + 1]!;
  const id = record[lookup.name];
  const target = typeof id === 'string' ? org.records[targetObject.name]?.[id] : undefined;
  if (!target) {
    container[key] = null;
    return;
  }
  container[key] ??= { attributes: attributesOf(version, targetObject.name, target.Id as string) };
  place(org, container[key] as Record<string, unknown>, target, path, depth + 1, version);
}


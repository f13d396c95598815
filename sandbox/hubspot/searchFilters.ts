import { z } from 'zod';
import type { CrmRecord, PropertyDefinition } from './state';

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

const Operator = z.enum([
  'EQ',
  'NEQ',
  'LT',
  'LTE',
  'GT',
  'GTE',
  'BETWEEN',
  'IN',
  'NOT_IN',
  'HAS_PROPERTY',
  'NOT_HAS_PROPERTY',
  'CONTAINS_TOKEN',
  'NOT_CONTAINS_TOKEN',
]);

export const Filter = z.object({
  propertyName: z.string(),
  operator: Operator,
  value: Scalar.optional(),
  highValue: Scalar.optional(),
  values: z.array(Scalar).optional(),
});
export type Filter = z.infer<typeof Filter>;

type Comparable = number | string;

/** Compare as the property's type does: numbers and dates by value, text case-insensitively. */
function comparable(definition: PropertyDefinition | undefined, raw: string | number | boolean): Comparable | undefined {
  const text = String(raw);
  switch (definition?.type) {
    case 'number': {
      const n = Number(text);
      return Number.isFinite(n) ? n : undefined;
    }
    case 'date':
    case 'datetime': {
      const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
      return Number.isNaN(ms) ? undefined : ms;
    }
    default:
      return text.toLowerCase();
  }
}

function compare(a: Comparable, b: Comparable): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function tokens(text: string): string[] {
  const lower = text.toLowerCase();
  return [lower, ...lower.split(/[\s,;]+/).filter(Boolean)];
}

/** CONTAINS_TOKEN matches a whole token; `*` is a wildcard (e.g. `*@example.com`). */
function containsToken(text: string, token: string): boolean {
  const pattern = new RegExp(
    `^${token
      .toLowerCase()
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return tokens(text).some((t) => pattern.test(t));
}

export function matchesFilter(record: CrmRecord, filter: Filter, definition: PropertyDefinition | undefined): boolean {
  const stored = record.properties[filter.propertyName];
  const present = stored !== undefined && stored !== '';
  const value = present ? comparable(definition, stored) : undefined;
  const against = (raw: string | number | boolean | undefined) =>
    raw === undefined || value === undefined ? undefined : comparable(definition, raw);
  const cmp = (raw: string | number | boolean | undefined) => {
    const other = against(raw);
    return other === undefined || value === undefined ? undefined : compare(value, other);
  };
  const equalsAny = () => (filter.values ?? []).some((v) => cmp(v) === 0);
  switch (filter.operator) {
    case 'EQ':
      return cmp(filter.value) === 0;
    case 'NEQ':
      return cmp(filter.value) !== 0;
    case 'LT':
      return (cmp(filter.value) ?? 0) < 0;
    case 'LTE':
      return (cmp(filter.value) ?? 1) <= 0;
    case 'GT':
      return (cmp(filter.value) ?? 0) > 0;
    case 'GTE':
      return (cmp(filter.value) ?? -1) >= 0;
    case 'BETWEEN':
      return (cmp(filter.value) ?? -1) >= 0 && (cmp(filter.highValue) ?? 1) <= 0;
    case 'IN':
      return equalsAny();
    case 'NOT_IN':
      return !equalsAny();
    case 'HAS_PROPERTY':
      return present;
    case 'NOT_HAS_PROPERTY':
      return !present;
    case 'CONTAINS_TOKEN':
      return present && containsToken(stored, String(filter.value ?? ''));
    case 'NOT_CONTAINS_TOKEN':
      return !present || !containsToken(stored, String(filter.value ?? ''));
  }
}

/** Sort values the way the property's type orders them; records without a value go last either way. */
export function compareRecords(
  a: CrmRecord,
  b: CrmRecord,
  propertyName: string,
  definition: PropertyDefinition | undefined,
  descending: boolean,
): number {
  const va = a.properties[propertyName];
  const vb = b.properties[propertyName];
  const ca = va ? comparable(definition, va) : undefined;
  const cb = vb ? comparable(definition, vb) : undefined;
  if (ca === undefined || cb === undefined) return ca === cb ? 0 : ca === undefined ? 1 : -1;
  return descending ? compare(cb, ca) : compare(ca, cb);
}

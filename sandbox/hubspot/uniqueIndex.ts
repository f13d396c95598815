import { sameValue } from './propertyValues';
import type { CrmRecord } from './state';

type ValueIndex = Map<string, Set<string>>;

/**
 * Per type's record map, per unique property: which record ids have held each value. Built on
 * first use, extended on every write (see `noteWrite`); entries are never trusted alone —
 * each candidate is checked against the record as it is now — so stale ones cost nothing.
 * Keyed by the record map itself, so a reloaded or reset state starts a fresh index.
 */
const indexes = new WeakMap<Record<string, CrmRecord>, Map<string, ValueIndex>>();

function add(index: ValueIndex, value: string | undefined, id: string): void {
  if (!value) return;
  const key = value.toLowerCase();
  const ids = index.get(key);
  if (ids) ids.add(id);
  else index.set(key, new Set([id]));
}

/** The records whose unique property holds `value`, found without scanning every record. */
export function holdersOf(records: Record<string, CrmRecord>, property: string, value: string): CrmRecord[] {
  let byProperty = indexes.get(records);
  if (!byProperty) indexes.set(records, (byProperty = new Map()));
  let index = byProperty.get(property);
  if (!index) {
    index = new Map();
    for (const record of Object.values(records)) add(index, record.properties[property], record.id);
    byProperty.set(property, index);
  }
  const holders: CrmRecord[] = [];
  for (const id of index.get(value.toLowerCase()) ?? []) {
    const record = records[id];
    if (record && sameValue(record.properties[property], value)) holders.push(record);
  }
  return holders;
}

/** Keeps the indexes of a type's records complete after a record was created or its values changed. */
export function noteWrite(records: Record<string, CrmRecord>, record: CrmRecord): void {
  for (const [property, index] of indexes.get(records) ?? []) add(index, record.properties[property], record.id);
}

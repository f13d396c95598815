import type { FieldValues } from './port';
import type { FieldOwner } from './mapping/types';

export interface FieldConflict {
  field: string;
  base: string | null;
  trellis: string | null;
  crm: string | null;
  winner: 'trellis' | 'crm';
  rule: 'owner' | 'newest';
}

export interface MergeInput {
  owners: Map<string, FieldOwner>;
  /** What both sides last agreed on; null when the record was never synced with this CRM. */
  base: FieldValues | null;
  /** Values we sent to the CRM without learning the outcome: if the CRM holds one, it is our write, not an edit. */
  writing?: FieldValues;
  trellis: FieldValues;
  trellisModifiedAt: Date;
  /** The CRM's current values; null when the CRM has no record yet. */
  crm: FieldValues | null;
  crmModifiedAt: Date | null;
}

export interface MergeResult {
  /** Fields to write to the CRM. */
  toCrm: FieldValues;
  /** Fields to apply to Trellis. */
  toTrellis: FieldValues;
  /** The values both sides hold afterwards: the next base. */
  agreed: FieldValues;
  conflicts: FieldConflict[];
}

/**
 * Three-way merge of one record, field by field, against what both sides last agreed on.
 * A field changed in Trellis flows to the CRM; one changed in the CRM flows to Trellis unless
 * Trellis owns it (then Trellis's value is written back); a field
 * changed on both sides to different values is a conflict, decided by its owner or, for
 * shared fields, by the newer side — and reported, never silently dropped.
 */
export function mergeRecord(input: MergeInput): MergeResult {
  const result: MergeResult = { toCrm: {}, toTrellis: {}, agreed: {}, conflicts: [] };
  for (const [field, owner] of input.owners) {
    const t = input.trellis[field] ?? null;
    if (input.crm === null) {
      result.toCrm[field] = t;
      result.agreed[field] = t;
      continue;
    }
    const c = input.crm[field] ?? null;
    // Never synced: the CRM's current values stand in for the base, so Trellis's values go out.
    const ours = input.writing !== undefined && field in input.writing && input.writing[field] === c;
    const b = input.base === null || ours ? c : (input.base[field] ?? null);
    const take = (side: 'trellis' | 'crm') => {
      if (side === 'trellis') result.toCrm[field] = t;
      else result.toTrellis[field] = c;
      result.agreed[field] = side === 'trellis' ? t : c;
    };
    if (t === c) {
      result.agreed[field] = t;
    } else if (c === b) {
      // Even a CRM-owned field goes out: it changes in Trellis only when another CRM changed it.
      take('trellis');
    } else if (t === b) {
      take(owner === 'trellis' ? 'trellis' : 'crm');
    } else {
      const newest = input.crmModifiedAt !== null && input.crmModifiedAt > input.trellisModifiedAt ? 'crm' : 'trellis';
      const winner = owner === 'shared' ? newest : owner;
      result.conflicts.push({ field, base: b, trellis: t, crm: c, winner, rule: owner === 'shared' ? 'newest' : 'owner' });
      take(winner);
    }
  }
  return result;
}

import type { Crm, EntityKind } from '../../domain/crm';
import type { Queryable } from '../../store/db';
import type { CrmRelation, FieldValues } from '../port';

/** A Trellis entity as the sync engine sees it: its mappable values and the stamp edits are checked against. */
export interface EntityState {
  id: string;
  /** How an admin recognises it in a message: the partner's name, the registration's customer. */
  name: string;
  values: FieldValues;
  updatedAt: Date;
  /** CRM records a new CRM record of it is linked to (associations, lookups). */
  relations: CrmRelation[];
}

/** What became of CRM edits offered to Trellis. */
export type CrmEditOutcome = 'applied' | 'moved' | { rejected: string };

/**
 * One kind of Trellis entity the engine syncs: how to read it, how CRM edits reach it through
 * the domain's rules, and whether a CRM record Trellis does not know can become one.
 */
export interface SyncedEntity {
  kind: EntityKind;
  noun: string;
  load(q: Queryable, tenantId: string, crm: Crm, ids: string[]): Promise<EntityState[]>;
  /** Applies the CRM's edits unless the entity moved since `state` was read (then 'moved': merge again). */
  applyCrmEdits(tx: Queryable, tenantId: string, crm: Crm, state: EntityState, changes: FieldValues): Promise<CrmEditOutcome>;
  /** Values a person chose for a sync conflict, applied by the domain's rules and announced to every CRM. */
  applyChosenValues(tx: Queryable, tenantId: string, id: string, values: FieldValues, decidedBy: string): Promise<{ rejected: string } | null>;
  /** A CRM record neither linked nor carrying a Trellis id: the new entity it becomes, a refusal, or null when it is not Trellis's business. */
  adoptForeign(tx: Queryable, tenantId: string, crm: Crm, values: FieldValues): Promise<{ created: string } | { rejected: string } | null>;
}

/** Why CRM values fail Trellis's rules, field by field, for a dead letter an admin reads. */
export const describeIssues = (issues: { path: PropertyKey[]; message: string }[]) =>
  issues.map((i) => `${i.path.map(String).join('.') || 'value'}: ${i.message}`).join('; ');

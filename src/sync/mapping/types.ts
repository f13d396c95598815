import { z } from 'zod';
import type { Crm, EntityKind } from '../../domain/crm';

/**
 * Who decides a field's value: Trellis (CRM edits are written back over), the CRMs (they win
 * simultaneous edits; Trellis only relays their changes between CRMs), or both (the newer edit
 * wins simultaneous edits). Simultaneous edits are recorded as conflicts whoever wins.
 */
export const FieldOwner = z.enum(['trellis', 'crm', 'shared']);
export type FieldOwner = z.infer<typeof FieldOwner>;

const ApiName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must be a CRM API name (letters, digits, underscores)').max(80);

export const FieldMapping = z
  .object({
    /** The Trellis field, e.g. `tier`. */
    field: z.string().min(1),
    /** The CRM property or field it is stored in, e.g. `trellis_partner_tier`. */
    crmField: ApiName,
    owner: FieldOwner,
  })
  .strict();
export type FieldMapping = z.infer<typeof FieldMapping>;

export const ObjectMapping = z
  .object({
    /** HubSpot object type or Salesforce sObject. */
    object: ApiName,
    /** The CRM property / external id field holding the Trellis id. */
    idField: ApiName,
    fields: z.array(FieldMapping).min(1),
  })
  .strict();
export type ObjectMapping = z.infer<typeof ObjectMapping>;

export const EntityMapping = z.object({ hubspot: ObjectMapping, salesforce: ObjectMapping } satisfies Record<Crm, typeof ObjectMapping>).strict();

/** A tenant's whole mapping: per Trellis entity, per CRM. */
export const SyncMapping = z.object({ partner: EntityMapping, registration: EntityMapping } satisfies Record<EntityKind, typeof EntityMapping>).strict();
export type SyncMapping = z.infer<typeof SyncMapping>;

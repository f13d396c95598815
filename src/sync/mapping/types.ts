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
    field: z.string().min(1).describe('The Trellis field, e.g. `tier`; one the entity has, mapped at most once per object'),
    crmField: ApiName.describe('The CRM property or field API name it is stored in, e.g. `trellis_partner_tier`'),
    owner: FieldOwner.describe(
      'Who decides the value: `trellis` (CRM edits are written back over), `crm` (CRM edits win; Trellis relays them between CRMs) or `shared` (the newer edit wins); simultaneous edits are recorded as conflicts whoever wins',
    ),
  })
  .strict();
export type FieldMapping = z.infer<typeof FieldMapping>;

export const ObjectMapping = z
  .object({
    object: ApiName.describe('The HubSpot object type (e.g. `companies`) or Salesforce sObject (e.g. `Account`) the records are stored as'),
    idField: ApiName.describe('The CRM property or external id field holding the Trellis id, which links a CRM record to its Trellis one'),
    fields: z.array(FieldMapping).min(1).describe('The Trellis fields kept in sync on this object'),
  })
  .strict();
export type ObjectMapping = z.infer<typeof ObjectMapping>;

export const EntityMapping = z
  .object({
    hubspot: ObjectMapping.describe('How it is stored in HubSpot'),
    salesforce: ObjectMapping.describe('How it is stored in Salesforce'),
  } satisfies Record<Crm, typeof ObjectMapping>)
  .strict();

/** A tenant's whole mapping: per Trellis entity, per CRM. */
export const SyncMapping = z
  .object({
    partner: EntityMapping.describe('How partners are stored in each CRM'),
    registration: EntityMapping.describe('How deal registrations are stored in each CRM'),
  } satisfies Record<EntityKind, typeof EntityMapping>)
  .strict();
export type SyncMapping = z.infer<typeof SyncMapping>;

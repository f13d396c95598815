import { z } from 'zod';

/** A property value as HubSpot accepts it in JSON (it stores every value as a string). */
export const PropertyValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const PropertyValues = z.record(z.string(), PropertyValue);

export const AssociationSpec = z.object({
  associationCategory: z.enum(['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED']),
  associationTypeId: z.coerce.number().int(),
});

const ObjectId = z.union([z.string(), z.number()]).transform(String);

/** An association made while creating a record. */
export const InlineAssociation = z.object({
  to: z.object({ id: ObjectId }),
  types: z.array(AssociationSpec).min(1),
});

export const CreateInput = z.object({
  properties: PropertyValues.default({}),
  associations: z.array(InlineAssociation).default([]),
});

export const UpdateInput = z.object({ properties: PropertyValues.default({}) });

export { ObjectId };

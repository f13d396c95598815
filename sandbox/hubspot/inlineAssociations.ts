import type { z } from 'zod';
import { associate } from './associationStore';
import { allDefinitions } from './associationTypes';
import type { WriteContext } from './context';
import { validationError } from './errors';
import type { InlineAssociation } from './inputs';
import { findObjectType, type ObjectType } from './objectTypes';
import { findRecord } from './records';
import type { AssociationDefinition, Portal } from './state';

export interface PlannedAssociation {
  to: ObjectType;
  toId: string;
  definitions: AssociationDefinition[];
}

/**
 * Resolve the `associations` of a create input before anything is written: each type id
 * names the target object type, and the target record must exist.
 */
export function planAssociations(
  portal: Portal,
  from: ObjectType,
  inputs: Array<z.infer<typeof InlineAssociation>>,
): PlannedAssociation[] {
  return inputs.map((input) => {
    const definitions = input.types.map((spec) => {
      const definition = allDefinitions(portal).find(
        (d) =>
          d.fromObjectTypeId === from.objectTypeId &&
          d.category === spec.associationCategory &&
          d.typeId === spec.associationTypeId,
      );
      if (!definition) {
        throw validationError(
          `${spec.associationCategory} ${spec.associationTypeId} is not a valid association type from ${from.name}`,
        );
      }
      return definition;
    });
    const toTypeIds = new Set(definitions.map((d) => d.toObjectTypeId));
    const to = toTypeIds.size === 1 ? findObjectType(portal, [...toTypeIds][0]!) : undefined;
    if (!to) throw validationError('The association types of one input must all point at the same object type');
    if (!findRecord(portal, to, input.to.id)) {
      throw validationError(`${to.upperName} ${input.to.id} does not exist, so it cannot be associated`);
    }
    return { to, toId: input.to.id, definitions };
  });
}

export function applyAssociations(ctx: WriteContext, from: ObjectType, fromId: string, planned: PlannedAssociation[]) {
  for (const p of planned) associate(ctx, { from, fromId, to: p.to, toId: p.toId }, p.definitions);
}

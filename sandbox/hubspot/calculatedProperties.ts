import type { ObjectType } from './objectTypes';

const DEALS = '0-3';
/** The default pipeline's closed stages, and whether each is a win. */
const CLOSED_STAGES: Readonly<Record<string, boolean>> = { closedwon: true, closedlost: false };

/** Properties HubSpot calculates from others and nobody writes: a deal's closed and won flags follow its stage. */
export function recalculate(type: ObjectType, properties: Record<string, string>): void {
  if (type.objectTypeId !== DEALS) return;
  const stage = properties.dealstage ?? '';
  properties.hs_is_closed = String(stage in CLOSED_STAGES);
  properties.hs_is_closed_won = String(CLOSED_STAGES[stage] === true);
}

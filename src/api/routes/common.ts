import { z } from 'zod';
import type { Page } from '../../store/pagination';
import type { Actor } from '../../usecases/context';
import { validationError } from '../../usecases/errors';

export const IdParams = z.object({ id: z.uuid().describe('The id Trellis gave it when it was created') }).strict();

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25).describe('How many to return at most (1–100)'),
  cursor: z.string().max(200).optional().describe('Where to continue: the `nextCursor` of the previous page'),
});

/** A null page means the cursor did not decode. */
export function pageOrBadCursor<T>(page: Page<T> | null): Page<T> {
  if (!page) throw validationError('Invalid cursor', [{ path: ['cursor'], message: 'not a cursor this API issued' }]);
  return page;
}

/** Who made a decision: a named person when the client says so, otherwise the API key. */
export const DecidedBy = z.string().trim().min(1).max(200).optional().describe('The person deciding, when an integration decides on their behalf; recorded on the decision and in the audit log');

/**
 * The actor with the person the client names as `decidedBy`: written on the decision, and kept
 * beside the authenticated actor in the audit log, never in its place.
 */
export const actingAs = (actor: Actor, decidedBy: string | undefined): Actor => (decidedBy ? { ...actor, decidedBy } : actor);

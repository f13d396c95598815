import { Router } from 'express';
import { z } from 'zod';
import { authOf } from './auth';
import { parseBody, validationError } from './errors';
import { typeFor } from './objects';
import { presentRecord } from './presenter';
import { propertiesOf } from './propertyValues';
import { recordsOf } from './records';
import { compareRecords, Filter, matchesFilter } from './searchFilters';
import type { CrmRecord } from './state';

/** Published CRM search limits. */
export const SEARCH_LIMITS = { filterGroups: 5, filtersPerGroup: 6, pageSize: 200, totalResults: 10_000 };

const Sort = z.union([
  z.string(),
  z.object({ propertyName: z.string(), direction: z.enum(['ASCENDING', 'DESCENDING']).default('ASCENDING') }),
]);

const SearchInput = z.object({
  query: z.string().optional(),
  filterGroups: z.array(z.object({ filters: z.array(Filter).default([]) })).default([]),
  sorts: z.array(Sort).default([]),
  properties: z.array(z.string()).default([]),
  limit: z.number().int().min(0).max(SEARCH_LIMITS.pageSize).default(10),
  after: z.union([z.string(), z.number()]).optional(),
});

/** `POST /crm/v3/objects/{objectType}/search`: filter groups are ORed, filters inside a group ANDed. */
export function searchRoutes(): Router {
  const router = Router();

  router.post('/:objectType/search', (req, res) => {
    const type = typeFor(req, res, 'read');
    const input = parseBody(SearchInput, req.body);
    if (input.filterGroups.length > SEARCH_LIMITS.filterGroups) {
      throw validationError(`Too many filter groups: at most ${SEARCH_LIMITS.filterGroups} are allowed`);
    }
    if (input.filterGroups.some((g) => g.filters.length > SEARCH_LIMITS.filtersPerGroup)) {
      throw validationError(`Too many filters in a group: at most ${SEARCH_LIMITS.filtersPerGroup} are allowed`);
    }
    const offset = input.after === undefined || input.after === '' ? 0 : Number(input.after);
    if (!Number.isInteger(offset) || offset < 0) throw validationError(`Invalid after: ${String(input.after)}`);
    if (offset + input.limit > SEARCH_LIMITS.totalResults) {
      throw validationError(
        `Search results are limited to ${SEARCH_LIMITS.totalResults} per query; page past them by narrowing the filters`,
      );
    }

    const { portal } = authOf(res);
    const definitions = propertiesOf(portal, type);
    const query = input.query?.toLowerCase().split(/\s+/).filter(Boolean) ?? [];
    const matchesQuery = (r: CrmRecord) =>
      query.every((word) =>
        Object.entries(r.properties).some(
          ([name, value]) => definitions[name]?.type === 'string' && value.toLowerCase().includes(word),
        ),
      );
    const matches = Object.values(recordsOf(portal, type)).filter(
      (r) =>
        !r.archived &&
        matchesQuery(r) &&
        (input.filterGroups.length === 0 ||
          input.filterGroups.some((g) => g.filters.every((f) => matchesFilter(r, f, definitions[f.propertyName])))),
    );
    for (const sort of [...input.sorts].reverse()) {
      const [name, descending] =
        typeof sort === 'string'
          ? [sort.replace(/^-/, ''), sort.startsWith('-')]
          : [sort.propertyName, sort.direction === 'DESCENDING'];
      // Stable sorts applied last-to-first give the first sort precedence.
      matches.sort((a, b) => compareRecords(a, b, name, definitions[name], descending));
    }
    const end = offset + input.limit;
    res.json({
      total: matches.length,
      results: matches.slice(offset, end).map((r) => presentRecord(r, type, input.properties)),
      ...(end < Math.min(matches.length, SEARCH_LIMITS.totalResults) ? { paging: { next: { after: String(end) } } } : {}),
    });
  });

  return router;
}

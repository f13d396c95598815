import { Router } from 'express';
import { z } from 'zod';
import { authOf } from './auth';
import type { EmulatorContext } from './context';
import { parseBody, validationError } from './errors';
import { typeFor } from './objects';
import { presentRecord } from './presenter';
import { propertiesOf } from './propertyValues';
import { recordsOf } from './records';
import { compareRecords, Filter, matchesFilter } from './searchFilters';
import type { CrmRecord } from './state';

/**
 * Published CRM search limits [hs-search]. (A 2024 changelog announced 5 groups, 10 per group and
 * 25 in all; the current guide says 6 per group and 18 in all, the stricter reading kept here.)
 */
export const SEARCH_LIMITS = {
  filterGroups: 5,
  filtersPerGroup: 6,
  filters: 18,
  sorts: 1,
  pageSize: 200,
  totalResults: 10_000,
  bodyCharacters: 3_000,
};

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

/**
 * `POST /crm/v3/objects/{objectType}/search`: filter groups are ORed, filters inside a group
 * ANDed, over the search index (which lags writes, see searchIndex.ts).
 */
export function searchRoutes(ctx: EmulatorContext): Router {
  const router = Router();

  router.post('/:objectType/search', (req, res) => {
    const type = typeFor(req, res, 'read');
    const length = JSON.stringify(req.body ?? {}).length;
    if (length > SEARCH_LIMITS.bodyCharacters) {
      throw validationError(
        `The search request is ${length} characters long; at most ${SEARCH_LIMITS.bodyCharacters} are allowed`,
      );
    }
    const input = parseBody(SearchInput, req.body);
    if (input.filterGroups.length > SEARCH_LIMITS.filterGroups) {
      throw validationError(`Too many filter groups: at most ${SEARCH_LIMITS.filterGroups} are allowed`);
    }
    if (input.filterGroups.some((g) => g.filters.length > SEARCH_LIMITS.filtersPerGroup)) {
      throw validationError(`Too many filters in a group: at most ${SEARCH_LIMITS.filtersPerGroup} are allowed`);
    }
    const filters = input.filterGroups.reduce((sum, g) => sum + g.filters.length, 0);
    if (filters > SEARCH_LIMITS.filters) {
      throw validationError(`Too many filters: ${filters} given, at most ${SEARCH_LIMITS.filters} are allowed in all groups together`);
    }
    // "Only one sorting rule can be applied to any search."
    if (input.sorts.length > SEARCH_LIMITS.sorts) {
      throw validationError(`Too many sorts: at most ${SEARCH_LIMITS.sorts} sorting rule can be applied`);
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
    const matches = ctx.searchIndex.searchable(portal, type, recordsOf(portal, type)).filter(
      (r) =>
        !r.archived &&
        matchesQuery(r) &&
        (input.filterGroups.length === 0 ||
          input.filterGroups.some((g) => g.filters.every((f) => matchesFilter(r, f, definitions[f.propertyName])))),
    );
    const [sort] = input.sorts;
    if (sort) {
      const [name, descending] =
        typeof sort === 'string'
          ? [sort.replace(/^-/, ''), sort.startsWith('-')]
          : [sort.propertyName, sort.direction === 'DESCENDING'];
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

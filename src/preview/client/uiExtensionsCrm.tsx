/**
 * The preview's stand-in for `@hubspot/ui-extensions/crm`: the CRM hooks, answered from the
 * record the preview server read from the portal.
 */
import { previewHost } from './host.js';

const settled = { error: null, isLoading: false, isRefetching: false, refetch: async () => {} };

export function useCrmProperties(names: string[]) {
  const { properties } = previewHost().record;
  return { ...settled, properties: Object.fromEntries(names.map((n) => [n, properties[n] ?? null])) };
}

export function useAssociations(config: { toObjectType: string; properties?: string[]; pageLength?: number }) {
  const found = previewHost().record.associations[config.toObjectType] ?? [];
  const results = found.slice(0, config.pageLength ?? 10).map((a) => ({
    toObjectId: Number(a.id),
    associationTypes: [],
    properties: Object.fromEntries((config.properties ?? []).map((n) => [n, a.properties[n] ?? null])),
  }));
  const pagination = { hasNextPage: false, hasPreviousPage: false, currentPage: 1, pageSize: config.pageLength ?? 10, nextPage: () => {}, previousPage: () => {}, reset: () => {} };
  return { ...settled, results, pagination };
}

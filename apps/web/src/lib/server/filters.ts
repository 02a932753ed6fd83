// The study filters as they live in the dashboard's URL: the API's parameter names (its filter
// table's, @evidence/api/filter-params), so links are shareable and map one-to-one onto
// GET /api/studies, /api/facets, /api/export.
import { filtersFromSearchParams, type FilterQuery } from '@evidence/api/filter-params';

export type { FilterQuery };

export function filtersFromUrl(url: URL): FilterQuery {
  return filtersFromSearchParams(url.searchParams);
}

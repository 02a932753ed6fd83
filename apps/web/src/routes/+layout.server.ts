import { curationEnabled } from '#lib/server/curator.ts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
  curator: locals.curator?.name ?? null,
  curationEnabled: curationEnabled(),
});

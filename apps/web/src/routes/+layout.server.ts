import { curationEnabled } from '#lib/server/curator.ts';
import { demoData } from '#lib/server/demo-data.ts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => ({
  curator: locals.curator?.name ?? null,
  curationEnabled: curationEnabled(),
  demoData: await demoData(),
});

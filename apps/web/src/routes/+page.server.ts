import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

// Temporary: `/` becomes the overview heatmap later; until then it shows the study list.
export const load: PageServerLoad = ({ url }) => {
  redirect(302, `/studies${url.search}`);
};

import { createRoute, z } from '@hono/zod-openapi';
import { studyFilterObject, withFilterChecks } from '../../filters/filter-schema.ts';
import { errorResponses } from '../schemas.ts';

const FEED_SIZE = 50;

const feedQuerySchema = withFilterChecks(
  studyFilterObject.extend({
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(FEED_SIZE)
      .default(FEED_SIZE)
      .openapi({ description: `Entries (1–${FEED_SIZE}).` }),
  }),
);

export const feedRoute = createRoute({
  method: 'get',
  path: '/feed.atom',
  summary: 'Atom feed of newly found studies',
  description: `The studies first seen most recently (newest first, up to ${FEED_SIZE}) under the same filters as GET /api/studies, as an Atom 1.0 feed to subscribe to in a feed reader. Each entry links to PubMed; its id is urn:pmid:N, its updated time is when the tracker first saw the study, and its summary gives journal, year, design and outcomes, starting with "RETRACTED" for retracted studies.`,
  tags: ['feed'],
  request: { query: feedQuerySchema },
  responses: {
    200: {
      description: 'An Atom 1.0 feed.',
      content: { 'application/atom+xml': { schema: z.string().openapi({ description: 'Atom XML (RFC 4287).' }) } },
    },
    ...errorResponses,
  },
});

import { createRoute, z } from '@hono/zod-openapi';
import { EXPORT_FORMATS } from '../../citations/format-names.ts';
import { studyFilterObject, withFilterChecks } from '../../filters/filter-schema.ts';
import { errorResponses } from '../schemas.ts';

/**
 * Larger exports are refused rather than truncated, so nobody cites from a silently partial list.
 * Formatted references cost citeproc a few ms each (APA ~3 ms), hence their lower cap.
 */
export const EXPORT_CAP = 5000;
export const FORMATTED_CAP = 1000;

const exportQuerySchema = withFilterChecks(
  studyFilterObject.extend({
    format: z.enum(EXPORT_FORMATS).openapi({
      description: 'ris, bibtex, csljson (CSL-JSON), csv, or formatted references: apa (APA 7th edition) or vancouver (NLM/Vancouver).',
      example: 'ris',
    }),
    style_output: z
      .enum(['text', 'html'])
      .default('text')
      .openapi({ description: 'For apa and vancouver: plain text or an HTML document.' }),
  }),
);

const text = (description: string) => ({ schema: z.string().openapi({ description }) });

const cslItemSchema = z
  .object({
    id: z.string(),
    type: z.literal('article-journal'),
    title: z.string().openapi({ description: 'Prefixed "[RETRACTED] " for retracted studies.' }),
    'container-title': z.string().optional(),
    'container-title-short': z.string().optional(),
    volume: z.string().optional(),
    issue: z.string().optional(),
    page: z.string().optional(),
    issued: z.object({ 'date-parts': z.array(z.array(z.number())).optional(), literal: z.string().optional() }).optional(),
    DOI: z.string().optional(),
    PMID: z.string(),
    PMCID: z.string().optional(),
    author: z.array(z.object({ family: z.string().optional(), given: z.string().optional(), literal: z.string().optional() })),
    language: z.string().optional(),
    URL: z.string(),
    note: z.string(),
    custom: z.object({ retracted: z.boolean() }).passthrough(),
  })
  .openapi('CslItem');

export const exportRoute = createRoute({
  method: 'get',
  path: '/export',
  summary: 'Export studies as references or CSV',
  description: `The studies under the same filters as GET /api/studies (or an explicit list: repeat \`pmid\`), newest first (a PMID list keeps its order), as a download. At most ${EXPORT_CAP.toLocaleString('en-US')} studies (${FORMATTED_CAP.toLocaleString('en-US')} for apa and vancouver): above that the request fails with 400 and the count. Retracted studies are flagged in every format: "[RETRACTED]" before the title and a note in RIS, BibTeX, CSL-JSON and the formatted references, and a \`retracted\` column in CSV.`,
  tags: ['export'],
  request: { query: exportQuerySchema },
  responses: {
    200: {
      description: 'The export, as an attachment (Content-Disposition) named like evidence-2026-11-24.ris.',
      headers: z.object({
        'Content-Disposition': z.string().openapi({ example: 'attachment; filename="evidence-2026-11-24.ris"' }),
        'X-Result-Count': z.string().openapi({ description: 'Number of studies in the export.' }),
      }),
      content: {
        'application/x-research-info-systems': text('RIS (format=ris).'),
        'application/x-bibtex': text('BibTeX (format=bibtex).'),
        'application/vnd.citationstyles.csl+json': { schema: z.array(cslItemSchema) },
        'text/csv': text(
          'format=csv: header row, then one row per study: pmid, title, authors, journal, year, doi, pmcid, design, sample_size, outcomes, topics, retracted, pubmed_url. UTF-8 with BOM.',
        ),
        'text/plain': text('Formatted references (format=apa or vancouver, style_output=text), one per paragraph.'),
        'text/html': text('Formatted references as an HTML document (style_output=html).'),
      },
    },
    ...errorResponses,
  },
});

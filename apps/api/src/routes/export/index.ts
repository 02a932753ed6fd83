import { OpenAPIHono } from '@hono/zod-openapi';
import { FORMATTED_STYLES } from '../../citations/format-names.ts';
import { renderExport } from '../../citations/render-pool.ts';
import { countStudies, loadCitableStudies } from '../../citations/load-studies.ts';
import type { AppEnv } from '../../context.ts';
import { validationHook } from '../../errors.ts';
import { ExportTooLarge } from '../../domain-errors.ts';
import { EXPORT_CAP, exportRoute, FORMATTED_CAP } from './export.ts';

const count = (n: number) => n.toLocaleString('en-US');

export const exportApp = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(exportRoute, async (c) => {
  const { format, style_output: styleOutput, ...filter } = c.req.valid('query');
  const database = c.get('database');
  const cap = FORMATTED_STYLES.includes(format) ? FORMATTED_CAP : EXPORT_CAP;
  const total = countStudies(database, filter);
  if (total > cap) {
    throw new ExportTooLarge(
      `The filters match ${count(total)} studies; a ${format} export holds at most ${count(cap)}${cap < EXPORT_CAP ? ` (${count(EXPORT_CAP)} for ris, bibtex, csljson and csv)` : ''}. Narrow the filters (topic, outcome, design, year_from, year_to, q) or export in parts.`,
    );
  }
  const studies = loadCitableStudies(database, filter, { limit: cap, order: 'published' });
  const rendered = await renderExport(studies, format, styleOutput);
  const filename = `evidence-${c.get('now')().toISOString().slice(0, 10)}.${rendered.extension}`;
  return c.body(rendered.body, 200, {
    'Content-Type': rendered.contentType,
    'Content-Disposition': `attachment; filename="${filename}"`,
    'X-Result-Count': String(studies.length),
  });
});

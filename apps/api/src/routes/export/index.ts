import { OpenAPIHono } from '@hono/zod-openapi';
import { renderExport } from '../../citations/formats.ts';
import { countStudies, loadCitableStudies } from '../../citations/load-studies.ts';
import type { AppEnv } from '../../context.ts';
import { ApiError, validationHook } from '../../errors.ts';
import { EXPORT_CAP, exportRoute } from './export.ts';

export const exportApp = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(exportRoute, (c) => {
    const { format, style_output: styleOutput, ...filter } = c.req.valid('query');
    const database = c.get('database');
    const total = countStudies(database, filter);
    if (total > EXPORT_CAP) {
      throw new ApiError(400, 'export_too_large',
        `The filters match ${total.toLocaleString('en-US')} studies; an export holds at most ${EXPORT_CAP.toLocaleString('en-US')}. Narrow the filters (topic, outcome, design, year_from, year_to, q) or export in parts.`);
    }
    const studies = loadCitableStudies(database, filter, { limit: EXPORT_CAP, order: 'published' });
    const rendered = renderExport(studies, format, styleOutput);
    const filename = `evidence-${c.get('now')().toISOString().slice(0, 10)}.${rendered.extension}`;
    return c.body(rendered.body, 200, {
      'Content-Type': rendered.contentType,
      'Content-Disposition': `attachment; filename="${filename}"`,
      'X-Result-Count': String(studies.length),
    });
  });

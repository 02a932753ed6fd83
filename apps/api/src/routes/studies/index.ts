import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../context.ts';
import { validationHook } from '../../errors.ts';
import { NotFound } from '../../domain-errors.ts';
import { getStudy } from '../../queries/get-study.ts';
import { listStudies } from '../../queries/list-studies.ts';
import { getStudyRoute } from './get.ts';
import { listStudiesRoute } from './list.ts';

export const studiesApp = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(listStudiesRoute, (c) => c.json(listStudies(c.get('database'), c.req.valid('query'), c.get('studyIndex')), 200))
  .openapi(getStudyRoute, (c) => {
    const { pmid } = c.req.valid('param');
    const study = getStudy(c.get('database'), Number(pmid));
    if (!study) throw new NotFound(`No study with PMID ${pmid}`);
    return c.json(study, 200);
  });

import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../context.ts';
import { validationHook } from '../../errors.ts';
import { NotFound } from '../../domain-errors.ts';
import { answerBody } from '../index-lag.ts';
import { getStudyRoute } from './get.ts';
import { listStudiesRoute } from './list.ts';

export const studiesApp = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(listStudiesRoute, async (c) =>
    c.json(answerBody(c, await c.get('reads').listStudies(c.req.valid('query'), c.get('studyIndex'), c.req.raw.signal)), 200),
  )
  .openapi(getStudyRoute, async (c) => {
    const { pmid } = c.req.valid('param');
    const study = await c.get('reads').getStudy(Number(pmid), c.req.raw.signal);
    if (!study) throw new NotFound(`No study with PMID ${pmid}`);
    return c.json(study, 200);
  });

import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../context.ts';
import { validationHook } from '../../errors.ts';
import { listStudies } from '../../queries/list-studies.ts';
import { listStudiesRoute } from './list.ts';

export const studiesApp = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(listStudiesRoute, (c) => {
  const query = c.req.valid('query');
  return c.json(listStudies(c.get('database'), query), 200);
});

import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../context.ts';
import { validationHook } from '../../errors.ts';

// Placeholder: filled in by the docs work.
export const docsApp = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

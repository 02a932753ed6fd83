import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../context.ts';
import { validationHook } from '../../errors.ts';

// Placeholder: filled in by the export work.
export const exportApp = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../context.ts';
import { validationHook } from '../../errors.ts';

// Placeholder: filled in by the feed work.
export const feedApp = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

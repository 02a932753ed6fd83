import { defineConfig } from 'drizzle-kit';

// Generates reviewed SQL migrations into ./migrations; never `drizzle-kit push` on real data.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/tables/index.ts',
  out: './migrations',
});

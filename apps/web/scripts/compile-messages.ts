// Compiles the messages for `svelte-check` when no build has done it since they last changed (a
// fresh clone, or `pnpm --filter @evidence/web run typecheck` alone after editing messages), with
// the build's own options. Under turbo the typecheck runs after the build (apps/web/turbo.json),
// which compiled them already: compiling again would rewrite the folder under a running test.
import { compile } from '@inlang/paraglide-js';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { paraglideOptions } from '../paraglide.options.ts';

const root = join(import.meta.dirname, '..');
const compiledAt = statSync(join(root, paraglideOptions.outdir, 'runtime.js'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
const sources = [
  ...readdirSync(join(root, 'messages')).map((name) => join(root, 'messages', name)),
  join(root, paraglideOptions.project, 'settings.json'),
  join(root, 'paraglide.options.ts'),
];
if (sources.some((file) => statSync(file).mtimeMs > compiledAt)) {
  await compile({
    project: join(root, paraglideOptions.project),
    outdir: join(root, paraglideOptions.outdir),
    strategy: [...paraglideOptions.strategy],
  });
}

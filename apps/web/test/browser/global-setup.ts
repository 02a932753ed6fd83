// Browser tests run against the built server; build once when the build is missing
// (turbo's `test` task already depends on `build`, so this only matters for a bare `vitest run`).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export const webRoot = join(import.meta.dirname, '..', '..');

export default function setup() {
  if (existsSync(join(webRoot, 'build', 'index.js'))) return;
  const require = createRequire(join(webRoot, 'package.json'));
  const viteBin = join(require.resolve('vite/package.json'), '..', 'bin', 'vite.js');
  console.log('[web tests] build/ is missing: running vite build first');
  execFileSync(process.execPath, [viteBin, 'build'], { cwd: webRoot, stdio: 'inherit' });
}

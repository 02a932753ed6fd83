// The messages are compiled twice: by the Vite build and by the typecheck (scripts/compile-messages.ts),
// into the same git-ignored folder. When the typecheck compiled them with paraglide's defaults, it
// could overwrite the build's output mid-build and ship a runtime that ignored Accept-Language (every
// Dutch browser test failed on such a build). Both must compile with paraglideOptions.
import { compile } from '@inlang/paraglide-js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { paraglideOptions } from '../../paraglide.options.ts';

const web = join(import.meta.dirname, '..', '..');
const out = mkdtempSync(join(tmpdir(), 'paraglide-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('compiling the messages', () => {
  it('follows the cookie, then Accept-Language, then English', async () => {
    await compile({ project: join(web, paraglideOptions.project), outdir: out, strategy: [...paraglideOptions.strategy] });
    const runtime = readFileSync(join(out, 'runtime.js'), 'utf8');
    const strategy = /export const strategy = (\[[^\]]*\])/.exec(runtime)?.[1];
    expect(JSON.parse(strategy!.replace(/,\s*\]/, ']'))).toEqual(['cookie', 'preferredLanguage', 'baseLocale']);
  });

  it('is done with those options by the typecheck as by the build, never with paraglide’s defaults', () => {
    const scripts = (JSON.parse(readFileSync(join(web, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.typecheck).toContain('node scripts/compile-messages.ts');
    expect(Object.values(scripts).join('\n')).not.toContain('paraglide-js compile');
    expect(readFileSync(join(web, 'scripts', 'compile-messages.ts'), 'utf8')).toContain('paraglideOptions');
    expect(readFileSync(join(web, 'vite.config.ts'), 'utf8')).toMatch(/paraglideVitePlugin\(\{ \.\.\.paraglideOptions/);
  });
});

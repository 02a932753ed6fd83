// Where the commands staff run live, for tests that run the real command in its own process (the
// command is what they test). Resolved from the workspace root: packages never import scripts/.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function workspaceRoot(): string {
  for (let dir = import.meta.dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no pnpm-workspace.yaml above ${import.meta.dirname}`);
  }
}

/** The `pnpm ingest` entry point (scripts/ingest/cli.ts). */
export const ingestCommandPath = (): string => join(workspaceRoot(), 'scripts/ingest/cli.ts');

/** The `pnpm retag` entry point (scripts/retag/cli.ts). */
export const retagCommandPath = (): string => join(workspaceRoot(), 'scripts/retag/cli.ts');

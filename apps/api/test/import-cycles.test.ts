// No import cycles in the API or the packages: core code must never reach back into the HTTP layer
// (docs/adr/0006-one-definition-per-rule.md). Type-only imports count too: a type cycle is still a
// layering cycle, and it becomes a runtime one as soon as someone imports a value along it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SCOPE = [join(ROOT, 'apps/api/src'), ...readdirSync(join(ROOT, 'packages')).map((p) => join(ROOT, 'packages', p, 'src'))].filter(
  (dir) => existsSync(dir),
);

/** Workspace packages by name, with their `exports` maps resolved to files. */
const packages = new Map<string, Record<string, string>>();
const packageDirs = [
  ...['apps', 'packages'].flatMap((parent) => readdirSync(join(ROOT, parent)).map((name) => join(ROOT, parent, name))),
  join(ROOT, 'scripts'),
];
for (const dir of packageDirs) {
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) continue;
  const json = JSON.parse(readFileSync(manifest, 'utf8')) as { name: string; exports?: Record<string, string> };
  packages.set(json.name, Object.fromEntries(Object.entries(json.exports ?? {}).map(([k, v]) => [k, join(dir, v)])));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

/** The workspace file an import names, or null for a dependency outside the workspace. */
function resolveImport(from: string, specifier: string): string | null {
  if (specifier.startsWith('.')) return resolve(dirname(from), specifier);
  const match = /^(@evidence\/[^/]+)(\/.*)?$/.exec(specifier);
  if (!match) return null;
  const target = packages.get(match[1]!)?.[`.${match[2] ?? ''}`];
  if (!target) throw new Error(`${relative(ROOT, from)}: ${specifier} is not in that package's exports`);
  return target;
}

/** Every import (static, dynamic, type-only, re-export) of each file in scope, to files in scope. */
function importGraph(): Map<string, string[]> {
  const files = SCOPE.flatMap(sourceFiles);
  const inScope = new Set(files);
  return new Map(
    files.map((file) => {
      const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
      const targets = importedFiles.map((i) => resolveImport(file, i.fileName)).filter((t): t is string => t !== null && inScope.has(t));
      return [file, [...new Set(targets)]];
    }),
  );
}

/** Each cycle once, as the files along it (Tarjan's strongly connected components, then a path through each). */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.includes(v)) components.push(component);
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return components.map((component) => {
    // A readable path: from the first file, follow edges inside the component back to it.
    const members = new Set(component);
    const start = component.sort()[0]!;
    const path = [start];
    const seen = new Set(path);
    let at = start;
    for (;;) {
      const targets = (graph.get(at) ?? []).filter((t) => members.has(t));
      const step = targets.find((t) => t === start) ?? targets.find((t) => !seen.has(t));
      if (!step || step === start) break;
      path.push(step);
      seen.add(step);
      at = step;
    }
    return [...path, start];
  });
}

describe('import graph', () => {
  it('has no cycles in apps/api/src and packages/*/src', () => {
    const cycles = findCycles(importGraph()).map((c) => c.map((f) => relative(ROOT, f)).join(' → '));
    expect(cycles).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself works)', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(findCycles(graph)).toEqual([['a', 'b', 'c', 'a']]);
  });

  it('sees type-only imports and re-exports', () => {
    const { importedFiles } = ts.preProcessFile(
      `import type { A } from './a.ts';\nexport { B } from './b.ts';\nconst c = await import('./c.ts');`,
      true,
      true,
    );
    expect(importedFiles.map((i) => i.fileName)).toEqual(['./a.ts', './b.ts', './c.ts']);
  });
});

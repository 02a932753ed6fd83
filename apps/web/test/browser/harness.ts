/**
 * A reusable stack for browser tests: a temporary SQLite file, the API in-process on a free
 * loopback port, the BUILT dashboard (`node build`) as a child process pointed at it, and
 * Debian's chromium through playwright-core. Every test file gets its own stack and database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from '@evidence/api';
import { createTestDatabase } from '@evidence/schema/testing';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const webRoot = join(import.meta.dirname, '..', '..');
export const resultsDir = join(webRoot, 'test-results');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

type TestDatabase = ReturnType<typeof createTestDatabase>;

export interface RunningApi {
  url: string;
  close(): Promise<void>;
}
export interface RunningWeb {
  url: string;
  process: ChildProcess;
  output(): string;
  close(): Promise<void>;
}

export interface Stack {
  db: TestDatabase;
  api: RunningApi;
  web: RunningWeb;
  browser: Browser;
  /** A fresh page in its own context; records dialogs and page errors for the security checks. */
  newPage(options?: PageOptions): Promise<TrackedPage>;
}

export interface TrackedPage {
  page: Page;
  context: BrowserContext;
  dialogs: string[];
  errors: string[];
}

export interface StackOptions {
  /**
   * Fills the database before the API starts: insertStudy from @evidence/schema/testing, or the
   * fixture corpus from @evidence/test-corpus (seeded, or ingested from the fixture server).
   */
  seed?: (db: TestDatabase) => void | Promise<void>;
  /** EVIDENCE_EDITOR_TOKEN for both the API and the web server (curation tests). */
  editorToken?: string;
  /** EVIDENCE_READ_TOKEN for both the API and the web server (reads need a token). */
  readToken?: string;
}

/** A port the OS says is free right now (adapter-node cannot report a port-0 choice back to us). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function startApi(db: TestDatabase, options: { editorToken?: string; readToken?: string } = {}): Promise<RunningApi> {
  const app = createApp({
    database: db,
    ...(options.editorToken ? { editorToken: options.editorToken } : {}),
    ...(options.readToken ? { readToken: options.readToken } : {}),
  });
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
    server.once('error', reject);
  });
}

/** Starts the built dashboard (`node build`) with API_URL set; resolves once it answers HTTP. */
export async function startWeb(options: { apiUrl: string; env?: Record<string, string>; startTimeoutMs?: number }): Promise<RunningWeb> {
  if (!existsSync(join(webRoot, 'build', 'index.js')))
    throw new Error('apps/web/build is missing: run `pnpm --filter @evidence/web build` first');
  // freePort() releases the port before the child binds it; if something else took it meanwhile, try another.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startWebOn(await freePort(), options);
    } catch (err) {
      if (attempt >= 3 || !String((err as Error).message).includes('EADDRINUSE')) throw err;
    }
  }
}

async function startWebOn(
  port: number,
  options: { apiUrl: string; env?: Record<string, string>; startTimeoutMs?: number },
): Promise<RunningWeb> {
  const entry = join(webRoot, 'serve.js');
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [entry], {
    cwd: webRoot,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ORIGIN: url, API_URL: options.apiUrl, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  // Readiness, not a sleep: poll until the server answers. The deadline is generous because a loaded
  // 2-core CI runner can take a long time to start Node; a healthy start takes well under a second.
  const timeoutMs = options.startTimeoutMs ?? 90_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`web server exited with ${child.exitCode ?? child.signalCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/_app/version.json`, { signal: AbortSignal.timeout(5_000) });
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`web server did not answer within ${timeoutMs / 1000} s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    process: child,
    output: () => output,
    close: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  // launch() resolves once chromium's DevTools endpoint is up; allow for a slow start under load.
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS, timeout: 120_000 });
}

export interface PageOptions {
  width?: number;
  height?: number;
  locale?: string;
  permissions?: string[];
}

export async function openTrackedPage(browser: Browser, options: PageOptions = {}): Promise<TrackedPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1100, height: options.height ?? 900 },
    locale: options.locale ?? 'en-GB',
    acceptDownloads: true,
    ...(options.permissions ? { permissions: options.permissions } : {}),
  });
  const page = await context.newPage();
  openPages.add(page);
  page.once('close', () => openPages.delete(page));
  const tracked: TrackedPage = { page, context, dialogs: [], errors: [] };
  page.on('dialog', (dialog) => {
    tracked.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (err) => tracked.errors.push(err.message));
  page.on('console', (msg) => {
    // Chromium's "Failed to load resource" names no URL: add it, so a failure says what was missing.
    if (msg.type() === 'error') tracked.errors.push(msg.location().url ? `${msg.text()} (${msg.location().url})` : msg.text());
  });
  return tracked;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const db = createTestDatabase();
  const started: { api?: RunningApi; web?: RunningWeb; browser?: Browser } = {};
  try {
    await options.seed?.(db);
    started.api = await startApi(db, { editorToken: options.editorToken, readToken: options.readToken });
    started.web = await startWeb({
      apiUrl: started.api.url,
      env: {
        ...(options.editorToken ? { EVIDENCE_EDITOR_TOKEN: options.editorToken } : {}),
        ...(options.readToken ? { EVIDENCE_READ_TOKEN: options.readToken } : {}),
      },
    });
    started.browser = await launchBrowser();
  } catch (err) {
    await started.browser?.close().catch(() => {});
    await started.web?.close();
    await started.api?.close();
    db.remove();
    throw err;
  }
  const { api, web, browser } = started as Required<typeof started>;
  return { db, api, web, browser, newPage: (o) => openTrackedPage(browser, o) };
}

export async function stopStack(stack: Stack | undefined): Promise<void> {
  if (!stack) return;
  await stack.browser.close().catch(() => {});
  await stack.web.close();
  await stack.api.close();
  stack.db.remove();
}

/** Pages not yet closed, so a failing test can leave a picture of each (failure-screenshots.ts). */
const openPages = new Set<Page>();

/** Saves a screenshot of every open page as test-results/failed-<test>-<n>.png; never throws. */
export async function screenshotOpenPages(testName: string): Promise<void> {
  const slug = testName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 80);
  let n = 0;
  for (const page of openPages) {
    await screenshot(page, `failed-${slug}-${++n}`).catch(() => {});
  }
}

/** Saves a screenshot (full page unless told otherwise) to apps/web/test-results/<name>.png (git-ignored). */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(resultsDir, { recursive: true });
  const path = join(resultsDir, `${name}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? true });
  return path;
}

/** Impact levels of axe-core, least to most severe. */
const AXE_IMPACTS = ['minor', 'moderate', 'serious', 'critical'] as const;

export interface AxeOptions {
  /** Only rules with one of these tags (e.g. wcag2aa, best-practice); default: axe's default rule set. */
  tags?: string[];
  /** Only these rules (e.g. color-contrast); overrides tags. */
  rules?: string[];
  /** The least severe impact reported; default serious (serious and critical). */
  minImpact?: (typeof AXE_IMPACTS)[number];
}

/** Runs axe-core in the page; returns the violations at or above minImpact (ids and targets). */
export async function axeViolations(page: Page, options: AxeOptions = {}): Promise<{ id: string; impact: string; nodes: string[] }[]> {
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  // Evaluated through DevTools rather than added as an inline <script>: the dashboard's CSP (rightly)
  // refuses inline scripts without its nonce, and the test should not loosen it (bypassCSP).
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const runOnly = options.rules
    ? { type: 'rule', values: options.rules }
    : options.tags
      ? { type: 'tag', values: options.tags }
      : undefined;
  const result = await page.evaluate(async (only) => {
    const axe = (
      window as unknown as {
        axe: {
          run(ctx?: unknown, opts?: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    return axe.run(document, { resultTypes: ['violations'], ...(only ? { runOnly: only } : {}) });
  }, runOnly);
  const reported = AXE_IMPACTS.slice(AXE_IMPACTS.indexOf(options.minImpact ?? 'serious'));
  return result.violations
    .filter((v) => (reported as readonly string[]).includes(v.impact))
    .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

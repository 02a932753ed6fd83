// The dashboard configured as the README says for a protected deployment: a named read token
// (`reader:secret`) and a named editor token on both the API and the web server. Issue #12: pages
// load with the named read token, a malformed session cookie is no session, and every page carries
// the security headers while its scripts (hydration, chart.js, filters, copy buttons) still run.
import { FIXTURE_STUDIES } from '@evidence/eutils-fixtures';
import { seedFixtureCorpus } from '@evidence/test-corpus';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, stopStack, type Stack } from './harness.ts';

const READ_TOKEN = 'reader:fixture-read-secret';
const EDITOR_TOKEN = 'anna:fixture-editor-token';
const EMDR_TEEN = '90000017';
const PAGES = ['/', '/studies', `/studies/${EMDR_TEEN}`, '/runs', '/topics', '/claims', '/signin'];

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({
    seed: (db) => {
      seedFixtureCorpus(db);
    },
    readToken: READ_TOKEN,
    editorToken: EDITOR_TOKEN,
  });
});
afterAll(async () => {
  await stopStack(stack);
});

const pmidsOn = (page: Page) =>
  page.locator('[data-testid="study-list"] > li').evaluateAll((items) => items.map((li) => li.getAttribute('data-pmid')));

/** Records Content-Security-Policy violations the page reports (chromium also logs them as console errors). */
const recordCspViolations = (page: Page) =>
  page.addInitScript(() => {
    const violations: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = violations;
    document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
const cspViolations = (page: Page) => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('named read token (happy)', () => {
  it('the API refuses reads without the token, and every dashboard page loads with it', async () => {
    expect((await fetch(`${stack.api.url}/api/studies`)).status).toBe(401);
    const { page, errors, context } = await stack.newPage();
    for (const path of PAGES) {
      const response = await page.goto(`${stack.web.url}${path}`);
      expect(response?.status(), path).toBe(200);
    }
    await page.goto(`${stack.web.url}/studies`);
    expect((await pmidsOn(page)).length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('curator session cookie (error)', () => {
  it.each([['%E0%A4%A'], ['%E0%A4%A.1700000000.c2lnbmF0dXJl'], ['anna.notanumber.forged']])(
    'a malformed cookie %s is no session and is cleared',
    async (value) => {
      const res = await fetch(`${stack.web.url}/studies`, { headers: { cookie: `curator_session=${value}` } });
      expect(res.status).toBe(200);
      const cleared = res.headers.getSetCookie().find((c) => c.startsWith('curator_session='));
      expect(cleared).toMatch(/^curator_session=;/);
      expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
      expect(await res.text()).not.toContain('Sign out');
    },
  );

  it('in the browser: the page renders and the cookie is gone', async () => {
    const { page, errors, context } = await stack.newPage();
    await context.addCookies([{ name: 'curator_session', value: '%E0%A4%A.1700000000.x', url: stack.web.url }]);
    expect((await page.goto(`${stack.web.url}/`))?.status()).toBe(200);
    expect((await context.cookies()).map((c) => c.name)).not.toContain('curator_session');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('security headers (security)', () => {
  it('every main page sends a nonce-based CSP without unsafe-inline scripts, frame-ancestors none and the other headers', async () => {
    for (const path of PAGES) {
      const res = await fetch(`${stack.web.url}${path}`);
      expect(res.status, path).toBe(200);
      const html = await res.text();
      const policy = res.headers.get('content-security-policy');
      expect(policy, path).toBeTruthy();
      const csp = directives(policy!);
      const scripts = csp.get('script-src') ?? csp.get('default-src')!;
      expect(scripts, path).toContain("'self'");
      expect(scripts, path).not.toContain("'unsafe-inline'");
      expect(scripts, path).not.toContain("'unsafe-eval'");
      // SvelteKit's own inline start-up script carries the nonce of this response.
      const nonce = scripts.find((s) => s.startsWith("'nonce-"))?.slice(7, -1);
      expect(nonce, path).toBeTruthy();
      expect(html, path).toContain(`nonce="${nonce}"`);
      expect(csp.get('frame-ancestors'), path).toEqual(["'none'"]);
      expect(csp.get('object-src'), path).toEqual(["'none'"]);
      expect(csp.get('base-uri'), path).toEqual(["'self'"]);
      expect(csp.get('form-action'), path).toEqual(["'self'"]);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('permissions-policy'), path).toMatch(/camera=\(\)/);
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
    }
  });

  it('the built static files (/_app) send the security headers too', async () => {
    const html = await (await fetch(`${stack.web.url}/`)).text();
    // The page links its start-up module relatively ("./_app/immutable/entry/start.….js").
    const asset = /_app\/immutable\/[^"'\s]+\.js/.exec(html)?.[0];
    expect(asset).toBeTruthy();
    const res = await fetch(`${stack.web.url}/${asset}`);
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('server endpoints (export, cite) send nosniff and the referrer policy too', async () => {
    for (const path of [`/export?format=bibtex&pmid=${EMDR_TEEN}`, `/cite?pmid=${EMDR_TEEN}&style=apa`]) {
      const res = await fetch(`${stack.web.url}${path}`);
      expect(res.status, path).toBe(200);
      await res.arrayBuffer();
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
    }
  });

  it('pages still work under the CSP: chart, filters without a reload, copy buttons; no violations', async () => {
    const { page, errors, context } = await stack.newPage({ permissions: ['clipboard-read', 'clipboard-write'] });
    await recordCspViolations(page);

    await page.goto(`${stack.web.url}/`);
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.locator('[data-testid="year-chart"] canvas').count()).toBe(1);
    expect(await cspViolations(page)).toEqual([]);

    await page.goto(`${stack.web.url}/studies`);
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => {
      (window as unknown as { sameDocument: boolean }).sameDocument = true;
    });
    await page.locator('[data-testid="facet-topic"] input[value="emdr"]').check();
    await page.waitForURL(/topic=emdr/);
    await expect.poll(async () => (await pmidsOn(page)).length).toBe(FIXTURE_STUDIES.filter((s) => s.topics.includes('emdr')).length);
    // Hydrated: the filter changed the list in place, not by a full page load.
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    expect(await cspViolations(page)).toEqual([]);

    await page.goto(`${stack.web.url}/studies/${EMDR_TEEN}`);
    await page.waitForLoadState('networkidle');
    await page.getByTestId('cite-apa').click();
    await expect.poll(() => page.getByTestId('cite-status-apa').innerText(), { timeout: 15_000 }).toContain('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('EMDR in adolescents with PTSD');
    expect(await cspViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

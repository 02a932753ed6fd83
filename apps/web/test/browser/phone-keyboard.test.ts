// Issue #15 part 6: every page works on a phone (390 × 844) and a desktop (1440 × 900) and with the
// keyboard alone. For every page of pages.ts (visitor and signed-in curator; Dutch on the phone,
// where longer words wrap first): axe-core finds nothing (WCAG 2.x A/AA and best practice, every
// impact), nothing is wider than the viewport (a wide table scrolls inside its own box), and Tab
// reaches every interactive element in document order, each with a visible focus ring that is
// neither off-screen nor hidden under something else; in the dark scheme, axe's contrast rule. Then
// the main actions by keyboard only, and a self-check that the walk notices what it is meant to.
// Folded <details> are opened first so their contents are checked too. No axe rule is disabled.
import { startFixtureServer, type FixtureServer } from '@evidence/eutils-fixtures';
import { ingestFromFixtures } from '@evidence/test-corpus';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, startStack, stopStack, type Stack } from './harness.ts';
import { curatorPages, dashboardPages, signIn, type WalkPage } from './pages.ts';

const TOKEN = 'anna:phone-keyboard-token';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };
// Every rule of WCAG 2.0–2.2 A and AA, plus axe's best practices. None is disabled.
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

let fixtures: FixtureServer;
let stack: Stack;

beforeAll(async () => {
  fixtures = await startFixtureServer();
  stack = await startStack({
    seed: async (db) => {
      await ingestFromFixtures(db.path, fixtures.url);
    },
    editorToken: TOKEN,
  });
  // One subscriber, so the subscriptions page shows its table (phone: stacked rows) and not only the form.
  const created = await fetch(`${stack.api.url}/api/subscriptions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN.split(':')[1]}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'practitioner@example.org', language: 'nl', frequency: 'weekly', filter: 'topic=tvns&outcome=hrv' }),
  });
  if (created.status !== 201) throw new Error(`could not create the subscription: ${created.status} ${await created.text()}`);
});
afterAll(async () => {
  await stopStack(stack);
  await fixtures?.close();
});

/** Opens a page and waits until its scripts have run (the layout marks <html data-hydrated>). */
async function open(page: Page, path: string): Promise<void> {
  await page.goto(`${stack.web.url}${path}`);
  await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
}

/** Where the page is wider than the viewport: the widest elements that stick out on the right. */
function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    const out: string[] = [`page is ${document.documentElement.scrollWidth}px wide in a ${width}px viewport`];
    for (const el of document.body.querySelectorAll('*')) {
      const rect = el.getBoundingClientRect();
      // Only the outermost culprits: an element inside a box that scrolls (or is clipped) is not one.
      if (rect.right <= width + 0.5 || el.parentElement?.closest('[data-overflowing]')) continue;
      let clipped = false;
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
        if (getComputedStyle(up).overflowX !== 'visible') clipped = true;
      }
      if (clipped) continue;
      el.setAttribute('data-overflowing', '');
      out.push(
        `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''} ends at ${Math.round(rect.right)}px`,
      );
    }
    for (const el of document.querySelectorAll('[data-overflowing]')) el.removeAttribute('data-overflowing');
    return out.slice(0, 6);
  });
}

/** What is wrong with the Tab order of the page: unreachable elements, a jump backwards, no focus ring, hidden focus. */
async function tabFaults(page: Page): Promise<string[]> {
  // Mark, in document order, every element Tab should stop at (one per radio group).
  const expected = await page.evaluate(() => {
    const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex], [contenteditable="true"]';
    const seenRadio = new Set<string>();
    const list: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      el.removeAttribute('data-tab');
      if (el.tabIndex < 0 || (el as HTMLButtonElement).disabled || el.closest('[inert]')) continue;
      if (!el.checkVisibility({ visibilityProperty: true })) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue;
      if (el instanceof HTMLInputElement && el.type === 'radio') {
        const group = `${el.form?.id ?? ''}/${el.name}`;
        if (el.name && seenRadio.has(group)) continue;
        seenRadio.add(group);
      }
      el.setAttribute('data-tab', String(list.length));
      list.push(el.outerHTML.slice(0, 100));
    }
    return list;
  });
  const faults: string[] = [];
  const reached = new Set<number>();
  let last = -1;
  // Start from the top, as after loading: Chromium resumes Tab from where focus last was (even after
  // blur), so focus a throwaway element at the start of the body first.
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    const start = document.createElement('span');
    start.tabIndex = -1;
    start.dataset.walkStart = '';
    document.body.prepend(start);
    start.focus();
  });
  // Tab through DevTools directly: focus moves on key-down, so the key-up can travel alongside the
  // look at the focused element (two round trips per stop instead of three; the walk is the slow part).
  const devtools = await page.context().newCDPSession(page);
  const tab = { key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9 };
  for (let presses = 0; presses < expected.length + 10; presses++) {
    await devtools.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...tab });
    const keyUp = devtools.send('Input.dispatchKeyEvent', { type: 'keyUp', ...tab });
    const look = page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const name = el.outerHTML.slice(0, 100);
      const style = getComputedStyle(el);
      const ring =
        el.matches(':focus-visible') &&
        ((style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none');
      const rect = el.getBoundingClientRect();
      // Wholly in view sideways; vertically at least partly (Chromium scrolls a text field only as far as its caret line).
      const inView =
        rect.left >= -1 &&
        rect.right <= window.innerWidth + 1 &&
        rect.top < window.innerHeight - Math.min(rect.height, 16) &&
        rect.bottom > 0;
      // What the reader sees at the middle of the focused element: the element itself, not a sticky header or panel on top of it.
      const hit = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
      const covered = !!hit && !el.contains(hit) && !hit.contains(el) && !(el as HTMLInputElement).labels?.[0]?.contains(hit);
      const scroller = el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight;
      return { index: el.dataset.tab ? Number(el.dataset.tab) : -1, name, ring, inView, covered, scroller };
    });
    const [at] = await Promise.all([look, keyUp]);
    if (!at) break; // focus left the document's last element
    if (at.index === -1) {
      // Chromium makes a scrolling box with nothing focusable in it a tab stop: that is fine.
      if (!at.scroller) faults.push(`Tab stops at an element the walk did not expect: ${at.name}`);
    } else {
      if (reached.has(at.index)) break; // wrapped around
      if (at.index < last) faults.push(`Tab goes back from #${last} to ${at.name}`);
      reached.add(at.index);
      last = at.index;
    }
    if (!at.ring) faults.push(`no visible focus ring: ${at.name}`);
    if (!at.inView) faults.push(`focused but off-screen: ${at.name}`);
    if (at.covered) faults.push(`focused but covered by another element: ${at.name}`);
  }
  await devtools.detach();
  await page.evaluate(() => document.querySelector('[data-walk-start]')?.remove());
  expected.forEach((name, i) => {
    if (!reached.has(i)) faults.push(`Tab never reaches: ${name}`);
  });
  return faults;
}

type Check = 'axe' | 'width' | 'keyboard';

/** One look at a loaded page: a viewport size, a colour scheme and the checks to run there. */
interface Pass {
  label: string;
  viewport: { width: number; height: number };
  checks: Check[];
  /** The dark scheme changes colours only, so axe's contrast rule is all it needs. */
  dark?: boolean;
}

/**
 * Every page, loaded once and looked at in each pass (resized, recoloured: loading is the slow part);
 * returns the faults by page and pass (empty when all is well).
 */
async function walk(passes: Pass[], options: { locale?: string; signedIn?: boolean } = {}): Promise<Record<string, unknown>> {
  const { page, context } = await stack.newPage({ ...passes[0]!.viewport, locale: options.locale ?? 'en-GB' });
  const pages: WalkPage[] = dashboardPages(stack);
  if (options.signedIn) {
    await signIn(stack, page, TOKEN);
    pages.push(...curatorPages(stack));
  }
  const faults: Record<string, unknown> = {};
  for (const { name, path } of pages) {
    if (options.signedIn && !name.endsWith('(curator)')) continue;
    await open(page, path);
    // Folded parts (details) open, so what they hold is checked too.
    await page.evaluate(() => {
      for (const details of document.querySelectorAll('details')) details.open = true;
    });
    for (const pass of passes) {
      await page.setViewportSize(pass.viewport);
      await page.emulateMedia({ colorScheme: pass.dark ? 'dark' : 'light' });
      // Let resize observers (the year chart) catch up, as they would for a reader who turns a tablet.
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      const axeOptions = pass.dark ? { rules: ['color-contrast'] } : { tags: AXE_TAGS };
      const found = {
        axe: pass.checks.includes('axe') ? await axeViolations(page, { ...axeOptions, minImpact: 'minor' }) : [],
        width: pass.checks.includes('width') ? await overflow(page) : [],
        keyboard: pass.checks.includes('keyboard') ? await tabFaults(page) : [],
      };
      const failing = Object.fromEntries(Object.entries(found).filter(([, list]) => list.length > 0));
      if (Object.keys(failing).length) faults[`${name} ${path} (${pass.label})`] = failing;
    }
  }
  await context.close();
  return faults;
}

// Each check runs where it can find something new, to keep the file short: the Tab order is the same
// in both languages and the markup the same at both sizes, so axe runs on the desktop and on the Dutch
// phone (longer words), the Tab walk at both sizes in English, the width check everywhere.
const DESKTOP_PASS: Pass = { label: 'desktop', viewport: DESKTOP, checks: ['axe', 'width', 'keyboard'] };
const DARK_PASS: Pass = { label: 'desktop, dark', viewport: DESKTOP, checks: ['axe'], dark: true };
const PHONE_PASS: Pass = { label: 'phone', viewport: PHONE, checks: ['width', 'keyboard'] };
const WALK_TIMEOUT = 180_000; // a dozen pages, each looked at up to three times; ~25 s on an idle 2-core machine

describe('every page on a phone and a desktop, by keyboard, axe clean (issue #15)', () => {
  it('in English at 390 × 844 and 1440 × 900 (light and dark)', { timeout: WALK_TIMEOUT }, async () => {
    expect(await walk([PHONE_PASS, DESKTOP_PASS, DARK_PASS])).toEqual({});
  });
  it('in Dutch at 390 × 844 (longer words)', { timeout: WALK_TIMEOUT }, async () => {
    expect(await walk([{ label: 'phone', viewport: PHONE, checks: ['axe', 'width'] }], { locale: 'nl-NL' })).toEqual({});
  });
  it('signed in as a curator: the curation forms at both sizes', { timeout: WALK_TIMEOUT }, async () => {
    const passes: Pass[] = [
      { ...PHONE_PASS, checks: ['axe', 'width', 'keyboard'] },
      { ...DESKTOP_PASS, checks: ['width', 'keyboard'] },
    ];
    expect(await walk(passes, { signedIn: true })).toEqual({});
  });
});

/** Presses Tab until the focused element matches the selector (the way a keyboard user gets there). */
async function tabTo(page: Page, selector: string, maxPresses = 400): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector} within ${maxPresses} presses`);
}

const focusedTestId = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? null);

describe('the checks themselves', () => {
  it('notice a hidden focus ring, a jump in the Tab order and a too-wide page', async () => {
    const { page, context } = await stack.newPage(PHONE);
    await open(page, '/signin');
    expect({ width: await overflow(page), keyboard: await tabFaults(page) }).toEqual({ width: [], keyboard: [] });
    await page.evaluate(() => {
      // A constructed style sheet: the dashboard's CSP (rightly) refuses inline <style>.
      const sheet = new CSSStyleSheet();
      sheet.replaceSync('.brand:focus-visible { outline: none }');
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      document.querySelector('#token')!.setAttribute('tabindex', '1'); // Tab lands here first, out of order
      const wide = document.createElement('div');
      wide.style.width = '1000px'; // through the CSSOM, which the CSP allows
      wide.textContent = 'A box wider than a phone';
      document.querySelector('main')!.append(wide);
    });
    const width = await overflow(page);
    expect(width[0]).toMatch(/^page is \d+px wide in a 390px viewport$/);
    expect(width.some((w) => w.startsWith('div ends at'))).toBe(true);
    const faults = await tabFaults(page);
    expect(faults.find((f) => f.startsWith('no visible focus ring: <a class="brand"'))).toBeDefined();
    // Out of order: Tab either jumps back to it or, starting from the top, never gets there in sequence.
    expect(faults.find((f) => /^(Tab goes back from #\d+ to|Tab never reaches:) <input[^>]*id="token"/.test(f))).toBeDefined();
    await context.close();
  });
});

describe('the main actions by keyboard alone (issue #15)', () => {
  it('phone: the skip link, filtering and searching the studies list, opening a study', async () => {
    const { page, context } = await stack.newPage(PHONE);
    await open(page, '/studies');
    const total = async () => Number((await page.getByTestId('total').innerText()).match(/\d+/)![0]);
    const unfiltered = await total();
    // The first Tab stop is the skip link; following it puts focus in the main content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#main');
    expect(await page.evaluate(() => document.activeElement!.getBoundingClientRect().left >= 0)).toBe(true);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
    // A topic filter: Space ticks the box and the list filters itself.
    await tabTo(page, '[data-testid="facet-topic"] input[value="tvns"]');
    await page.keyboard.press('Space');
    await page.waitForURL(/topic=tvns/);
    await expect.poll(total).toBeLessThan(unfiltered);
    const filtered = await total();
    expect(filtered).toBeGreaterThan(0);
    // Search (from the top of the reloaded page): type and press Enter; the topic filter stays.
    const url = new URL(page.url());
    await open(page, url.pathname + url.search);
    await tabTo(page, '#q');
    await page.keyboard.type('vagus');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('q') === 'vagus' && u.searchParams.get('topic') === 'tvns');
    await expect.poll(total).toBeLessThanOrEqual(filtered);
    // Open the first study with Enter on its title.
    const first = await page.locator('[data-testid="study-list"] > li').first().getAttribute('data-pmid');
    await tabTo(page, `[data-testid="study-list"] > li[data-pmid="${first}"] .study__title a`);
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === `/studies/${first}`);
    await context.close();
  });

  it('phone: select studies with Space; the selection panel then never hides where focus is', async () => {
    const { page, context } = await stack.newPage(PHONE);
    await open(page, '/studies');
    await tabTo(page, '.study__select');
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('selection-panel').isVisible()).toBe(true);
    // The panel sticks to the bottom of the screen: Tab through the whole page (panel included) and
    // every focused element must still be visible, not under the panel.
    expect(await tabFaults(page)).toEqual([]);
    await context.close();
  });

  it('phone and desktop: the evidence map cells by Tab, arrow keys and Enter', async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      const { page, context } = await stack.newPage(viewport);
      await open(page, '/');
      await tabTo(page, '[data-testid^="cell-"]');
      const firstCell = await focusedTestId(page);
      await page.keyboard.press('ArrowRight');
      const next = await focusedTestId(page);
      expect(next, `${viewport.width}px`).toMatch(/^cell-/);
      expect(next).not.toBe(firstCell);
      // The tooltip of the focused cell is shown; Escape hides it (it covers the cells below) and
      // focus stays; the next cell's shows again. Enter opens the filtered list.
      const tip = (testId: string) => page.locator(`#${testId.replace(/^cell-/, 'tip-')}`);
      expect(await tip(next!).isVisible()).toBe(true);
      await page.keyboard.press('Escape');
      expect(await tip(next!).isVisible()).toBe(false);
      expect(await focusedTestId(page)).toBe(next);
      await page.keyboard.press('ArrowLeft');
      expect(await tip((await focusedTestId(page))!).isVisible()).toBe(true);
      await page.keyboard.press('ArrowRight');
      expect(await tip(next!).isVisible()).toBe(true);
      // A tooltip shown by hovering is dismissed the same way.
      await page.getByTestId(firstCell!).hover();
      expect(await tip(firstCell!).isVisible()).toBe(true);
      await page.keyboard.press('Escape');
      expect(await tip(firstCell!).isVisible()).toBe(false);
      const [, topic, outcome] = /^cell-([a-z_]+)-([a-z_]+)$/.exec(next!)!;
      await page.keyboard.press('Enter');
      await page.waitForURL((u) => u.searchParams.get('topic') === topic && u.searchParams.get('outcome') === outcome);
      await context.close();
    }
  });

  it('desktop: copy a citation with Enter', async () => {
    const { page, context } = await stack.newPage({ ...DESKTOP, permissions: ['clipboard-read', 'clipboard-write'] });
    const study = dashboardPages(stack).find((p) => p.name === 'study')!;
    await open(page, study.path);
    await tabTo(page, '[data-testid="cite-vancouver"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('cite-status-vancouver').innerText()).toContain('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/\S/);
    expect(page.url()).toContain(study.path); // the copy did not follow the link
    await context.close();
  });

  it('phone, signed in: curation on a study page and pin/unpin on a claim page, by keyboard', async () => {
    const { page, context } = await stack.newPage(PHONE);
    await signIn(stack, page, TOKEN);
    const study = dashboardPages(stack).find((p) => p.name === 'study')!;
    await open(page, study.path);
    // Mark the study reviewed: Space on the box, Tab to Save, Enter.
    await tabTo(page, 'form[action="?/curation"] input[name="reviewed"]');
    await page.keyboard.press('Space');
    await tabTo(page, 'form[action="?/curation"] button[type="submit"]', 5);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('curation-state').innerText()).toMatch(/^Reviewed/);

    const claim = dashboardPages(stack).find((p) => p.name === 'claim')!;
    await open(page, claim.path);
    const form = page.locator('[data-testid^="pin-form-"]').first();
    const pmid = (await form.getAttribute('data-testid'))!.replace('pin-form-', '');
    expect(await page.getByTestId(`pin-${pmid}`).count()).toBe(0);
    await tabTo(page, `[data-testid="pin-form-${pmid}"] button[value="pin"]`);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId(`pin-${pmid}`).count()).toBe(1);
    await open(page, claim.path);
    await tabTo(page, `[data-testid="pin-form-${pmid}"] button[value="unpin"]`);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId(`pin-${pmid}`).count()).toBe(0);
    await context.close();
  });
});

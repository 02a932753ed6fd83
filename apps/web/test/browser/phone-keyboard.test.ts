// Issue #15 part 6: every page works on a phone (390 × 844) and a desktop (1440 × 900) and with the
// keyboard alone. For every page of pages.ts (visitor and signed-in curator; Dutch on the phone,
// where longer words wrap first): axe-core finds nothing (WCAG 2.x A/AA and best practice, every
// impact), nothing is wider than the viewport (a wide table scrolls inside its own box), and Tab
// reaches every interactive element in document order, each with a visible focus ring that is
// neither off-screen nor hidden under something else. Then the main actions, by keyboard only.
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
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  for (let presses = 0; presses < expected.length + 10; presses++) {
    await page.keyboard.press('Tab');
    const at = await page.evaluate(() => {
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
  expected.forEach((name, i) => {
    if (!reached.has(i)) faults.push(`Tab never reaches: ${name}`);
  });
  return faults;
}

interface WalkOptions {
  locale?: string;
  signedIn?: boolean;
  /** The Tab walk is the slow part; Dutch pages have the same elements as the English ones. */
  keyboard?: boolean;
  /** axe on the English phone pages repeats the Dutch phone run (same markup and layout, shorter words). */
  axe?: boolean;
}

/** Every page at one viewport size; returns the faults by page (empty when all is well). */
async function walk(viewport: { width: number; height: number }, options: WalkOptions = {}): Promise<Record<string, unknown>> {
  const { page, context } = await stack.newPage({ ...viewport, locale: options.locale ?? 'en-GB' });
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
    const found = {
      axe: options.axe === false ? [] : await axeViolations(page, { tags: AXE_TAGS, minImpact: 'minor' }),
      width: await overflow(page),
      keyboard: options.keyboard === false ? [] : await tabFaults(page),
    };
    const failing = Object.fromEntries(Object.entries(found).filter(([, list]) => list.length > 0));
    if (Object.keys(failing).length) faults[`${name} ${path}`] = failing;
  }
  await context.close();
  return faults;
}

describe('every page on a phone and a desktop, by keyboard, axe clean (issue #15)', () => {
  // Each check runs where it can fail: axe on the desktop and on the Dutch phone, the width and Tab
  // walks on the phone in English (the Tab order is the same in Dutch) and the desktop.
  it('at 390 × 844 (phone), in English: width and Tab walk', async () => {
    expect(await walk(PHONE, { axe: false })).toEqual({});
  });
  it('at 1440 × 900 (desktop), in English', async () => {
    expect(await walk(DESKTOP)).toEqual({});
  });
  it('at 390 × 844 in Dutch (longer words): axe and width', async () => {
    expect(await walk(PHONE, { locale: 'nl-NL', keyboard: false })).toEqual({});
  });
  it('signed in as a curator, at both sizes', async () => {
    expect({ phone: await walk(PHONE, { signedIn: true }), desktop: await walk(DESKTOP, { signedIn: true }) }).toEqual({
      phone: {},
      desktop: {},
    });
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
      // The tooltip of the focused cell is shown; Enter opens the filtered list.
      expect(await page.locator(`#${next!.replace(/^cell-/, 'tip-')}`).isVisible()).toBe(true);
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

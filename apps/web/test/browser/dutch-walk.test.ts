// Issue #15: everything a person reads exists in Dutch. This walks every page of the dashboard in
// Dutch — as a visitor and as a signed-in curator, including error pages and search notes — and
// fails on any English UI text: any English message of apps/web/messages/en.json (or vocabulary
// label) that shows up, and common English words outside the record's own text.
// Exempt: what PubMed or a person wrote (titles, abstracts, journals, authors, evidence sentences,
// MeSH, publication types, claim statements, saved queries), marked data-record in the markup, and
// anything marked as another language (lang="en": the API's technical details).
import { startFixtureServer, type FixtureServer } from '@evidence/eutils-fixtures';
import { ingestFromFixtures } from '@evidence/test-corpus';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, stopStack, webRoot, type Stack } from './harness.ts';
import { curatorPages, dashboardPages, signIn } from './pages.ts';

const TOKEN = 'anna:dutch-walk-token';
const en = JSON.parse(readFileSync(join(webRoot, 'messages', 'en.json'), 'utf8')) as Record<string, string>;
const nl = JSON.parse(readFileSync(join(webRoot, 'messages', 'nl.json'), 'utf8')) as Record<string, string>;

/** Pieces of English messages long enough to be unmistakable (a message split at its {parameters}). */
const ENGLISH_PIECES = [
  ...new Set(
    Object.entries(en)
      .filter(([key, value]) => key !== '$schema' && value !== nl[key])
      .flatMap(([, value]) => value.split(/\{[^}]+\}/))
      .map((piece) => piece.trim())
      .filter((piece) => piece.length >= 12 && /[a-z]{3}/.test(piece)),
  ),
];
/** English words no Dutch sentence uses. */
const ENGLISH_WORDS =
  /\b(?:the|and|with|from|this|these|which|there|their|your|you|shows?|found|only|each|than|were|are|has|not|to|for|by)\b/i;

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

/** The page's visible text and the text of its labels (aria-label, title, placeholder, alt), minus exempt parts. */
async function uiText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const exempt = (el: Element | null) =>
      !!el?.closest('script, style, code, pre, [data-record], [hidden], [lang]:not([lang^="nl"]):not(html)');
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.replace(/\s+/g, ' ').trim();
      if (text && !exempt(node.parentElement)) texts.push(text);
    }
    for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
      if (exempt(el)) continue;
      for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
        const value = el.getAttribute(name)?.trim();
        if (value) texts.push(value);
      }
    }
    return texts;
  });
}

function englishIn(texts: string[]): string[] {
  const joined = texts.join('\n');
  const pieces = ENGLISH_PIECES.filter((piece) => joined.includes(piece));
  const words = texts.filter((t) => ENGLISH_WORDS.test(t));
  return [...pieces.map((p) => `message: ${p}`), ...words.map((w) => `words: ${w}`)];
}

async function englishOn(page: Page, path: string): Promise<string[]> {
  await page.goto(`${stack.web.url}${path}`);
  await page.waitForLoadState('networkidle');
  expect(await page.locator('html').getAttribute('lang'), path).toBe('nl');
  // The tab title: the UI's own words (a study page's title starts with the study's, which is exempt).
  const title = (await page.title()).split(' · ').slice(1).join(' · ');
  return englishIn([...(await uiText(page)), title]);
}

describe('the dashboard in Dutch has no English UI text (issue #15)', () => {
  it('every page, as a visitor and as a signed-in curator, error pages and search notes included', async () => {
    const { page, context } = await stack.newPage({ locale: 'nl-NL', width: 1300, height: 900 });
    const found: Record<string, string[]> = {};
    for (const { path } of dashboardPages(stack)) {
      const english = await englishOn(page, path);
      if (english.length) found[path] = english;
    }
    // Signed in: the curation forms on the study and claim pages.
    await signIn(stack, page, TOKEN);
    for (const { name, path } of curatorPages(stack)) {
      const english = await englishOn(page, path);
      if (english.length) found[`${path} (${name})`] = english;
    }
    expect(found).toEqual({});
    await context.close();
  });
});

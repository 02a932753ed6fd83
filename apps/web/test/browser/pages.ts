// Every page of the dashboard, as the walking browser tests visit them (the Dutch walk and the
// phone/keyboard checks). One list, so a new page is walked by both as soon as it is added here.
import type { Page } from 'playwright-core';
import type { Stack } from './harness.ts';

export interface WalkPage {
  /** What the page is, for failure messages. */
  name: string;
  path: string;
}

/** The visitor's pages, filled with ids from the stack's (ingested fixture) database. */
export function dashboardPages(stack: Stack): WalkPage[] {
  const db = stack.db.sqlite;
  const pmid = db.prepare("SELECT pmid FROM study_tags WHERE kind = 'outcome' ORDER BY pmid LIMIT 1").pluck().get() as number;
  const claim = db.prepare('SELECT id FROM claims ORDER BY id LIMIT 1').pluck().get() as number;
  const run = db.prepare('SELECT id FROM ingestion_runs ORDER BY id LIMIT 1').pluck().get() as number;
  return [
    { name: 'overview', path: '/' },
    { name: 'studies', path: '/studies' },
    { name: 'studies filtered', path: '/studies?topic=tvns&outcome=hrv' },
    { name: 'studies search', path: `/studies?q=${encodeURIComponent('"vagus nerve')}` },
    { name: 'studies bad search', path: `/studies?q=${encodeURIComponent('((')}` },
    { name: 'study', path: `/studies/${pmid}` },
    { name: 'claims', path: '/claims' },
    { name: 'claim', path: `/claims/${claim}` },
    { name: 'topics', path: '/topics' },
    { name: 'runs', path: '/runs' },
    { name: 'run', path: `/runs/${run}` },
    { name: 'sign-in', path: '/signin' },
    { name: 'subscriptions', path: '/subscriptions?filter=topic%3Dtvns%26outcome%3Dhrv' },
    { name: 'no such page', path: '/no-such-page' },
    { name: 'bad study id', path: '/studies/not-a-pmid' },
    { name: 'bad filter', path: '/studies?topic=Not-A-Topic' },
  ];
}

/** The pages whose forms change for a signed-in curator (curation on the study page, claim forms, subscriptions). */
export function curatorPages(stack: Stack): WalkPage[] {
  const byName = new Map(dashboardPages(stack).map((p) => [p.name, p]));
  return ['study', 'claims', 'claim', 'subscriptions'].map((name) => {
    const found = byName.get(name)!;
    return { name: `${name} (curator)`, path: found.path };
  });
}

/**
 * Signs the page in through the sign-in form with the curator token `name:secret` (as a curator
 * would) and waits until `redirect` (path and query) has loaded.
 */
export async function signIn(stack: Stack, page: Page, token: string, redirect = '/claims'): Promise<void> {
  await page.goto(`${stack.web.url}/signin?redirect=${encodeURIComponent(redirect)}`);
  await page.locator('#token').fill(token.split(':')[1]!);
  await page.locator('#token').press('Enter');
  await page.waitForURL((u) => u.pathname + u.search === redirect);
  await page.waitForLoadState('networkidle');
}

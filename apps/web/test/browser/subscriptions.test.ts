// Issue #16 item 1 in the dashboard: an editor manages digest subscriptions — follows the current
// studies filter or a claim by e-mail, sees what each subscriber follows in words, changes language
// and frequency, deletes — against a real API and SQLite file. Subscriptions hold e-mail addresses:
// signed out, the page shows none of them and the navigation does not offer it.
import { seedFixtureCorpus } from '@evidence/test-corpus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, stopStack, type Stack } from './harness.ts';
import { signIn } from './pages.ts';

const TOKEN = 'anna:subscriptions-editor-token';

interface Subscription {
  id: number;
  email: string;
  language: string;
  frequency: string;
  filter: string | null;
  claimId: number | null;
}

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ seed: (db) => void seedFixtureCorpus(db), editorToken: TOKEN });
});
afterAll(async () => {
  await stopStack(stack);
});

const stored = async () =>
  (
    (await (
      await fetch(`${stack.api.url}/api/subscriptions`, { headers: { Authorization: 'Bearer subscriptions-editor-token' } })
    ).json()) as { items: Subscription[] }
  ).items;

async function signedIn(path: string, locale?: string) {
  const tracked = await stack.newPage(locale ? { locale } : undefined);
  await signIn(stack, tracked.page, TOKEN, path);
  return tracked;
}

describe('/subscriptions', () => {
  it('signed out: no addresses, no navigation entry, and a way to sign in', async () => {
    const { page, errors, context } = await stack.newPage();
    const response = await page.goto(`${stack.web.url}/subscriptions`);
    expect(response?.status()).toBe(200);
    expect(await page.getByTestId('subs-signin').innerText()).toContain('only signed-in editors');
    expect(await page.getByTestId('subs-table').count()).toBe(0);
    expect(await page.locator('header nav a[href="/subscriptions"]').count()).toBe(0);
    expect(await page.getByTestId('subscribe-link').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an editor follows the current studies filter by e-mail, sees it in words, changes its frequency and deletes it', async () => {
    const { page, errors, context } = await signedIn('/studies?topic=tvns&outcome=hrv');
    await page.getByTestId('subscribe-link').click();
    await page.waitForURL((u) => u.pathname === '/subscriptions');
    expect(await page.locator('#subs-filter').inputValue()).toBe('topic=tvns&outcome=hrv');
    const words = await page.getByTestId('subs-filter-words').innerText();
    expect(words).toContain('Outcome: Heart-rate variability');
    await page.locator('#subs-email').fill('practitioner@example.org');
    await page.locator('#subs-language').selectOption('en');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await expect.poll(async () => (await stored()).map((s) => s.email)).toEqual(['practitioner@example.org']);
    const [created] = await stored();
    expect(created).toMatchObject({ language: 'en', frequency: 'weekly', filter: 'topic=tvns&outcome=hrv', claimId: null });
    const row = page.locator(`tr[data-subscription-id="${created!.id}"]`);
    expect(await row.innerText()).toContain('Heart-rate variability');
    expect(await row.getByRole('link', { name: 'See these studies' }).getAttribute('href')).toBe('/studies?topic=tvns&outcome=hrv');

    await row.locator(`#freq-${created!.id}`).selectOption('daily');
    await row.getByRole('button', { name: /^Save/ }).click();
    await expect.poll(async () => (await stored())[0]?.frequency).toBe('daily');

    // Deleting asks first, on the page (no browser dialog): the first press only asks.
    await row.getByRole('button', { name: /^Delete/ }).click();
    expect((await stored()).length).toBe(1);
    await row.getByRole('button', { name: /^Yes, delete/ }).click();
    await expect.poll(async () => (await stored()).length).toBe(0);
    await expect.poll(() => page.getByTestId('subs-empty').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the API’s one-line reason for an address it refuses, keeping what was typed', async () => {
    const { page, errors, context } = await signedIn('/subscriptions');
    await page.locator('#subs-email').fill('not-an-address@nowhere');
    await page.locator('#subs-filter').fill('outcome=anxiety');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await expect.poll(() => page.getByTestId('subs-error').count()).toBe(1);
    expect(await page.getByTestId('subs-error').innerText()).toMatch(/e-mail/i);
    expect(await page.locator('#subs-email').inputValue()).toBe('not-an-address@nowhere');
    expect((await stored()).map((s) => s.email)).not.toContain('not-an-address@nowhere');
    // The form action answers 400, which Chromium logs for the fetch; nothing else may go wrong.
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    await context.close();
  });

  it('follows a claim from its page, in Dutch', async () => {
    const claims = (await (await fetch(`${stack.api.url}/api/claims`)).json()) as { items: { id: number }[] };
    const claimId = claims.items[0]!.id;
    const { page, errors, context } = await signedIn(`/claims/${claimId}`, 'nl-NL');
    await page.getByTestId('claim-subscribe').click();
    await page.waitForURL((u) => u.pathname === '/subscriptions');
    expect(await page.locator('h1').innerText()).toBe('E-mailoverzichten');
    expect(await page.locator('#subs-claim').inputValue()).toBe(String(claimId));
    await page.locator('#subs-email').fill('schrijver@example.org');
    await page.getByRole('button', { name: 'Abonneren' }).click();
    await expect
      .poll(async () => (await stored()).filter((s) => s.email === 'schrijver@example.org').map((s) => [s.claimId, s.language, s.filter]))
      .toEqual([[claimId, 'nl', null]]);
    expect(await page.locator('header nav a[href="/subscriptions"]').innerText()).toBe('Abonnementen');
    expect(errors).toEqual([]);
    await context.close();
  });
});

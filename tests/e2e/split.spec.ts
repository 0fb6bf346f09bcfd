import { expect, Page, test } from '@playwright/test';
import { addCards, cell, createBoard, expectNoAxeViolations } from './helpers';

// The app is one entry module and modules fetched on first use (`split!` in `app/src/chunk.rs`). These
// tests open every page directly and by navigation, and check that a page fetches only
// the modules it draws with, that a module on a slow network shows a busy state, and that
// one that cannot be fetched says so and can be tried again.

/** The wasm files the page has asked for so far, by name (`split_board.wasm`, …). */
function wasmRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.pathname.endsWith('.wasm')) seen.push(url.pathname.split('/').pop()!);
  });
  return seen;
}

/** Fails the test on any uncaught error in the page. */
function failOnPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

test('every staff page opens directly, from its own module, without an error', async ({ page, request }) => {
  const board = await createBoard(request, 'Delt Delesen');
  const errors = failOnPageErrors(page);
  const pages: [string, string][] = [
    ['/', 'Mine planer'],
    [`/boards/${board}`, 'Planen til Delt Delesen'],
    [`/boards/${board}/historikk`, 'Historikk'],
    ['/oppgaver', 'Mine oppgaver'],
    ['/profil', 'Min profil'],
    ['/konto', 'Min konto'],
    ['/ordliste', 'Ord i planen'],
  ];
  for (const [path, heading] of pages) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading }), path).toBeVisible();
    await expect(page.getByText('kunne ikke hentes')).toHaveCount(0);
  }
  expect(errors).toEqual([]);
});

test('the board page fetches the board\'s modules, not the other pages\'', async ({ page, request }) => {
  const board = await createBoard(request);
  const wasm = wasmRequests(page);
  await page.goto(`/boards/${board}`);
  await expect(page.getByRole('group', { name: 'Jobb, Dagens situasjon' })).toBeVisible();
  expect(wasm).toContain('duk_bg.wasm');
  expect(wasm).toContain('split_board.wasm');
  expect(wasm.filter((f) => f.startsWith('split_pages') || f.startsWith('split_citizen'))).toEqual([]);
  // Each module is fetched once, however many ways it is asked for.
  expect(wasm.length).toBe(new Set(wasm).size);
});

test('pages reached by links load their modules, and back returns to the board', async ({ page, request }) => {
  const board = await createBoard(request, 'Lenke Lenkesen');
  const errors = failOnPageErrors(page);
  await page.goto('/');
  await page.locator(`a[href="/boards/${board}"]`).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Planen til Lenke Lenkesen' })).toBeVisible();
  await page.goto(`/boards/${board}/historikk`);
  await expect(page.getByRole('heading', { level: 1, name: 'Historikk' })).toBeVisible();
  await page.getByRole('link', { name: 'Tilbake til planen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Planen til Lenke Lenkesen' })).toBeVisible();
  // The new page's main content has focus, as on any page change.
  await expect(page.locator('main')).toBeFocused();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Historikk' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('a dialog whose module is slow to come shows that it is loading, then the form', async ({ page, request }) => {
  const board = await createBoard(request);
  await addCards(request, board, cell('okonomi', 'na'), ['Søke bostøtte']);
  // Hold the dialogs' module back until the dialog has been opened.
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  await page.route('**/split_board_dialogs.wasm', async (route) => {
    await released;
    await route.continue();
  });
  await page.goto(`/boards/${board}`);
  await page.getByRole('button', { name: 'Mer om kortet: Søke bostøtte' }).click();
  const dialog = page.getByRole('dialog', { name: 'Kortet' });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('[aria-busy="true"]')).toHaveText('Henter …');
  await expectNoAxeViolations(page);
  release();
  await expect(dialog.getByRole('textbox', { name: 'Notat' })).toBeVisible();
  await expect(dialog.locator('[aria-busy="true"]')).toHaveCount(0);
});

test('a module that cannot be fetched says so, and "Prøv igjen" fetches it', async ({ page }) => {
  let refuse = true;
  await page.route('**/split_pages.wasm', (route) => (refuse ? route.abort('internetdisconnected') : route.continue()));
  await page.goto('/oppgaver');
  const alert = page.getByRole('alert').filter({ hasText: 'kunne ikke hentes' });
  await expect(alert).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Mine oppgaver' })).toHaveCount(0);
  refuse = false;
  await alert.getByRole('button', { name: 'Prøv igjen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mine oppgaver' })).toBeVisible();
});

import { expect, test } from '@playwright/test';
import { createBoard, expectNoAxeViolations, expectNoHorizontalScroll, expectSaved, openHeaderMenu } from './helpers';

const THEMES = [
  'Jobb', 'Bosituasjon', 'Fysisk helse', 'Psykisk helse', 'Økonomi',
  'Skole & utdanning', 'Fritid', 'Frivillighet', 'Rus',
];
const COLUMNS = ['Dagens situasjon', 'Det vi skal gjøre nå', 'På kort sikt', 'På lang sikt'];
const ZONES = ['Det jeg er god på', 'Det som er vanskelig', 'Det jeg drømmer om', 'De jeg har rundt meg'];

test('the demo board opens from Mine planer with all themes, columns and zones', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Mine planer' })).toBeVisible();
  await page.getByRole('link', { name: 'Planen til Kari Nordmann' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Planen til Kari Nordmann' })).toBeVisible();
  await expect(page).toHaveTitle('Planen til Kari Nordmann – Duk');
  for (const theme of THEMES) {
    await expect(page.getByRole('heading', { level: 3, name: theme, exact: true })).toBeVisible();
  }
  for (const zone of ZONES) {
    await expect(page.getByRole('heading', { level: 2, name: zone, exact: true })).toBeVisible();
  }
  // Every theme has a cell in every column, named for screen readers and the phone layout.
  for (const theme of THEMES) {
    for (const column of COLUMNS) {
      await expect(page.getByRole('group', { name: new RegExp(`^${theme}, ${column}`) })).toHaveCount(1);
    }
  }
  // The demo's cards are there, in their cells.
  const economyNow = page.getByRole('group', { name: 'Økonomi, Det vi skal gjøre nå' });
  await expect(economyNow.getByRole('button', { name: 'Endre kortet: Søke bostøtte' })).toBeVisible();
  await expect(economyNow.getByText('Kari Nordmann')).toBeVisible();
  await expectNoHorizontalScroll(page);
});

test('a card added in the UI is still there after a reload', async ({ page, request }) => {
  const id = await createBoard(request);
  await page.goto(`/boards/${id}`);
  const cell = page.getByRole('group', { name: 'Bosituasjon, Det vi skal gjøre nå' });
  await cell.getByRole('button', { name: 'Legg til kort i Bosituasjon, Det vi skal gjøre nå' }).click();
  const box = cell.getByRole('textbox', { name: 'Tekst på kortet' });
  await expect(box).toBeFocused();
  await box.fill('Ringe boligkontoret om venteliste');
  await box.press('Enter');
  await expect(cell.getByRole('button', { name: 'Endre kortet: Ringe boligkontoret om venteliste' })).toBeVisible();
  // The box stays open and empty for the next card.
  await expect(box).toHaveValue('');

  await page.reload();
  const again = page.getByRole('group', { name: 'Bosituasjon, Det vi skal gjøre nå' });
  await expect(again.getByRole('button', { name: 'Endre kortet: Ringe boligkontoret om venteliste' })).toBeVisible();
});

test('an empty card text is stopped with the server\'s message and nothing is sent', async ({ page, request }) => {
  const id = await createBoard(request);
  await page.goto(`/boards/${id}`);
  const cell = page.getByRole('group', { name: 'Jobb, Dagens situasjon' });
  await cell.getByRole('button', { name: 'Legg til kort i Jobb, Dagens situasjon' }).click();
  const box = cell.getByRole('textbox', { name: 'Tekst på kortet' });
  await box.fill('    ');
  let sent = 0;
  page.on('request', (r) => { if (r.url().endsWith('/ops')) sent++; });
  await box.press('Enter');
  await expect(cell.getByRole('alert')).toHaveText('Kortet må ha tekst. Skriv noen ord før du lagrer.');
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  // The server, asked the same, answers with the same words.
  const res = await request.post(`/api/boards/${id}/ops`, {
    data: {
      client_op_id: crypto.randomUUID(), base_version: 0,
      op: { create_card: { card_id: crypto.randomUUID(), placement: { cell: { theme: 'jobb', column: 'na' } }, order: 'a0', text: '    ' } },
    },
  });
  expect(res.status()).toBe(422);
  const body = await res.json();
  expect(body.code).toBe('card_text_empty');
  await expect(cell.getByRole('alert')).toHaveText(body.message);
  expect(sent).toBe(0);

  const board = await (await request.get(`/api/boards/${id}`)).json();
  expect(board.version).toBe(0);
  expect(board.cards).toEqual([]);
});

test('a card text can be edited in place and the change is kept', async ({ page, request }) => {
  const id = await createBoard(request);
  await page.goto(`/boards/${id}`);
  const cell = page.getByRole('group', { name: 'Fritid, På kort sikt' });
  await cell.getByRole('button', { name: /^Legg til kort i Fritid, På kort sikt/ }).click();
  await cell.getByRole('textbox', { name: 'Tekst på kortet' }).fill('Begynne på svømming');
  await cell.getByRole('button', { name: 'Lagre' }).click();
  await cell.getByRole('button', { name: 'Avbryt' }).click();

  await cell.getByRole('button', { name: 'Endre kortet: Begynne på svømming' }).click();
  const box = cell.getByRole('textbox', { name: 'Tekst på kortet' });
  await expect(box).toHaveValue('Begynne på svømming');
  await box.fill('Begynne på svømming med Lise');
  await box.press('Enter');
  const edited = cell.getByRole('button', { name: 'Endre kortet: Begynne på svømming med Lise' });
  await expect(edited).toBeFocused();
  await expectSaved(page);

  await page.reload();
  await expect(page.getByRole('button', { name: 'Endre kortet: Begynne på svømming med Lise' })).toBeVisible();
});

test('a card can be added with the keyboard alone', async ({ page, request }) => {
  const id = await createBoard(request);
  await page.goto(`/boards/${id}`);
  const add = page.getByRole('button', { name: 'Legg til kort i Det jeg drømmer om' });
  // Tab until the add button of the dreams zone has focus.
  for (let i = 0; i < 40 && !(await add.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(add).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.type('Reise til Lofoten');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Endre kortet: Reise til Lofoten' })).toBeVisible();
  await expect(add).toBeFocused();
});

test('the language can be switched to English and back, and is remembered', async ({ page }) => {
  await page.goto('/');
  await openHeaderMenu(page);
  await page.getByRole('button', { name: 'Change the language to English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My plans' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'My plans' })).toBeVisible();
  await openHeaderMenu(page);
  await page.getByRole('button', { name: 'Bytt språk til norsk' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mine planer' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
});

test('an unknown board shows a plain message and a way back', async ({ page }) => {
  await page.goto('/boards/00000000-0000-4000-8000-000000000000');
  await expect(page.getByRole('alert')).toHaveText('Fant ikke planen.');
  await page.getByRole('link', { name: 'Tilbake til Mine planer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mine planer' })).toBeVisible();
});

test('a new plan can be made from Mine planer', async ({ page }) => {
  await page.goto('/');
  const name = page.getByRole('textbox', { name: 'Hvem er planen til?' });
  await page.getByRole('button', { name: 'Lag planen' }).click();
  await expect(page.getByRole('alert')).toHaveText('Navnet kan ikke være tomt.');
  await name.fill('Ola Nordmann');
  await page.getByRole('button', { name: 'Lag planen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Planen til Ola Nordmann' })).toBeVisible();
});

test('the pages have no accessibility violations', async ({ page, request }) => {
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Planen til Kari Nordmann' })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Planen til Kari Nordmann' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Planen til Kari Nordmann' })).toBeVisible();
  await expectNoAxeViolations(page);

  // With an open editor and an error message.
  const cell = page.getByRole('group', { name: 'Rus, Dagens situasjon' });
  await cell.getByRole('button', { name: 'Legg til kort i Rus, Dagens situasjon' }).click();
  await cell.getByRole('textbox', { name: 'Tekst på kortet' }).press('Enter');
  await expect(cell.getByRole('alert')).toBeVisible();
  await expectNoAxeViolations(page);
});

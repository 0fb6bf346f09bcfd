import { expect, Page, test } from '@playwright/test';
import { addCards, addSiri, cell, createBoard, expectNoAxeViolations, expectSaved, siriOnPhone, storedTexts } from './helpers';

// Two people on one board at once: Ola (the investeringsleder) at the meeting table on the
// tablet, Siri (team member) joining from her phone. Both pages follow the board live.

const OFFLINE = 'Frakoblet – endringene lagres når nettet er tilbake.';

/** The card element (the list item) with this text. */
const card = (page: Page, text: string) => page.locator('[data-card]', { hasText: text });

/** A cell of the grid, as the page names it. */
const group = (page: Page, name: string) => page.getByRole('group', { name });

/** Moves a card with "Flytt til …" (the single-pointer way; works on every screen). */
async function moveWithDialog(page: Page, text: string, place: string, column: string | null) {
  await page.getByRole('button', { name: `Mer om kortet: ${text}` }).click();
  await page.getByRole('dialog', { name: 'Kortet' }).getByRole('button', { name: 'Flytt til …' }).click();
  const dialog = page.getByRole('dialog', { name: 'Flytt kortet' });
  await dialog.getByRole('radio', { name: place }).click();
  if (column) await dialog.getByRole('radio', { name: column }).click();
  await dialog.getByRole('button', { name: 'Flytt hit' }).click();
  await expect(dialog).toBeHidden();
}

test.describe('tablet and phone together', () => {
  test.beforeEach(({}, info) => test.skip(info.project.name !== 'tablet', 'Ola at the table on the tablet'));

  test('a move on one shows on the other, presence shows both, offline edits converge, undo is mine only', async ({
    page, request, browser, baseURL,
  }) => {
    const board = await createBoard(request, 'Kari Samtidig');
    await addCards(request, board, cell('bosituasjon', 'dagens-situasjon'), ['Søke bostøtte']);
    await addCards(request, board, cell('fysisk-helse', 'dagens-situasjon'), ['Ringe fastlegen']);
    await addCards(request, board, cell('jobb', 'dagens-situasjon'), ['Skrive CV']);
    await addSiri(request, board);

    await page.goto(`/boards/${board}`);
    const siri = await siriOnPhone(browser, baseURL!);
    const phone = await siri.newPage();
    await phone.goto(`/boards/${board}`);
    await expect(card(phone, 'Søke bostøtte')).toBeVisible();

    // Presence: both pages list both people, and each knows which one it is.
    for (const p of [page, phone]) {
      const people = p.locator('.presence-list li');
      await expect(people).toHaveCount(2);
      await expect(people.filter({ hasText: 'Ola Nordmann' })).toHaveCount(1);
      await expect(people.filter({ hasText: 'Siri Hansen' })).toHaveCount(1);
    }
    await expect(page.locator('.presence-me')).toContainText('Ola Nordmann (deg)');
    await expect(phone.locator('.presence-me')).toContainText('Siri Hansen (deg)');
    await expectNoAxeViolations(page);

    // Ola moves a card with the keyboard on the tablet: Siri sees it without reloading.
    await page.getByRole('button', { name: 'Flytt kortet: Søke bostøtte' }).focus();
    await page.keyboard.press('Space');
    // While it is lifted, Siri's phone shows who is moving it.
    await expect(card(phone, 'Søke bostøtte').locator('.card-mover')).toContainText('Ola Nordmann flytter dette kortet nå');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expectSaved(page);
    await expect(group(phone, 'Bosituasjon, Det vi skal gjøre nå').getByText('Søke bostøtte')).toBeVisible();
    await expect(card(phone, 'Søke bostøtte').locator('.card-mover')).toHaveCount(0);

    // Siri's phone loses the network. She keeps working: three changes.
    await siri.setOffline(true);
    await expect(phone.getByText(OFFLINE)).toBeVisible();
    await moveWithDialog(phone, 'Ringe fastlegen', 'Fysisk helse', 'Det vi skal gjøre nå');
    const added = group(phone, 'Jobb, På kort sikt');
    await added.getByRole('button', { name: /^Legg til kort i Jobb, På kort sikt/ }).click();
    await added.getByRole('textbox', { name: 'Tekst på kortet' }).fill('Søke praksisplass');
    await added.getByRole('button', { name: 'Lagre' }).click();
    await added.getByRole('button', { name: 'Avbryt' }).click();
    await phone.getByRole('button', { name: 'Endre kortet: Skrive CV' }).click();
    const box = phone.getByRole('textbox', { name: 'Tekst på kortet' });
    await box.fill('Skrive CV med Siri');
    await box.press('Enter');
    await expect(phone.locator('.save-state')).toHaveText('3 endringer er ikke lagret ennå');
    // Nothing of it has reached the server or Ola.
    expect(await storedTexts(request, board, cell('jobb', 'kort-sikt'))).toEqual([]);
    await expect(page.getByText('Søke praksisplass')).toHaveCount(0);

    // Back online: the three changes go, and both pages show the same board.
    await siri.setOffline(false);
    await expect(phone.getByText(OFFLINE)).toBeHidden();
    await expectSaved(phone);
    await expect(group(page, 'Jobb, På kort sikt').getByText('Søke praksisplass')).toBeVisible();
    await expect(group(page, 'Fysisk helse, Det vi skal gjøre nå').getByText('Ringe fastlegen')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Endre kortet: Skrive CV med Siri' })).toBeVisible();
    expect(await storedTexts(request, board, cell('jobb', 'kort-sikt'))).toEqual(['Søke praksisplass']);
    expect(await storedTexts(request, board, cell('fysisk-helse', 'na'))).toEqual(['Ringe fastlegen']);
    expect(await storedTexts(request, board, cell('jobb', 'dagens-situasjon'))).toEqual(['Skrive CV med Siri']);

    // Undo takes back only Ola's own move, not Siri's.
    await page.getByRole('button', { name: 'Flytt kortet: Skrive CV med Siri' }).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expectSaved(page);
    await moveWithDialog(phone, 'Søke praksisplass', 'Jobb', 'På lang sikt');
    await expectSaved(phone);
    await expect(group(page, 'Jobb, På lang sikt').getByText('Søke praksisplass')).toBeVisible();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await expectSaved(page);
    await expect(group(page, 'Jobb, Dagens situasjon').getByText('Skrive CV med Siri')).toBeVisible();
    await expect(group(phone, 'Jobb, Dagens situasjon').getByText('Skrive CV med Siri')).toBeVisible();
    expect(await storedTexts(request, board, cell('jobb', 'dagens-situasjon'))).toEqual(['Skrive CV med Siri']);
    expect(await storedTexts(request, board, cell('jobb', 'lang-sikt'))).toEqual(['Søke praksisplass']);
    // The button undoes the one before (Ola's first move); Siri's changes stay.
    await page.getByRole('button', { name: 'Angre min siste endring' }).click();
    await expectSaved(page);
    expect(await storedTexts(request, board, cell('bosituasjon', 'dagens-situasjon'))).toEqual(['Søke bostøtte']);
    expect(await storedTexts(request, board, cell('jobb', 'lang-sikt'))).toEqual(['Søke praksisplass']);
    await expect(page.getByRole('button', { name: 'Angre min siste endring' })).toBeDisabled();

    // Siri leaves: Ola's page shows only Ola.
    await siri.close();
    await expect(page.locator('.presence-list li')).toHaveCount(1);
  });

  test('changes made offline survive closing the tab, and an edit to a card someone deleted is refused saying so', async ({
    page, request, browser, baseURL,
  }) => {
    const board = await createBoard(request, 'Kari Frakoblet');
    await addCards(request, board, cell('okonomi', 'dagens-situasjon'), ['Lage budsjett', 'Betale husleie']);
    await addSiri(request, board);
    await page.goto(`/boards/${board}`);
    const siri = await siriOnPhone(browser, baseURL!);
    let phone = await siri.newPage();
    await phone.goto(`/boards/${board}`);
    await expect(card(phone, 'Lage budsjett')).toBeVisible();

    await siri.setOffline(true);
    await expect(phone.getByText(OFFLINE)).toBeVisible();
    await phone.getByRole('button', { name: 'Endre kortet: Lage budsjett' }).click();
    let box = phone.getByRole('textbox', { name: 'Tekst på kortet' });
    await box.fill('Lage budsjett med NAV');
    await box.press('Enter');
    // Offline nothing is being saved: the status says the change waits, in the singular.
    await expect(phone.locator('.save-state')).toHaveText('1 endring er ikke lagret ennå');
    await phone.getByRole('button', { name: 'Endre kortet: Betale husleie' }).click();
    box = phone.getByRole('textbox', { name: 'Tekst på kortet' });
    await box.fill('Betale husleie i tide');
    await box.press('Enter');
    await expect(phone.locator('.save-state')).toHaveText('2 endringer er ikke lagret ennå');
    await expect(phone.getByText(/Lagrer/)).toHaveCount(0);
    // Meanwhile Ola deletes «Betale husleie».
    await page.getByRole('button', { name: 'Mer om kortet: Betale husleie' }).click();
    const details = page.getByRole('dialog', { name: 'Kortet' });
    await details.getByRole('button', { name: 'Slett kortet' }).click();
    await page.getByRole('button', { name: 'Ja, slett' }).click();
    await expectSaved(page);

    // Siri closes the tab while offline, and opens the board again later, online.
    await phone.close();
    await siri.setOffline(false);
    phone = await siri.newPage();
    await phone.goto(`/boards/${board}`);
    await expectSaved(phone);
    await expect(phone.getByRole('alert')).toContainText('Kortet er slettet');
    expect(await storedTexts(request, board, cell('okonomi', 'dagens-situasjon'))).toEqual(['Lage budsjett med NAV']);
    await expect(page.getByRole('button', { name: 'Endre kortet: Lage budsjett med NAV' })).toBeVisible();
    await siri.close();
  });

  test('when two people edit one card at once, the one whose words were replaced is told and can put them back', async ({
    page, request, browser, baseURL,
  }) => {
    const board = await createBoard(request, 'Kari Samtidig Tekst');
    await addCards(request, board, cell('bosituasjon', 'dagens-situasjon'), ['Søke bostøtte']);
    await addSiri(request, board);
    await page.goto(`/boards/${board}`);
    const siri = await siriOnPhone(browser, baseURL!);
    const phone = await siri.newPage();
    await phone.goto(`/boards/${board}`);
    await expect(card(phone, 'Søke bostøtte')).toBeVisible();

    // Siri starts writing on her phone…
    await phone.getByRole('button', { name: 'Endre kortet: Søke bostøtte' }).click();
    const hers = phone.getByRole('textbox', { name: 'Tekst på kortet' });
    await hers.fill('Søke bostøtte sammen med Siri');
    // …while Ola, at the table, writes and saves his.
    await page.getByRole('button', { name: 'Endre kortet: Søke bostøtte' }).click();
    const his = page.getByRole('textbox', { name: 'Tekst på kortet' });
    await his.fill('Søke bostøtte innen 1. mars');
    await his.press('Enter');
    await expectSaved(page);
    expect(await storedTexts(request, board, cell('bosituasjon', 'dagens-situasjon'))).toEqual(['Søke bostøtte innen 1. mars']);
    // Siri saves what she wrote, without having seen Ola's: hers is the card's text now…
    await hers.press('Enter');
    await expectSaved(phone);
    await expect(page.getByRole('button', { name: 'Endre kortet: Søke bostøtte sammen med Siri' })).toBeVisible();
    // …and Ola is told at once, with both texts.
    const notice = page.locator('.notice-overwritten');
    await expect(notice).toContainText('Siri Hansen endret kortet rett etter deg, uten å ha sett det du skrev.');
    await expect(notice.getByRole('definition').first()).toHaveText('Søke bostøtte innen 1. mars');
    await expect(notice.getByRole('definition').last()).toHaveText('Søke bostøtte sammen med Siri');
    // Siri, whose words were not replaced, is told nothing.
    await expect(phone.locator('.notice-overwritten')).toHaveCount(0);
    await expectNoAxeViolations(page);
    // One tap puts Ola's back, for everyone; both texts stay in the history.
    await notice.getByRole('button', { name: 'Bruk det jeg skrev' }).click();
    await expect(notice).toHaveCount(0);
    await expectSaved(page);
    await expect(phone.getByRole('button', { name: 'Endre kortet: Søke bostøtte innen 1. mars' })).toBeVisible();
    expect(await storedTexts(request, board, cell('bosituasjon', 'dagens-situasjon'))).toEqual(['Søke bostøtte innen 1. mars']);
    const history = await (await request.get(`/api/boards/${board}/history`)).json();
    const told = JSON.stringify(history);
    expect(told).toContain('Søke bostøtte sammen med Siri');
    expect(told).toContain('Søke bostøtte innen 1. mars');
    await siri.close();
  });
});

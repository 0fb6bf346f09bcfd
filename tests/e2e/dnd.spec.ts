import { expect, Page, test } from '@playwright/test';
import { addCards, cell, createBoard, expectNoAxeViolations, expectSaved, openAbout, openTool, storedTexts } from './helpers';

/** The demo board's fixed id (server/src/seed.rs). */
const DEMO_BOARD = '64756b00-0000-4000-8000-000000000001';

/** The card element (the list item) with this text. */
const card = (page: Page, text: string) => page.locator('[data-card]', { hasText: text });

/** The centre of an element on the screen. */
async function centre(page: Page, selector: ReturnType<Page['locator']>) {
  const box = await selector.boundingBox();
  if (!box) throw new Error('element is not on the screen');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

test.describe('tablet, by touch', () => {
  test.beforeEach(({}, info) => test.skip(info.project.name !== 'tablet', 'touch on the tablet'));

  test('a card dragged by touch from Dagens situasjon to Det vi skal gjøre nå stays after reload', async ({ page, request }) => {
    const id = await createBoard(request);
    await addCards(request, id, cell('okonomi', 'dagens-situasjon'), ['Gjeld hos inkasso']);
    await page.goto(`/boards/${id}`);
    const source = card(page, 'Gjeld hos inkasso');
    // Mid-screen, so the cell below it is on the screen too, whatever sits above the grid.
    await source.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    const target = page.getByRole('group', { name: 'Økonomi, Det vi skal gjøre nå' });
    const from = await centre(page, source.getByRole('button', { name: /^Endre kortet/ }));
    const to = await centre(page, target);

    // A real touch sequence through the browser's input pipeline: press, hold, move, lift.
    const cdp = await page.context().newCDPSession(page);
    const touch = (type: string, x = 0, y = 0) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
    await touch('touchStart', from.x, from.y);
    // The finger rests on the card until the press lifts it (250 ms in app/src/dnd/pointer.rs).
    await expect(page.locator('.card-ghost')).toHaveCount(1);
    for (let i = 1; i <= 10; i++) {
      await touch('touchMove', from.x + ((to.x - from.x) * i) / 10, from.y + ((to.y - from.y) * i) / 10);
    }
    await expect(target).toHaveClass(/drop-target/);
    await touch('touchEnd');
    await expect(page.locator('.card-ghost')).toHaveCount(0);
    await expect(target.getByText('Gjeld hos inkasso')).toBeVisible();
    await expectSaved(page);

    await page.reload();
    await expect(page.getByRole('group', { name: 'Økonomi, Det vi skal gjøre nå' }).getByText('Gjeld hos inkasso')).toBeVisible();
    expect(await storedTexts(request, id, cell('okonomi', 'na'))).toEqual(['Gjeld hos inkasso']);
  });

  test('a finger swipe over a card scrolls the board and moves nothing', async ({ page, request }) => {
    const id = await createBoard(request);
    await addCards(request, id, cell('bosituasjon', 'dagens-situasjon'), ['Bor hos mamma']);
    await page.goto(`/boards/${id}`);
    const source = card(page, 'Bor hos mamma');
    await source.scrollIntoViewIfNeeded();
    const from = await centre(page, source.getByRole('button', { name: /^Endre kortet/ }));
    const before = await page.evaluate(() => window.scrollY);

    const cdp = await page.context().newCDPSession(page);
    const touch = (type: string, x = 0, y = 0) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
    await touch('touchStart', from.x, from.y);
    for (let i = 1; i <= 12; i++) {
      await touch('touchMove', from.x, from.y - i * 25);
    }
    await touch('touchEnd');

    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(before + 100);
    await expect(page.locator('.card-ghost')).toHaveCount(0);
    const board = await (await request.get(`/api/boards/${id}`)).json();
    expect(board.version).toBe(1);
    expect(await storedTexts(request, id, cell('bosituasjon', 'dagens-situasjon'))).toEqual(['Bor hos mamma']);
  });
});

test.describe('desktop, by mouse and keyboard', () => {
  test.beforeEach(({}, info) => test.skip(info.project.name !== 'desktop', 'mouse and keyboard on the desktop'));

  test('a card is dragged with the mouse to another cell, and reordered within one', async ({ page, request }) => {
    const id = await createBoard(request);
    await addCards(request, id, cell('jobb', 'na'), ['Første', 'Andre', 'Tredje']);
    await page.goto(`/boards/${id}`);
    // The row on the screen, whatever sits above the grid.
    await page.getByRole('group', { name: /^Jobb, På lang sikt/ }).scrollIntoViewIfNeeded();

    // Reorder: "Tredje" onto the top half of "Første".
    const from = await centre(page, card(page, 'Tredje'));
    const first = await card(page, 'Første').boundingBox();
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x, from.y - 10, { steps: 3 });
    await page.mouse.move(first!.x + first!.width / 2, first!.y + 4, { steps: 10 });
    await expect(card(page, 'Første')).toHaveClass(/drop-before/);
    await page.mouse.up();
    await expectSaved(page);
    expect(await storedTexts(request, id, cell('jobb', 'na'))).toEqual(['Tredje', 'Første', 'Andre']);

    // Move: "Andre" to Jobb, På lang sikt.
    const target = page.getByRole('group', { name: /^Jobb, På lang sikt/ });
    const a = await centre(page, card(page, 'Andre'));
    const t = await centre(page, target);
    await page.mouse.move(a.x, a.y);
    await page.mouse.down();
    await page.mouse.move(t.x, t.y, { steps: 12 });
    await page.mouse.up();
    await expect(target.getByText('Andre')).toBeVisible();
    await expectSaved(page);
    expect(await storedTexts(request, id, cell('jobb', 'lang-sikt'))).toEqual(['Andre']);

    // A drop outside the plan puts the card back.
    const b = await centre(page, card(page, 'Første'));
    await page.mouse.move(b.x, b.y);
    await page.mouse.down();
    await page.mouse.move(5, 5, { steps: 8 });
    await page.mouse.up();
    await expect(page.getByRole('status').filter({ hasText: 'Sluppet utenfor planen' })).toHaveCount(1);
    expect(await storedTexts(request, id, cell('jobb', 'na'))).toEqual(['Tredje', 'Første']);

    // A plain click on the text still edits.
    await card(page, 'Første').getByRole('button', { name: 'Endre kortet: Første' }).click();
    await expect(page.getByRole('textbox', { name: 'Tekst på kortet' })).toBeFocused();
  });

  test('a card is moved with the keyboard alone, and every step is announced', async ({ page, request }) => {
    const id = await createBoard(request);
    await addCards(request, id, cell('okonomi', 'dagens-situasjon'), ['Søke bostøtte']);
    await addCards(request, id, cell('okonomi', 'na'), ['Møte gjeldsrådgiver', 'Lage budsjett']);
    await page.goto(`/boards/${id}`);
    const live = page.locator('[aria-live="polite"][role="status"]').first();
    const handle = page.getByRole('button', { name: 'Flytt kortet: Søke bostøtte' });
    await handle.focus();

    await page.keyboard.press('Space');
    await expect(live).toContainText('Kort løftet: Søke bostøtte.');
    await page.keyboard.press('ArrowRight');
    await expect(live).toHaveText('Økonomi, Det vi skal gjøre nå, plass 1 av 3');
    await page.keyboard.press('ArrowDown');
    await expect(live).toHaveText('Økonomi, Det vi skal gjøre nå, plass 2 av 3');
    await page.keyboard.press('Enter');
    await expect(live).toHaveText('Flyttet til Økonomi, Det vi skal gjøre nå, plass 2 av 3.');
    await expectSaved(page);
    expect(await storedTexts(request, id, cell('okonomi', 'na'))).toEqual(['Møte gjeldsrådgiver', 'Søke bostøtte', 'Lage budsjett']);
    // The focus stays on the moved card.
    await expect(page.getByRole('button', { name: 'Flytt kortet: Søke bostøtte' })).toBeFocused();

    // Escape puts a lifted card back.
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Escape');
    await expect(live).toHaveText('Flytting avbrutt. Kortet ligger fortsatt i Økonomi, Det vi skal gjøre nå, plass 2 av 3.');
    expect(await storedTexts(request, id, cell('okonomi', 'na'))).toEqual(['Møte gjeldsrådgiver', 'Søke bostøtte', 'Lage budsjett']);
  });

  test('"Flytt til…" moves a card with single clicks', async ({ page, request }) => {
    const id = await createBoard(request);
    await addCards(request, id, cell('fritid', 'dagens-situasjon'), ['Spille fotball']);
    await addCards(request, id, { zone: { zone: 'drommer' } }, ['Reise til Lofoten']);
    await page.goto(`/boards/${id}`);
    await page.getByRole('button', { name: 'Mer om kortet: Spille fotball' }).click();
    const details = page.getByRole('dialog', { name: 'Kortet' });
    await details.getByRole('button', { name: 'Flytt til …' }).click();
    const dialog = page.getByRole('dialog', { name: 'Flytt kortet' });
    await dialog.getByRole('radio', { name: 'Det jeg drømmer om' }).click();
    await dialog.getByRole('radio', { name: 'Øverst' }).click();
    await dialog.getByRole('button', { name: 'Flytt hit' }).click();
    await expect(dialog).toBeHidden();
    await expectSaved(page);
    expect(await storedTexts(request, id, { zone: { zone: 'drommer' } })).toEqual(['Spille fotball', 'Reise til Lofoten']);

    await page.getByRole('button', { name: 'Mer om kortet: Spille fotball' }).click();
    await page.getByRole('dialog', { name: 'Kortet' }).getByRole('button', { name: 'Flytt til …' }).click();
    await dialog.getByRole('radio', { name: 'Skole & utdanning' }).click();
    await dialog.getByRole('radio', { name: 'På kort sikt' }).click();
    await dialog.getByRole('button', { name: 'Flytt hit' }).click();
    await expectSaved(page);
    expect(await storedTexts(request, id, cell('skole-utdanning', 'kort-sikt'))).toEqual(['Spille fotball']);
  });
});

test.describe('phone', () => {
  test.beforeEach(({}, info) => test.skip(info.project.name !== 'phone', 'the phone layout'));

  test('the board is a list by theme where cards are added, edited and moved', async ({ page, request }) => {
    const id = await createBoard(request);
    await page.goto(`/boards/${id}`);
    // One column: the cells of a theme follow each other down the page.
    const a = await page.getByRole('group', { name: 'Jobb, Dagens situasjon' }).boundingBox();
    const b = await page.getByRole('group', { name: 'Jobb, Det vi skal gjøre nå' }).boundingBox();
    expect(b!.y).toBeGreaterThan(a!.y + a!.height - 1);
    expect(Math.abs(b!.x - a!.x)).toBeLessThan(2);

    const cellNow = page.getByRole('group', { name: 'Jobb, Det vi skal gjøre nå' });
    await cellNow.getByRole('button', { name: 'Legg til kort i Jobb, Det vi skal gjøre nå' }).tap();
    await cellNow.getByRole('textbox', { name: 'Tekst på kortet' }).fill('Søke jobb i barnehage');
    await cellNow.getByRole('button', { name: 'Lagre' }).tap();
    await cellNow.getByRole('button', { name: 'Avbryt' }).tap();

    await cellNow.getByRole('button', { name: 'Endre kortet: Søke jobb i barnehage' }).tap();
    await cellNow.getByRole('textbox', { name: 'Tekst på kortet' }).fill('Søke jobb i to barnehager');
    await cellNow.getByRole('button', { name: 'Lagre' }).tap();
    await expect(cellNow.getByRole('button', { name: 'Endre kortet: Søke jobb i to barnehager' })).toBeVisible();

    await page.getByRole('button', { name: 'Mer om kortet: Søke jobb i to barnehager' }).tap();
    await page.getByRole('dialog', { name: 'Kortet' }).getByRole('button', { name: 'Flytt til …' }).tap();
    const dialog = page.getByRole('dialog', { name: 'Flytt kortet' });
    await dialog.getByRole('radio', { name: 'På kort sikt' }).tap();
    await dialog.getByRole('button', { name: 'Flytt hit' }).tap();
    await expectSaved(page);
    expect(await storedTexts(request, id, cell('jobb', 'kort-sikt'))).toEqual(['Søke jobb i to barnehager']);
    await page.reload();
    await expect(page.getByRole('group', { name: /^Jobb, På kort sikt/ }).getByText('Søke jobb i to barnehager')).toBeVisible();
  });
});

test('card details: responsible, frist, status and note; delete asks once and can be undone', async ({ page, request }) => {
  const id = await createBoard(request, 'Kari Testesen');
  await addCards(request, id, cell('okonomi', 'na'), ['Søke bostøtte']);
  await page.goto(`/boards/${id}`);
  await page.getByRole('button', { name: 'Mer om kortet: Søke bostøtte' }).click();
  const dialog = page.getByRole('dialog', { name: 'Kortet' });
  await dialog.getByRole('combobox', { name: 'Ansvarlig' }).selectOption({ label: 'Kari Testesen (innbyggeren)' });
  await dialog.getByLabel('Frist').fill('2020-01-15');
  await dialog.getByRole('radio', { name: 'Forslag – tenk over' }).check();
  await dialog.getByRole('textbox', { name: 'Notat' }).fill('Husk lønnsslipper');
  await dialog.getByRole('button', { name: 'Lagre' }).click();
  await expect(dialog).toBeHidden();
  const c = card(page, 'Søke bostøtte');
  await expect(c).toContainText('Kari Testesen');
  await expect(c).toContainText('Fristen har gått ut');
  await expect(c).toContainText('Forslag – tenk over');
  await expectSaved(page);

  await page.getByRole('button', { name: 'Mer om kortet: Søke bostøtte' }).click();
  await dialog.getByRole('button', { name: 'Slett kortet' }).click();
  await dialog.getByRole('button', { name: 'Ja, slett' }).click();
  await expect(c).toHaveCount(0);
  await expect(page.getByText('Kortet «Søke bostøtte» er slettet.')).toBeVisible();
  await page.getByRole('button', { name: 'Angre', exact: true }).click();
  await expect(card(page, 'Søke bostøtte')).toBeVisible();
  await expectSaved(page);
  const board = await (await request.get(`/api/boards/${id}`)).json();
  const saved = board.cards[0];
  expect(saved.deleted).toBe(false);
  expect(saved.responsible).toBe('citizen');
  expect(saved.due).toBe('2020-01-15');
  expect(saved.status).toBe('proposed');
  expect(saved.note).toBe('Husk lønnsslipper');
});

test('text that looks like HTML is shown as text', async ({ page, request }) => {
  const id = await createBoard(request);
  await addCards(request, id, cell('jobb', 'na'), ['<img src=x onerror="window.pwned=1">']);
  await page.goto(`/boards/${id}`);
  await expect(page.getByText('<img src=x onerror="window.pwned=1">')).toBeVisible();
  expect(await page.evaluate(() => (window as any).pwned)).toBeUndefined();
  await expect(page.locator('[data-card] img')).toHaveCount(0);
});

test('a card text over 500 characters is stopped with the message the server gives', async ({ page, request }) => {
  const id = await createBoard(request);
  await page.goto(`/boards/${id}`);
  const c = page.getByRole('group', { name: 'Jobb, Dagens situasjon' });
  await c.getByRole('button', { name: 'Legg til kort i Jobb, Dagens situasjon' }).click();
  await c.getByRole('textbox', { name: 'Tekst på kortet' }).fill('x'.repeat(501));
  await c.getByRole('button', { name: 'Lagre' }).click();
  const server = await request.post(`/api/boards/${id}/ops`, {
    data: {
      client_op_id: crypto.randomUUID(),
      base_version: 0,
      op: { create_card: { card_id: crypto.randomUUID(), placement: cell('jobb', 'na'), order: 'a0', text: 'x'.repeat(501) } },
    },
  });
  expect(server.status()).toBe(422);
  await expect(c.getByRole('alert')).toHaveText((await server.json()).message);
  const board = await (await request.get(`/api/boards/${id}`)).json();
  expect(board.version).toBe(0);
});

test('team, rows, stage and header are edited on the board', async ({ page, request }) => {
  const id = await createBoard(request, 'Ola Hansen');
  await page.goto(`/boards/${id}`);
  // Team
  // The one who made the board leads it.
  await openTool(page, 'Teamet (1)');
  const team = page.locator('.team-panel');
  await expect(team).toContainText('Ola Nordmann');
  await team.getByRole('textbox', { name: 'Navn', exact: true }).fill('Siri Berg');
  await team.getByRole('textbox', { name: 'Tjeneste' }).fill('NAV');
  await team.getByRole('textbox', { name: 'Telefon' }).fill('12');
  await team.getByRole('button', { name: 'Legg til i teamet' }).click();
  await expect(team.getByRole('alert')).toContainText('Telefonnummeret ser ikke riktig ut');
  await team.getByRole('textbox', { name: 'Telefon' }).fill('913 34 567');
  await team.getByRole('button', { name: 'Legg til i teamet' }).click();
  await expect(team.getByRole('link', { name: '+4791334567' })).toHaveAttribute('href', 'tel:+4791334567');
  // Rows
  await openTool(page, 'Rader');
  await page.getByRole('textbox', { name: 'Navn på ny rad' }).fill('Familie');
  await page.getByRole('button', { name: 'Legg til rad' }).click();
  await expect(page.getByRole('heading', { level: 3, name: 'Familie' })).toBeVisible();
  await page.getByRole('button', { name: 'Skjul Rus' }).click();
  await expect(page.getByRole('heading', { level: 3, name: 'Rus' })).toHaveCount(0);
  // Header and stage
  await openAbout(page);
  await page.getByRole('button', { name: 'Endre planens topp' }).click();
  const dialog = page.getByRole('dialog', { name: 'Endre planens topp' });
  await dialog.getByRole('radio', { name: 'Stabil' }).check();
  await dialog.getByLabel('På kort sikt innen').fill('2027-06-01');
  await dialog.getByLabel('På lang sikt innen').fill('2027-01-01');
  await dialog.getByRole('button', { name: 'Lagre' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Datoen for kort sikt må komme før datoen for lang sikt.');
  await dialog.getByLabel('På lang sikt innen').fill('2029-01-01');
  await dialog.getByRole('button', { name: 'Lagre' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.board-header')).toContainText('Stabil (Steg 3 av 4)');
  // The grid's columns say "innen", as the paper and the header do.
  await expect(page.locator('.duk-colhead').nth(2)).toHaveText('På kort sikt (innen 1. juni 2027)');
  await expectSaved(page);

  await page.reload();
  await expect(page.locator('.board-header')).toContainText('Stabil (Steg 3 av 4)');
  await expect(page.getByRole('heading', { level: 3, name: 'Familie' })).toBeVisible();
  const board = await (await request.get(`/api/boards/${id}`)).json();
  expect(board.members[0]).toMatchObject({ name: 'Ola Nordmann', lead: true });
  expect(board.members[1].phone).toBe('+4791334567');
  expect(board.stage).toBe('stable');
});

test('focus, filters, wall view and text size', async ({ page }) => {
  await page.goto(`/boards/${DEMO_BOARD}`);
  await openTool(page, 'Visning og filtre');
  await page.getByRole('checkbox', { name: 'Skjul utførte' }).check();
  await expect(page.getByText('Samtale med fastlegen om søvn')).toBeHidden();
  await expect(page.getByRole('region', { name: 'Visning og filtre (filter på)' })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Skjul utførte' }).uncheck();
  await expect(page.getByText('Samtale med fastlegen om søvn')).toBeVisible();
  await page.getByRole('combobox', { name: 'Tema' }).selectOption({ label: 'Økonomi' });
  await expect(page.getByRole('heading', { level: 3 })).toHaveText(['Økonomi']);
  await page.getByRole('combobox', { name: 'Tema' }).selectOption({ label: 'Alle temaer' });
  await page.getByRole('checkbox', { name: 'Med frist' }).check();
  await expect(page.getByText('Har ikke vært i jobb på to år')).toBeHidden();
  await expect(page.getByText('Søke bostøtte')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Med frist' }).uncheck();
  await page.getByRole('button', { name: 'Veggvisning' }).click();
  await expect(page.getByRole('button', { name: /^Legg til kort/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Flytt kortet/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Avslutt veggvisning' }).click();
  await page.getByRole('button', { name: 'Større tekst' }).click();
  await expect(page.getByText('115 %')).toBeVisible();
});

test('the board with open dialogs has no accessibility violations', async ({ page, request }) => {
  const id = await createBoard(request);
  await addCards(request, id, cell('okonomi', 'na'), ['Søke bostøtte']);
  await page.goto(`/boards/${id}`);
  await expect(card(page, 'Søke bostøtte')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Mer om kortet: Søke bostøtte' }).click();
  await expectNoAxeViolations(page);
  await page.getByRole('dialog', { name: 'Kortet' }).getByRole('button', { name: 'Flytt til …' }).click();
  await expect(page.getByRole('dialog', { name: 'Flytt kortet' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test.describe('tablet layout', () => {
  test.beforeEach(({}, info) => test.skip(info.project.name !== 'tablet', 'the tablet sizes'));

  for (const [w, h] of [[820, 1180], [1180, 820]]) {
    test(`at ${w}×${h} the whole grid is there, every target at least 44 px, no sideways scroll`, async ({ page }) => {
      await page.setViewportSize({ width: w, height: h });
      await page.goto(`/boards/${DEMO_BOARD}`);
      await expect(page.locator('.duk-cell')).toHaveCount(36);
      const small = await page.evaluate(() =>
        [...document.querySelectorAll('.duk button, .zone button, .board-header button')]
          .map((b) => b.getBoundingClientRect())
          .filter((r) => r.width > 0 && (r.width < 44 || r.height < 44)).length,
      );
      expect(small).toBe(0);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }
});

test('the board with each tool open and in wall view has no accessibility violations', async ({ page }) => {
  await page.goto(`/boards/${DEMO_BOARD}`);
  await openTool(page, 'Teamet (3)');
  await expect(page.getByRole('link', { name: '+4791234567' })).toBeVisible();
  await expectNoAxeViolations(page);
  for (const tool of [/^Møter \(/, 'Rader', 'Tilgang', 'Visning og filtre']) {
    await openTool(page, tool);
    await expectNoAxeViolations(page);
  }
  // One tool at a time: the team's panel went when the next one opened.
  await expect(page.getByRole('link', { name: '+4791234567' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Veggvisning' }).click();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Avslutt veggvisning' }).click();
  await openAbout(page);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Endre planens topp' }).click();
  await expectNoAxeViolations(page);
});

test('printing lays the duk out as on the paper, or as a list', async ({ page }) => {
  test.skip(test.info().project.name !== 'desktop', 'one print check is enough');
  await page.goto(`/boards/${DEMO_BOARD}`);
  await expect(page.locator('[data-card]').first()).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  // The plan's facts are on the sheet although "Om planen" is folded on the screen.
  await expect(page.locator('.board-facts')).toBeVisible();
  await expect(page.locator('.board-facts')).toContainText('På lang sikt innen');
  // Controls are not printed; the grid keeps its columns.
  await expect(page.locator('.board-toolbar')).toBeHidden();
  await expect(page.locator('.card-actions').first()).toBeHidden();
  await expect(page.getByRole('button', { name: /^Legg til kort/ }).first()).toBeHidden();
  const columns = await page.locator('.duk-row').first().evaluate((el) => getComputedStyle(el).gridTemplateColumns.split(' ').length);
  expect(columns).toBe(5);
  // The list version: one column, each cell under its own heading.
  await page.evaluate(() => document.body.classList.add('print-list'));
  expect(await page.locator('.duk-row').first().evaluate((el) => getComputedStyle(el).display)).toBe('block');
  await expect(page.locator('.duk-cellhead').first()).toBeVisible();
});

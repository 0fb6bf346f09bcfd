import { expect, Page, test } from '@playwright/test';
import { openTool } from './helpers';

// The duk owns the screen (issue 17): in a meeting the sheet is the thing on the table, and
// the tools wait behind one row of buttons. Measured on the demo board as people open it,
// at the top of the page, without scrolling.

const DEMO_BOARD = '64756b00-0000-4000-8000-000000000001';

async function openDemo(page: Page) {
  await page.goto(`/boards/${DEMO_BOARD}`);
  await expect(page.locator('.duk-row').first().locator('[data-card]').first()).toBeVisible();
  // Everything above the duk is drawn: the live connection's state and the save line.
  await expect(page.getByText('Alle endringer er lagret')).toBeVisible();
}

/** Where an element's box ends, in CSS pixels from the top of the page. */
async function bottomOf(page: Page, selector: string): Promise<number> {
  return page.locator(selector).first().evaluate((el) => el.getBoundingClientRect().bottom + window.scrollY);
}

test('on a tablet the first theme row\'s first card is in the first screen', async ({ page }) => {
  test.skip(test.info().project.name !== 'tablet', 'the tablet size');
  await openDemo(page);
  const viewport = page.viewportSize()!;
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  expect(await bottomOf(page, '.duk-row [data-card]')).toBeLessThanOrEqual(viewport.height);
  // The tools are one row of buttons, not a stack of panels above the board.
  const toolbar = await page.locator('.board-toolbar').boundingBox();
  expect(toolbar!.height).toBeLessThanOrEqual(60);
  await expect(page.locator('.tool-buttons').getByRole('button')).toHaveCount(5);
});

test('on a phone the zones start in the first screen and the tools are in a menu', async ({ page }) => {
  test.skip(test.info().project.name !== 'phone', 'the phone size');
  await openDemo(page);
  const viewport = page.viewportSize()!;
  const zoneTop = await page.locator('.zone').first().evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
  // The zone's heading and its first card, not only its border.
  expect(zoneTop + 120).toBeLessThanOrEqual(viewport.height);
  // The duk is the list by theme, strengths and dreams first.
  await expect(page.locator('.board-layout > *').first()).toHaveClass(/zone-god-pa/);
  expect(await page.locator('.duk-colheads').evaluate((el) => getComputedStyle(el).display)).toBe('none');
  // "Verktøy" holds the tools; choosing one folds the menu and opens its panel.
  const menu = page.getByRole('button', { name: 'Verktøy', exact: true });
  await expect(page.locator('.tool-buttons')).toBeHidden();
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await page.getByRole('button', { name: 'Teamet (3)' }).click();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('region', { name: 'Teamet (3)' })).toContainText('Siri Hansen');
});

test('on a desktop "Hopp til duken" is the first skip link, and one Tab on is a card', async ({ page }) => {
  test.skip(test.info().project.name !== 'desktop', 'keyboard on a desktop');
  await openDemo(page);
  // The grid starts in the first screen, before anything is scrolled.
  expect(await page.locator('.duk').evaluate((el) => el.getBoundingClientRect().top + window.scrollY)).toBeLessThan(
    page.viewportSize()!.height,
  );
  // A mark on a drawn node: the skip link must not draw the page anew.
  await page.locator('.duk').evaluate((el) => ((el as HTMLElement).dataset.mark = 'still-here'));
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Hopp til duken' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#duk')).toBeFocused();
  await expect(page.locator('.duk[data-mark="still-here"]')).toHaveCount(1);
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => {
    const el = document.activeElement;
    return { card: !!el?.closest('[data-card]'), text: el?.textContent ?? '' };
  });
  expect(focused.card, `focus is on «${focused.text}»`).toBe(true);
});

test('a tool opens under the toolbar, one at a time, and Escape gives focus back to its button', async ({ page }) => {
  test.skip(test.info().project.name === 'phone', 'the menu on a phone is tried above');
  await openDemo(page);
  await openTool(page, 'Visning og filtre');
  const view = page.getByRole('region', { name: 'Visning og filtre' });
  await expect(view.getByRole('checkbox', { name: 'Skjul utførte' })).toBeVisible();
  await openTool(page, 'Teamet (3)');
  await expect(view).toHaveCount(0);
  const team = page.getByRole('region', { name: 'Teamet (3)' });
  await team.getByRole('textbox', { name: 'Navn', exact: true }).focus();
  await page.keyboard.press('Escape');
  await expect(team).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Teamet (3)' })).toBeFocused();
  await expect(page.getByRole('button', { name: 'Teamet (3)' })).toHaveAttribute('aria-expanded', 'false');
});

test('on a phone a tool chosen from "Verktøy" takes focus, and Escape gives it back to "Verktøy"', async ({ page }) => {
  test.skip(test.info().project.name !== 'phone', 'the phone size');
  await openDemo(page);
  const menu = page.getByRole('button', { name: 'Verktøy', exact: true });
  await menu.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Teamet (3)' }).focus();
  await page.keyboard.press('Enter');
  const team = page.getByRole('region', { name: 'Teamet (3)' });
  await expect(team).toBeFocused();
  await expect(team).toContainText('Siri Hansen');
  await page.keyboard.press('Escape');
  await expect(team).toHaveCount(0);
  await expect(menu).toBeFocused();
});

test('the site header on a phone is one line: logo, the page\'s name and "Meny"', async ({ page }) => {
  test.skip(test.info().project.name !== 'phone', 'the phone size');
  await openDemo(page);
  const header = page.locator('.site-header');
  expect((await header.boundingBox())!.height).toBeLessThanOrEqual(56);
  await expect(header.locator('.header-page')).toHaveText('Planen');
  const menu = page.getByRole('button', { name: 'Meny' });
  await expect(page.getByRole('button', { name: 'Logg ut' })).toBeHidden();
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('button', { name: 'Logg ut' })).toBeVisible();
  await page.getByRole('button', { name: 'Logg ut' }).focus();
  await page.keyboard.press('Escape');
  await expect(menu).toBeFocused();
  await expect(page.getByRole('button', { name: 'Logg ut' })).toBeHidden();
  // A link in the menu goes there and folds the menu.
  await menu.click();
  await page.getByRole('link', { name: 'Mine oppgaver' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mine oppgaver' })).toBeVisible();
  await expect(header.locator('.header-page')).toHaveText('Mine oppgaver');
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  // The language is switched in the menu, which stays open with focus where it was.
  await menu.click();
  const english = page.getByRole('button', { name: 'Change the language to English' });
  await english.focus();
  await page.keyboard.press('Enter');
  await expect(header.locator('.header-page')).toHaveText('My tasks');
  await expect(page.getByRole('button', { name: 'Bytt språk til norsk' })).toBeFocused();
  await page.getByRole('button', { name: 'Bytt språk til norsk' }).click();
});

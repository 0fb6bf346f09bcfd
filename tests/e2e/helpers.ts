import { APIRequestContext, Browser, BrowserContext, expect, Page, request } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Creates a fresh board through the API, so tests never share state. */
export async function createBoard(request: APIRequestContext, citizen = 'Test Testesen'): Promise<string> {
  const res = await request.post('/api/boards', { data: { citizen_name: citizen } });
  expect(res.status()).toBe(201);
  const board = await res.json();
  return board.id as string;
}

/**
 * Opens a tool of the board's toolbar ("Teamet (3)", "Rader", "Visning og filtre" …) as a
 * user would: on a phone through "Verktøy" first. Does nothing if it is open already.
 */
export async function openTool(page: Page, name: string | RegExp) {
  await expect(page.locator('.board-toolbar')).toBeVisible();
  const menu = page.getByRole('button', { name: 'Verktøy', exact: true });
  const button = page.locator('.tool-buttons').getByRole('button', { name, includeHidden: true });
  if ((await button.getAttribute('aria-expanded')) === 'true') return;
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  await button.click();
  // On a phone the menu folds away again once a tool is chosen; its panel is labelled by
  // the tool's button.
  await expect(page.getByRole('region', { name })).toBeVisible();
  await expect(page.locator('.tool-panel .chunk-loading')).toHaveCount(0);
}

/** On a phone the site header is one line: its links and buttons are behind "Meny". */
export async function openHeaderMenu(page: Page) {
  const menu = page.locator('#menu-button');
  // The header is drawn by the app: wait for it before asking whether "Meny" shows.
  await menu.waitFor({ state: 'attached' });
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') {
    await menu.click();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
  }
}

/** Unfolds "Om planen" in the board's header: the horizons, consent, "Endre planens topp". */
export async function openAbout(page: Page) {
  const about = page.locator('.board-about');
  if (!(await about.evaluate((d: HTMLDetailsElement) => d.open))) await about.locator('summary').click();
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page and expects no violations. */
export async function expectNoAxeViolations(page: Page) {
  // Evaluated through the DevTools protocol: the page's Content-Security-Policy (no inline
  // scripts) stays on, as users have it.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n: any) => n.target.join(' ')),
    }));
  });
  expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
}

/** Fails if the page scrolls sideways. */
export async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** Adds cards to one cell through the API, in the order given; returns their ids. */
export async function addCards(
  request: APIRequestContext,
  board: string,
  placement: object,
  texts: string[],
): Promise<string[]> {
  const ids: string[] = [];
  let version = (await (await request.get(`/api/boards/${board}`)).json()).version as number;
  for (const [i, text] of texts.entries()) {
    const card_id = crypto.randomUUID();
    const res = await request.post(`/api/boards/${board}/ops`, {
      data: {
        client_op_id: crypto.randomUUID(),
        base_version: version,
        op: { create_card: { card_id, placement, order: `a${i}`, text } },
      },
    });
    expect(res.status(), await res.text()).toBe(200);
    version = (await res.json()).version;
    ids.push(card_id);
  }
  return ids;
}

/** A cell of the grid as the API names it. */
export const cell = (theme: string, column: string) => ({ cell: { theme, column } });

/** The texts of the cards in a cell or zone, top to bottom, as the server has them. */
export async function storedTexts(request: APIRequestContext, board: string, placement: object): Promise<string[]> {
  const b = await (await request.get(`/api/boards/${board}`)).json();
  const key = JSON.stringify(placement);
  return b.cards
    .filter((c: any) => !c.deleted && JSON.stringify(c.placement) === key)
    .sort((a: any, b: any) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : 1))
    .map((c: any) => c.text);
}

/** Waits until every change the page made has been saved by the server. */
export async function expectSaved(page: Page) {
  await expect(page.getByText('Alle endringer er lagret')).toBeVisible();
}

/** The demo administrator, who makes staff accounts for tests that need their own. */
const ADMIN = { email: 'admin@duk.test', password: 'duk-demo-passord' };

/**
 * A new caseworker with their own account, signed in: tests that change a profile or an
 * absence must not change the demo accounts other tests use at the same time.
 */
export async function newStaff(baseURL: string, name: string, office: string): Promise<{ request: APIRequestContext; id: string }> {
  const admin = await request.newContext({ baseURL });
  expect((await admin.post('/api/auth/login', { data: ADMIN })).status()).toBe(200);
  const email = `${crypto.randomUUID().slice(0, 8)}@duk.test`;
  const created = await admin.post('/api/admin/accounts', { data: { name, email, office, role: 'caseworker' } });
  expect(created.status(), await created.text()).toBe(201);
  const { account, temporary_password } = await created.json();
  await admin.dispose();
  const ctx = await request.newContext({ baseURL });
  expect((await ctx.post('/api/auth/login', { data: { email, password: temporary_password } })).status()).toBe(200);
  const password = 'et langt nytt passord for testen';
  const changed = await ctx.post('/api/auth/password', { data: { current: temporary_password, new: password } });
  expect(changed.status(), await changed.text()).toBe(200);
  return { request: ctx, id: account.id };
}

/** Invites the citizen of `board` and signs them in on `page` (nobody else signed in there). */
export async function inviteAndRedeem(inviter: APIRequestContext, page: Page, board: string, name: string) {
  const res = await inviter.post(`/api/boards/${board}/invitations`, { data: { role: 'citizen', name } });
  expect(res.status(), await res.text()).toBe(201);
  const { link, code } = await res.json();
  await page.context().clearCookies();
  const redeemed = await page.context().request.post('/api/invitations/redeem', {
    data: { token: link.split('#')[1], code },
  });
  expect(redeemed.status(), await redeemed.text()).toBe(200);
}

/** Changes a card's fields through the API (responsible, due…). */
export async function setCard(req: APIRequestContext, board: string, card: string, fields: object) {
  const version = (await (await req.get(`/api/boards/${board}`)).json()).version;
  const res = await req.post(`/api/boards/${board}/ops`, {
    data: { client_op_id: crypto.randomUUID(), base_version: version, op: { edit_card: { card_id: card, ...fields } } },
  });
  expect(res.status(), await res.text()).toBe(200);
}

/** Today in Norway, `YYYY-MM-DD`. */
export function osloToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date());
}

/** The date `n` days after `iso`. */
export function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Easter Sunday (Gauss's algorithm, written independently of the app's). */
function easter(year: number): string {
  const a = year % 19, b = year % 4, c = year % 7;
  const k = Math.floor(year / 100), p = Math.floor((13 + 8 * k) / 25), q = Math.floor(k / 4);
  const m = (15 - p + k - q) % 30, n = (4 + k - q) % 7;
  const d = (19 * a + m) % 30, e = (2 * b + 4 * c + 6 * d + n) % 7;
  let day = 22 + d + e; // in March
  if (d === 29 && e === 6) day = 50;
  if (d === 28 && e === 6 && (11 * m + 11) % 30 < 19) day = 49;
  return addDays(`${year}-03-01`, day - 1);
}

/** The `n`th Norwegian working day after `iso`. */
export function workingDaysAfter(iso: string, n: number): string {
  let day = iso;
  while (n > 0) {
    day = addDays(day, 1);
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    const e = easter(Number(day.slice(0, 4)));
    const holidays = ['01-01', '05-01', '05-17', '12-25', '12-26'].map((md) => `${day.slice(0, 4)}-${md}`)
      .concat([-3, -2, 1, 39, 50].map((off) => addDays(e, off)));
    if (weekday !== 0 && weekday !== 6 && !holidays.includes(day)) n -= 1;
  }
  return day;
}

/** "4. desember 2026", as the app writes a date. */
export function longDate(iso: string): string {
  return new Date(`${iso}T12:00:00Z`).toLocaleDateString('nb-NO', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** "fredag 4. desember 2026", as the app writes a day. */
export function weekdayDate(iso: string): string {
  return new Date(`${iso}T12:00:00Z`).toLocaleDateString('nb-NO', {
    weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC',
  });
}

/** A phone of someone else's (360×740, touch), with nobody signed in yet. */
export async function phoneContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    storageState: { cookies: [], origins: [] },
    locale: 'nb-NO',
    timezoneId: 'Europe/Oslo',
    viewport: { width: 360, height: 740 },
    hasTouch: true,
    isMobile: true,
  });
}

/** Siri Hansen, signed in on a phone of her own. */
export async function siriOnPhone(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const ctx = await phoneContext(browser, baseURL);
  const res = await ctx.request.post('/api/auth/login', { data: { email: 'siri@duk.test', password: 'duk-demo-passord' } });
  expect(res.status()).toBe(200);
  return ctx;
}

/** Adds Siri to the board's team through the API. */
export async function addSiri(request: APIRequestContext, board: string) {
  const staff = await (await request.get('/api/staff?q=siri')).json();
  const siri = staff.find((s: any) => s.email === 'siri@duk.test');
  const b = await (await request.get(`/api/boards/${board}`)).json();
  const res = await request.post(`/api/boards/${board}/ops`, {
    data: {
      client_op_id: crypto.randomUUID(),
      base_version: b.version,
      op: { add_member: { member_id: crypto.randomUUID(), member: { name: 'Siri Hansen', account: siri.id } } },
    },
  });
  expect(res.status(), await res.text()).toBe(200);
}

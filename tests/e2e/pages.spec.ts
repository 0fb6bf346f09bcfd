import { APIRequestContext, Browser, expect, Page, test } from '@playwright/test';
import {
  addCards,
  addDays,
  cell,
  createBoard,
  expectNoAxeViolations,
  inviteAndRedeem,
  osloToday,
  setCard,
} from './helpers';

// Every page of Duk, drawn with the longest words people write (a 40-character unbroken
// word in the plan's name, a card, a person's name and a meeting place): axe clean
// (WCAG 2.1 A/AA and best practice) at the project's size, and on a phone no sideways
// scrolling even at 320 px.

const LONG = 'Arbeidsavklaringspengeutbetalingsperiode'; // 40 characters
const ADMIN = { email: 'admin@duk.test', password: 'duk-demo-passord' };

async function op(req: APIRequestContext, board: string, body: object): Promise<number> {
  const res = await req.post(`/api/boards/${board}/ops`, {
    data: { client_op_id: crypto.randomUUID(), base_version: 0, op: body },
  });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()).version as number;
}

/** A board whose every text is as long as it gets, with a meeting held and one to come. */
async function longBoard(req: APIRequestContext): Promise<{ board: string; version: number }> {
  const board = await createBoard(req, `Kari ${LONG}`);
  const [card] = await addCards(req, board, cell('jobb', 'na'), [`Søke ${LONG}`]);
  await addCards(req, board, { zone: { zone: 'god-pa' } }, [LONG]);
  const b = await (await req.get(`/api/boards/${board}`)).json();
  const lead = b.members.find((m: any) => m.lead).id;
  await setCard(req, board, card, { responsible: { member: { member_id: lead } }, due: addDays(osloToday(), 5) });
  await op(req, board, {
    add_member: { member_id: crypto.randomUUID(), member: { name: `Per ${LONG}`, service: LONG, role: LONG } },
  });
  await op(req, board, {
    schedule_meeting: {
      meeting_id: crypto.randomUUID(),
      meeting: { date: addDays(osloToday(), 14), time: '10:00', place: LONG },
    },
  });
  await op(req, board, { start_meeting: {} });
  const version = await op(req, board, { end_meeting: {} });
  return { board, version };
}

/** Waits until the page has drawn its heading and nothing is loading. */
async function drawn(page: Page) {
  await expect(page.locator('main h1').first()).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

/** axe at this size; on a phone, no sideways scroll at 360 and at 320 px. */
async function check(page: Page, path: string, phone: boolean) {
  await page.goto(path);
  await drawn(page);
  await expectNoAxeViolations(page);
  if (phone) {
    for (const width of [360, 320]) {
      await page.setViewportSize({ width, height: 740 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
    }
    await page.setViewportSize({ width: 360, height: 740 });
  }
}

async function signedIn(browser: Browser, baseURL: string, who: object, phone: boolean): Promise<Page> {
  const ctx = await browser.newContext({
    baseURL,
    storageState: { cookies: [], origins: [] },
    locale: 'nb-NO',
    timezoneId: 'Europe/Oslo',
    ...(phone ? { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true } : {}),
  });
  const res = await ctx.request.post('/api/auth/login', { data: who });
  expect(res.status()).toBe(200);
  return ctx.newPage();
}

test('every staff page, with the longest words, is axe clean and does not scroll sideways', async ({
  page,
  request,
}, info) => {
  test.setTimeout(120_000);
  const phone = info.project.name === 'phone';
  const { board, version } = await longBoard(request);
  for (const path of [
    '/',
    `/boards/${board}`,
    `/boards/${board}/historikk`,
    `/boards/${board}/versjon/${version}`,
    `/boards/${board}/referat/1/1`,
    '/oppgaver',
    '/profil',
    '/konto',
    '/ingen-side-her',
  ]) {
    await check(page, path, phone);
  }
});

test('the administrator’s pages are axe clean and do not scroll sideways', async ({ browser, baseURL, request }, info) => {
  const phone = info.project.name === 'phone';
  await longBoard(request);
  const page = await signedIn(browser, baseURL!, ADMIN, phone);
  for (const path of ['/admin', '/admin/logg']) {
    await check(page, path, phone);
  }
  await page.context().close();
});

test('the citizen’s pages and the public ones are axe clean and do not scroll sideways', async ({
  browser,
  baseURL,
  request,
}, info) => {
  const phone = info.project.name === 'phone';
  const { board } = await longBoard(request);
  const ctx = await browser.newContext({
    baseURL,
    storageState: { cookies: [], origins: [] },
    locale: 'nb-NO',
    timezoneId: 'Europe/Oslo',
    ...(phone ? { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true } : {}),
  });
  const page = await ctx.newPage();
  for (const path of ['/logg-inn', '/ordliste']) {
    await check(page, path, phone);
  }
  await inviteAndRedeem(request, page, board, `Kari ${LONG}`);
  for (const path of [`/plan/${board}`, `/plan/${board}/min-plan`, `/plan/${board}/ring-meg`, '/ordliste']) {
    await check(page, path, phone);
  }
  await ctx.close();
});

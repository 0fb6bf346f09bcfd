import { expect, Page, test } from '@playwright/test';
import { addCards, cell, createBoard, expectNoAxeViolations, inviteAndRedeem, openHeaderMenu } from './helpers';

// The service worker keeps the app; the app keeps the citizen's last plan, per account.

/** Waits until the service worker keeps a file whose path contains `part` (or is `part`). */
async function kept(page: Page, part: string, exact = false) {
  await expect
    .poll(
      () =>
        page.evaluate(async ([part, exact]) => {
          for (const name of await caches.keys()) {
            const keys = await (await caches.open(name)).keys();
            const paths = keys.map((r) => new URL(r.url).pathname);
            if (paths.some((p) => (exact ? p === part : p.includes(part)))) return true;
          }
          return false;
        }, [part, exact] as const),
      { timeout: 15_000 },
    )
    .toBe(true);
}

/** The keys of what the app keeps in this browser. */
const keptKeys = (page: Page) =>
  page.evaluate(() => Object.keys(localStorage).filter((k) => k === 'duk.me' || k.startsWith('duk.plan.')));

test.use({ serviceWorkers: 'allow' });

test.describe('phone', () => {
  test.beforeEach(({}, info) => test.skip(info.project.name !== 'phone', 'the citizen is on a phone'));

  test('a citizen who opened her plan sees it offline, marked and with a working number; signing out forgets it', async ({
    page,
    request,
  }) => {
    const board = await createBoard(request, 'Frida Frakoblet');
    await addCards(request, board, cell('jobb', 'na'), ['Lage CV']);
    await inviteAndRedeem(request, page, board, 'Frida Frakoblet');
    await page.goto(`/plan/${board}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Planen din' })).toBeVisible();
    const call = page.getByRole('region', { name: 'Min kontaktperson' }).getByRole('link', { name: /^Ring / }).first();
    const tel = await call.getAttribute('href');
    expect(tel).toMatch(/^tel:\+47\d{8}$/);
    // Her bundle's entry draws this screen; the worker keeps it.
    await kept(page, 'duk_bg.wasm');
    await kept(page, 'citizen.html');
    // Her bundle's shell is what `/` opens offline, though she never opened `/` itself.
    await kept(page, '/', true);

    // No network: the page opens from what was kept, says since when, and the number works.
    await page.context().setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Planen din' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Sist oppdatert' })).toContainText('Du er ikke på nett');
    await expect(call).toHaveAttribute('href', tel!);
    await expectNoAxeViolations(page);
    // Her home page opens the same kept plan.
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Planen din' })).toBeVisible();

    // Min plan is fetched by its own tab; once she has opened it, it opens offline too.
    await page.context().setOffline(false);
    await page.goto(`/plan/${board}/min-plan`);
    await expect(page.getByText('Lage CV')).toBeVisible();
    await expect.poll(() => keptKeys(page)).toHaveLength(3);
    await page.context().setOffline(true);
    await page.reload();
    await expect(page.getByRole('status').filter({ hasText: 'Sist oppdatert' })).toContainText('Du er ikke på nett');
    await expect(page.getByText('Lage CV')).toBeVisible();

    // Back online, she signs out: nothing of hers is left in the browser.
    await page.context().setOffline(false);
    await page.reload();
    await expect(page.getByRole('status').filter({ hasText: 'Sist oppdatert' })).toHaveCount(0);
    expect(await keptKeys(page)).not.toEqual([]);
    await openHeaderMenu(page);
    await page.getByRole('button', { name: 'Logg ut' }).tap();
    await expect(page.getByRole('heading', { level: 1, name: 'Logg inn' })).toBeVisible();
    expect(await keptKeys(page)).toEqual([]);
    await page.context().setOffline(true);
    await page.goto(`/plan/${board}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByText('Frida Frakoblet')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1, name: 'Planen din' })).toHaveCount(0);
    await page.context().setOffline(false);
  });

  test('another account signing in on the same phone never sees the first one\'s kept plan', async ({ page, request }) => {
    const first = await createBoard(request, 'Første Førstesen');
    const second = await createBoard(request, 'Andre Andresen');
    await inviteAndRedeem(request, page, first, 'Første Førstesen');
    await page.goto(`/plan/${first}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Planen din' })).toBeVisible();
    await expect.poll(() => keptKeys(page)).toHaveLength(2);
    const firstPlan = (await keptKeys(page)).filter((k) => k.startsWith('duk.plan.'));
    const firstMe = await page.evaluate(() => localStorage.getItem('duk.me'));

    // A second citizen redeems her own invitation in the same browser (no sign-out between).
    await inviteAndRedeem(request, page, second, 'Andre Andresen');
    await page.goto(`/plan/${second}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Planen din' })).toBeVisible();
    await expect.poll(() => keptKeys(page)).toHaveLength(2);
    const now = await keptKeys(page);
    for (const k of firstPlan) expect(now).not.toContain(k);
    expect(await page.evaluate(() => localStorage.getItem('duk.me'))).not.toEqual(firstMe);

    // Offline, the first plan's address shows nothing of the first citizen.
    await page.context().setOffline(true);
    await page.goto(`/plan/${first}`);
    await expect(page.getByText('Første Førstesen')).toHaveCount(0);
    await page.context().setOffline(false);
  });
});

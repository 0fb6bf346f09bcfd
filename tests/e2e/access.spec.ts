import { Browser, expect, test } from '@playwright/test';
import { cell, addCards, createBoard, expectNoAxeViolations, expectNoHorizontalScroll, openHeaderMenu, openTool } from './helpers';

/** Invites someone through the API as `inviter` (a request context); returns link and code. */
async function invite(
  inviter: { post: Function },
  board: string,
  role: 'citizen' | 'support',
  name: string,
): Promise<{ link: string; code: string }> {
  const res = await inviter.post(`/api/boards/${board}/invitations`, { data: { role, name } });
  expect(res.status(), await res.text()).toBe(201);
  return res.json();
}

/** A fresh browser context with nobody signed in. */
async function stranger(browser: Browser, baseURL: string, phone = false) {
  return browser.newContext({
    baseURL,
    storageState: { cookies: [], origins: [] },
    locale: 'nb-NO',
    ...(phone ? { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true } : {}),
  });
}

test.describe('phone', () => {
  test.beforeEach(({}, info) => test.skip(info.project.name !== 'phone', 'the citizen is on a phone'));

  test('on Slow 4G, her plan opens straight after the right code, never a signed-out text or an alert', async ({
    page,
    request,
  }) => {
    const board = await createBoard(request, 'Kari Treg');
    const { link, code } = await invite(request, board, 'citizen', 'Kari Treg');
    await page.context().clearCookies();
    await page.goto(link);
    await expect(page.getByLabel('Koden din')).toBeVisible();
    await page.getByLabel('Koden din').fill(code);

    // DevTools' "Slow 4G", from the moment she taps.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 562.5,
      downloadThroughput: (1.6e6 / 8) * 0.9,
      uploadThroughput: (750e3 / 8) * 0.9,
    });
    // Everything the page shows from the tap on, however briefly: every change to the DOM
    // is looked at as it happens, not sampled.
    await page.evaluate(() => {
      const seen: string[] = ((window as any).__seen = []);
      const look = () => {
        for (const el of document.querySelectorAll('[role="alert"]')) {
          if ((el.textContent ?? '').trim()) seen.push(`alert: ${el.textContent}`);
        }
        if ((document.body.textContent ?? '').includes('Du er ikke logget inn')) seen.push('signed out');
      };
      new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await page.getByRole('button', { name: 'Åpne planen' }).tap();
    await expect(page.getByRole('heading', { level: 1, name: 'Planen din' })).toBeVisible({ timeout: 30_000 });
    await expect(page).toHaveURL(new RegExp(`/plan/${board}$`));
    const seen: string[] = await page.evaluate(() => (window as any).__seen);
    expect(seen, 'nothing signed-out or alarming on the way').toEqual([]);
  });

  test('the citizen opens the invitation, enters the code and sees their plan and nothing else', async ({
    page,
    request,
    baseURL,
  }) => {
    const board = await createBoard(request, 'Kari Telefon');
    await addCards(request, board, cell('okonomi', 'na'), ['Søke bostøtte']);
    const other = await createBoard(request, 'Noen Andre');
    const { link, code } = await invite(request, board, 'citizen', 'Kari Telefon');

    // Kari's own phone: nobody signed in.
    await page.context().clearCookies();
    await page.goto(link);
    await expect(page.getByRole('heading', { name: 'Velkommen til Duk' })).toBeVisible();
    await expect(page.getByText(/har invitert deg til planen din/)).toBeVisible();
    // The secret leaves the address bar at once.
    await expect(page).toHaveURL(/\/invitasjon$/);
    await expectNoAxeViolations(page);
    await expectNoHorizontalScroll(page);

    // A wrong code first: a clear message, still on the page.
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    await page.getByLabel('Koden din').fill(wrong);
    await page.getByRole('button', { name: 'Åpne planen' }).tap();
    await expect(page.getByRole('alert')).toContainText('Koden stemmer ikke');

    await page.getByLabel('Koden din').fill(code);
    await page.getByRole('button', { name: 'Åpne planen' }).tap();
    // The citizen lands on her own view; the whole board is one link away.
    await expect(page).toHaveURL(new RegExp(`/plan/${board}$`));
    await expect(page.getByRole('heading', { level: 1, name: 'Planen din' })).toBeVisible();
    await page.getByRole('link', { name: 'Min plan' }).tap();
    await expect(page.getByText('Søke bostøtte')).toBeVisible();
    await page.getByRole('link', { name: 'Se hele arbeidsduken' }).tap();
    await expect(page.getByRole('heading', { level: 1, name: 'Planen til Kari Telefon' })).toBeVisible();
    await expect(page.getByText('Søke bostøtte')).toBeVisible();
    // Read, not edit: no handles, no header edit, no add buttons (the lead has not allowed it).
    await expect(page.getByRole('button', { name: /^Flytt/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Endre planens topp' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Legg til kort/ })).toHaveCount(0);
    await expectNoAxeViolations(page);

    // Her start page is her one plan, and another plan is not found.
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Planen din' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Ny plan' })).toHaveCount(0);
    // Also where the header folds its links behind "Meny".
    await expect(page.locator('.site-menu a', { hasText: 'Administrasjon' })).toHaveCount(0);
    await page.goto(`/boards/${other}`);
    await expect(page.getByRole('alert')).toContainText('Fant ikke planen');

    // The invitation is used up.
    const again = await page.context().request.post('/api/invitations/redeem', {
      data: { token: link.split('#')[1], code },
    });
    expect(again.status()).toBe(404);
  });

  test('a støtteperson sees the plan read-only', async ({ page, request, browser, baseURL }) => {
    const board = await createBoard(request, 'Kari Støtte');
    await addCards(request, board, cell('jobb', 'na'), ['Avtale arbeidstrening']);
    const citizenInvite = await invite(request, board, 'citizen', 'Kari Støtte');
    const kari = await stranger(browser, baseURL!, true);
    const redeemed = await kari.request.post('/api/invitations/redeem', {
      data: { token: citizenInvite.link.split('#')[1], code: citizenInvite.code },
    });
    expect(redeemed.status()).toBe(200);
    const { link, code } = await invite(kari.request, board, 'support', 'Lise Støtte');
    await kari.close();

    await page.context().clearCookies();
    await page.goto(link);
    await expect(page.getByText(/invitert deg som støtteperson/)).toBeVisible();
    await page.getByLabel('Koden din').fill(code);
    await page.getByRole('button', { name: 'Åpne planen' }).tap();
    await expect(page).toHaveURL(new RegExp(`/plan/${board}$`));
    // The plan has loaded (the checks of what is absent below would pass on a loading page).
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // She reads the plan, but does not ask for calls or calendar links on Kari's behalf.
    await expect(page.getByRole('link', { name: 'Ring meg' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Lag kalenderlenke' })).toHaveCount(0);
    await expectNoAxeViolations(page);
    await page.goto(`/boards/${board}`);
    await expect(page.getByText('Avtale arbeidstrening')).toBeVisible();
    await expect(page.getByRole('button', { name: /^Flytt/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Legg til kort/ })).toHaveCount(0);
    await expect(page.getByText('Tilgang', { exact: true })).toHaveCount(0);
    await expectNoAxeViolations(page);
    // And the server agrees: a change is refused.
    const res = await page.context().request.post(`/api/boards/${board}/ops`, {
      data: {
        client_op_id: crypto.randomUUID(),
        base_version: 0,
        op: { create_card: { card_id: crypto.randomUUID(), placement: cell('jobb', 'na'), order: 'b', text: 'Fra Lise' } },
      },
    });
    expect(res.status()).toBe(403);
  });
});

test.describe('tablet', () => {
  test.beforeEach(({}, info) => test.skip(info.project.name !== 'tablet', 'a team meeting on a tablet'));

  test('a removed team member loses the board without reloading', async ({ page, request, browser, baseURL }) => {
    const board = await createBoard(request, 'Kari Fjerning');
    await addCards(request, board, cell('bosituasjon', 'na'), ['Søke kommunal bolig']);
    const staff = await (await request.get('/api/staff?q=siri')).json();
    const siriAccount = staff.find((s: any) => s.email === 'siri@duk.test');
    const b = await (await request.get(`/api/boards/${board}`)).json();
    const member_id = crypto.randomUUID();
    const added = await request.post(`/api/boards/${board}/ops`, {
      data: {
        client_op_id: crypto.randomUUID(),
        base_version: b.version,
        op: { add_member: { member_id, member: { name: 'Siri Hansen', account: siriAccount.id } } },
      },
    });
    expect(added.status()).toBe(200);

    const siri = await stranger(browser, baseURL!);
    const siriPage = await siri.newPage();
    await siriPage.setViewportSize({ width: 820, height: 1180 });
    await siriPage.goto(`/boards/${board}`);
    // Signed out: the sign-in form takes the page's place, and leads back to it.
    await siriPage.getByLabel('E-post').fill('siri@duk.test');
    await siriPage.getByLabel('Passord').fill('duk-demo-passord');
    await siriPage.getByRole('button', { name: 'Logg inn' }).click();
    await expect(siriPage.getByText('Søke kommunal bolig')).toBeVisible();

    // The investeringsleder removes Siri in the team panel.
    await page.goto(`/boards/${board}`);
    await openTool(page, /^Teamet/);
    await page.getByRole('button', { name: 'Fjern Siri Hansen fra teamet' }).click();

    await expect(siriPage.getByRole('alert')).toContainText('Du har ikke lenger tilgang til denne planen');
    await expect(siriPage.getByText('Søke kommunal bolig')).toHaveCount(0);
    await siri.close();
  });
});

test.describe('desktop', () => {
  test.beforeEach(({}, info) => test.skip(info.project.name !== 'desktop', 'administration is desk work'));

  test('sign-in, administration and the audit log work and pass axe', async ({ browser, baseURL, request }) => {
    const board = await createBoard(request, 'Kari Revisjon');
    await (await request.get(`/api/boards/${board}`)).json();

    const ctx = await stranger(browser, baseURL!);
    const page = await ctx.newPage();
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Logg inn' })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByLabel('E-post').fill('admin@duk.test');
    await page.getByLabel('Passord').fill('feil passord her');
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await expect(page.getByRole('alert')).toContainText('E-postadressen eller passordet er feil');
    await page.getByLabel('Passord').fill('duk-demo-passord');
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await openHeaderMenu(page);
    await page.getByRole('link', { name: 'Administrasjon' }).click();
    await expect(page.getByRole('heading', { name: 'Kontoer' })).toBeVisible();
    await expect(page.getByRole('cell', { name: 'ola@duk.test' })).toBeVisible();

    // A new caseworker: the one-time password is shown once.
    const email = `ny-${crypto.randomUUID().slice(0, 8)}@kommune.test`;
    await page.getByLabel('Navn', { exact: true }).fill('Nina Ny');
    await page.getByLabel('E-post').fill(email);
    await page.getByLabel('Direktenummer').fill('93 45 67 89');
    await page.getByRole('button', { name: 'Opprett konto' }).click();
    await expect(page.getByRole('status')).toContainText('Engangspassord til Nina Ny');
    const password = (await page.locator('.one-time-secret').textContent())!;
    await expect(page.getByRole('cell', { name: email })).toBeVisible();
    await expectNoAxeViolations(page);

    // The audit log, searched by board.
    await page.getByRole('link', { name: 'Tilgangslogg' }).click();
    await page.getByLabel('Plan (id)').fill(board);
    await page.getByRole('button', { name: 'Søk' }).click();
    await expect(page.getByRole('cell', { name: 'åpnet planen' }).first()).toBeVisible();
    await expect(page.getByRole('cell', { name: 'lagde planen' })).toBeVisible();
    await expectNoAxeViolations(page);
    // The administrator is not on the board's team: no content.
    await page.goto(`/boards/${board}`);
    await expect(page.getByRole('alert')).toContainText('Fant ikke planen');

    // Nina signs in with the one-time password and must choose her own first.
    await openHeaderMenu(page);
    await page.getByRole('button', { name: 'Logg ut' }).click();
    await page.getByLabel('E-post').fill(email);
    await page.getByLabel('Passord').fill(password);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await expect(page.getByText('Du har fått et midlertidig passord')).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByLabel('Passordet du har nå').fill(password);
    await page.getByLabel('Nytt passord').fill('ninas eget lange passord');
    await page.getByRole('button', { name: 'Bytt passord' }).click();
    // With her own password she goes on to where she was headed.
    await expect(page.getByRole('heading', { name: 'Mine planer' })).toBeVisible();
    await expect(page.getByText('Du har ingen planer ennå')).toBeVisible();
    await ctx.close();
  });

  test('the investeringsleder invites the citizen from the access panel and sees who looked', async ({ page, request }) => {
    const board = await createBoard(request, 'Kari Panel');
    await page.goto(`/boards/${board}`);
    await openTool(page, 'Tilgang');
    const panel = page.locator('.access-panel');
    await expect(panel).toContainText('Ola Nordmann');
    await panel.getByRole('textbox', { name: 'Mobilnummer (lenken sendes hit)' }).first().fill('912 34 568');
    await panel.getByRole('button', { name: 'Lag invitasjon' }).click();
    await expect(panel.getByTestId('invite-code')).toHaveText(/^\d{6}$/);
    await expect(panel).toContainText('Lenken er sendt på SMS til +4791234568');
    await expect(panel).toContainText('Invitert, gjelder til');
    await panel.getByRole('button', { name: 'Vis hvem som har sett planen' }).click();
    await expect(panel.locator('.views-list')).toContainText('Ola Nordmann, NAV');
    await expectNoAxeViolations(page);
  });
});

import { Browser, expect, test } from '@playwright/test';
import {
  addCards,
  cell,
  createBoard,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  inviteAndRedeem,
  newStaff,
  osloToday,
  addDays,
  setCard,
  workingDaysAfter,
  weekdayDate,
  longDate,
  openTool,
} from './helpers';

/** A plan with a contact person (Anne, with Bjørn as substitute), tasks and a meeting. */
async function planWithTeam(browser: Browser, baseURL: string, citizen: string) {
  const anne = await newStaff(baseURL, 'Anne Kontakt', 'NAV Testby');
  const bjorn = await newStaff(baseURL, 'Bjørn Vikar', 'NAV Testby');
  let res = await bjorn.request.put('/api/profile', { data: { phone: '+47 923 45 678' } });
  expect(res.status(), await res.text()).toBe(200);
  res = await anne.request.put('/api/profile', {
    data: {
      phone: '912 34 567',
      hours: [
        { day: 'monday', from: '09:00', to: '11:00' },
        { day: 'tuesday', from: '09:00', to: '11:00' },
      ],
      substitute: bjorn.id,
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  const board = await createBoard(anne.request, citizen);
  const today = osloToday();
  const [late, soon, later] = await addCards(anne.request, board, cell('okonomi', 'na'), [
    'Levere husleiekontrakten',
    'Søke bostøtte',
    'Ringe banken',
  ]);
  await setCard(anne.request, board, late, { responsible: { citizen: null }, due: addDays(today, -3) });
  await setCard(anne.request, board, soon, { responsible: { citizen: null }, due: addDays(today, 4) });
  await setCard(anne.request, board, later, { responsible: { citizen: null }, due: addDays(today, 20) });
  const [theirs, doctor] = await addCards(anne.request, board, cell('fysisk-helse', 'kort-sikt'), [
    'Bestille time hos fysioterapeut',
    'Skrive henvisning',
  ]);
  const b = await (await anne.request.get(`/api/boards/${board}`)).json();
  const anneMember = b.members.find((m: any) => m.lead).id;
  await setCard(anne.request, board, theirs, { responsible: { member: { member_id: anneMember } }, due: addDays(today, 10) });
  await setCard(anne.request, board, doctor, { responsible: { outside: { name: 'Fastlegen' } }, due: addDays(today, 14) });
  const meetingDay = addDays(today, 9);
  const version = (await (await anne.request.get(`/api/boards/${board}`)).json()).version;
  res = await anne.request.post(`/api/boards/${board}/ops`, {
    data: {
      client_op_id: crypto.randomUUID(),
      base_version: version,
      op: {
        schedule_meeting: {
          meeting_id: crypto.randomUUID(),
          meeting: {
            date: meetingDay,
            time: '10:00',
            place: 'NAV Testby, møterom 2',
            agenda: ['Hvordan går det med boligen?', 'Neste steg for jobb'],
            invited: ['citizen', { member: { member_id: anneMember } }],
            interpreter: 'Arabisk',
          },
        },
      },
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  return { anne, bjorn, board, today, meetingDay };
}

test.describe('phone', () => {
  test.beforeEach(({}, info) => test.skip(info.project.name !== 'phone', 'the citizen is on a phone'));

  test('the citizen sees the contact person with a direct number, deadlines, what others do and the next meeting', async ({
    page,
    browser,
    baseURL,
  }) => {
    const { anne, board, today, meetingDay } = await planWithTeam(browser, baseURL!, 'Kari Kontakt');
    const { link, code } = await (
      await anne.request.post(`/api/boards/${board}/invitations`, { data: { role: 'citizen', name: 'Kari Kontakt' } })
    ).json();

    // Kari's phone: the invitation, then straight to her overview.
    await page.context().clearCookies();
    await page.goto(link);
    await page.getByLabel('Koden din').fill(code);
    await page.getByRole('button', { name: 'Åpne planen' }).tap();
    await expect(page).toHaveURL(new RegExp(`/plan/${board}$`));
    await expect(page.getByRole('heading', { level: 1, name: 'Planen din' })).toBeVisible();

    // Min kontaktperson comes first, with the stored E.164 number.
    const contact = page.getByRole('region', { name: 'Min kontaktperson' });
    await expect(contact.getByText('Anne Kontakt', { exact: true })).toBeVisible();
    const call = contact.getByRole('link', { name: /^Ring Anne Kontakt/ });
    await expect(call).toHaveAttribute('href', 'tel:+4791234567');
    await expect(contact.getByRole('link', { name: 'Send SMS til Anne Kontakt' })).toHaveAttribute('href', 'sms:+4791234567');
    await expect(contact.getByText('mandag–tirsdag 09:00–11:00')).toBeVisible();
    await expect(contact.getByText('Bjørn Vikar', { exact: true })).toBeVisible();
    const firstSection = await page.locator('section').first().getAttribute('aria-labelledby');
    expect(firstSection).toBe('contact-heading');

    // Mine frister: soonest first, the overdue one marked kindly.
    const mine = page.getByRole('region', { name: 'Mine frister' }).getByRole('listitem');
    await expect(mine).toHaveCount(3);
    await expect(mine.nth(0)).toContainText('Levere husleiekontrakten');
    await expect(mine.nth(0)).toContainText(
      `Fristen var ${longDate(addDays(today, -3))} – ta kontakt hvis du trenger mer tid`,
    );
    await expect(mine.nth(1)).toContainText('Søke bostøtte');
    await expect(mine.nth(1)).toContainText(`Frist ${longDate(addDays(today, 4))}`);
    await expect(mine.nth(2)).toContainText('Ringe banken');

    // Dette gjør andre for deg: who and by when.
    const others = page.getByRole('region', { name: 'Dette gjør andre for deg' }).getByRole('listitem');
    await expect(others).toHaveCount(2);
    await expect(others.nth(0)).toContainText(`Anne Kontakt – innen ${longDate(addDays(today, 10))}`);
    await expect(others.nth(1)).toContainText(`Fastlegen – innen ${longDate(addDays(today, 14))}`);

    // Neste møte with the agenda, ahead of time.
    const meeting = page.getByRole('region', { name: 'Neste møte' });
    await expect(meeting).toContainText(`${weekdayDate(meetingDay)} klokka 10:00`);
    await expect(meeting).toContainText('NAV Testby, møterom 2');
    await expect(meeting).toContainText('Tolk: Arabisk');
    await expect(meeting.getByRole('listitem').filter({ hasText: 'Hvordan går det med boligen?' })).toBeVisible();
    await expect(meeting.getByRole('listitem').filter({ hasText: 'Neste steg for jobb' })).toBeVisible();
    await expectNoAxeViolations(page);
    await expectNoHorizontalScroll(page);

    // Tapping a task shows the card in its theme on Min plan.
    await mine.nth(1).getByRole('link').tap();
    await expect(page).toHaveURL(new RegExp(`/plan/${board}/min-plan#kort-`));
    const economy = page.getByRole('region', { name: 'Økonomi' });
    await expect(economy.getByText('Søke bostøtte')).toBeInViewport();
    await expect(page.locator('li.plan-card:focus')).toContainText('Søke bostøtte');

    // During an absence, the substitute comes first, with the day Anne is back.
    const res = await anne.request.put('/api/profile', {
      data: {
        phone: '+4791234567',
        substitute: (await (await anne.request.get('/api/profile')).json()).profile.substitute,
        absences: [{ from: addDays(today, -1), to: addDays(today, 6) }],
      },
    });
    expect(res.status(), await res.text()).toBe(200);
    await page.goto(`/plan/${board}`);
    await expect(contact.getByText(/^Anne Kontakt er borte til og med/)).toBeVisible();
    const first = contact.locator('.contact-person').first();
    await expect(first).toContainText('Bjørn Vikar');
    await expect(first.getByRole('link', { name: /^Ring Bjørn Vikar/ })).toHaveAttribute('href', 'tel:+4792345678');
    await expect(first.getByRole('link', { name: 'Send SMS til Bjørn Vikar' })).toHaveAttribute('href', 'sms:+4792345678');
    await expectNoAxeViolations(page);
  });

  test('a Ring meg request reaches the contact person with a deadline two working days away', async ({
    page,
    browser,
    baseURL,
  }) => {
    const { anne, board } = await planWithTeam(browser, baseURL!, 'Kari Ringer');
    await inviteAndRedeem(anne.request, page, board, 'Kari Ringer');
    await page.goto(`/plan/${board}`);
    await page.getByRole('link', { name: 'Be om å bli ringt' }).tap();
    await expect(page).toHaveURL(new RegExp(`/plan/${board}/ring-meg$`));
    await expectNoAxeViolations(page);

    // Bad input first: a note over the limit is refused and nothing is stored.
    await page.getByLabel('Telefonnummeret ditt').fill('480 12 345');
    await page.getByLabel('Hva gjelder det? (kan stå tomt)').fill('x'.repeat(501));
    await page.getByRole('button', { name: 'Be om å bli ringt' }).tap();
    await expect(page.getByRole('alert')).toContainText('for lang: 501 tegn');
    expect(await (await anne.request.get(`/api/boards/${board}/callbacks`)).json()).toEqual([]);

    await page.getByLabel('Hva gjelder det? (kan stå tomt)').fill('Om bostøtten');
    await page.getByLabel('Når passer det best? (kan stå tomt)').fill('etter klokka 14');
    await page.getByRole('button', { name: 'Be om å bli ringt' }).tap();
    const deadline = weekdayDate(workingDaysAfter(osloToday(), 2));
    await expect(page.getByRole('status').filter({ hasText: 'Mottatt' })).toContainText(`Du blir ringt senest ${deadline}`);

    // Anne's start page, on her laptop.
    const laptop = await browser.newContext({ baseURL, storageState: await anne.request.storageState(), locale: 'nb-NO' });
    const anneView = await laptop.newPage();
    await anneView.goto('/');
    const inbox = anneView.getByRole('region', { name: /^Ring meg – 1 venter på svar/ });
    const item = inbox.getByRole('listitem').filter({ hasText: 'Kari Ringer' });
    await expect(item).toContainText(`Ring senest ${deadline}`);
    await expect(item).toContainText('Om bostøtten');
    await expect(item).toContainText('Passer best: etter klokka 14');
    await expect(item.getByRole('link', { name: '480 12 345' })).toHaveAttribute('href', 'tel:+4748012345');
    await expectNoAxeViolations(anneView);
    await item.getByRole('button', { name: 'Ringt: Kari Ringer' }).click();
    await expect(inbox).toHaveCount(0);
    await laptop.close();

    await page.goto(`/plan/${board}/ring-meg`);
    await expect(page.getByText('Ringt', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Be om å bli ringt' })).toBeVisible();
  });

  test('every citizen page passes axe and fits 320 px and 200 % text', async ({ page, browser, baseURL }) => {
    const { anne, board } = await planWithTeam(browser, baseURL!, 'Kari Skjerm');
    await inviteAndRedeem(anne.request, page, board, 'Kari Skjerm');
    for (const path of [`/plan/${board}`, `/plan/${board}/min-plan`, `/plan/${board}/ring-meg`, '/ordliste']) {
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto(path);
      await expect(page.locator('h1')).toBeVisible();
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      await expectNoAxeViolations(page);
      await page.setViewportSize({ width: 320, height: 640 });
      await expectNoHorizontalScroll(page);
      // 200 % zoom of a 640 px wide window is 320 CSS pixels; doubled text must still fit.
      // (Set through the DOM: the page's CSP forbids injected style sheets.)
      await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
      await expectNoHorizontalScroll(page);
    }
    // Min plan: dreams and strengths lead; "Det som er vanskelig" is folded away.
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`/plan/${board}/min-plan`);
    await expect(page.getByText('Der vi er nå')).toBeVisible();
  });
});

test.describe('tablet', () => {
  test.beforeEach(({}, info) => test.skip(info.project.name !== 'tablet', 'a meeting is planned on a tablet'));

  test('staff plan a meeting on the board, and a new card suggests it as the frist', async ({ page, request }) => {
    const board = await createBoard(request, 'Kari Møte');
    await addCards(request, board, cell('jobb', 'na'), ['Søke arbeidstrening']);
    await page.goto(`/boards/${board}`);
    await openTool(page, /^Møter \(0\)/);
    await page.getByRole('button', { name: 'Nytt møte' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nytt møte' });
    // A meeting in the past is refused with a message, and nothing is stored.
    await dialog.getByLabel('Dato').fill(addDays(osloToday(), -2));
    await dialog.getByLabel('Sted').fill('Rådhuset');
    await dialog.getByRole('button', { name: 'Lagre møtet' }).click();
    await expect(dialog.getByRole('alert')).toContainText('har allerede vært');
    const day = addDays(osloToday(), 12);
    await dialog.getByLabel('Dato').fill(day);
    await dialog.getByLabel('Dette skal vi snakke om').fill('Arbeidstrening\nBolig');
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Lagre møtet' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('button', { name: /^Møter \(1\)/ })).toBeVisible();
    await expect(page.getByText('Alle endringer er lagret')).toBeVisible();
    const stored = await (await request.get(`/api/boards/${board}`)).json();
    expect(stored.meetings).toHaveLength(1);
    expect(stored.meetings[0].agenda).toEqual(['Arbeidstrening', 'Bolig']);

    // The card's frist can be set to the next meeting with one tap.
    await page.getByRole('button', { name: 'Mer om kortet: Søke arbeidstrening' }).click();
    const details = page.getByRole('dialog');
    await details.getByRole('button', { name: `Neste møte (${longDate(day)})` }).click();
    await expect(details.getByLabel('Frist')).toHaveValue(day);
  });
});

test.describe('desktop', () => {
  test.beforeEach(({}, info) => test.skip(info.project.name !== 'desktop', 'staff keep their profile at a desk'));

  test('a caseworker keeps their direct number, hours, substitute and absences on their profile', async ({ browser, baseURL }) => {
    const me = await newStaff(baseURL!, 'Petra Profil', 'NAV Profilby');
    await newStaff(baseURL!, 'Stian Stedfortreder', 'NAV Profilby');
    const ctx = await browser.newContext({ baseURL, storageState: await me.request.storageState(), locale: 'nb-NO' });
    const page = await ctx.newPage();
    await page.goto('/profil');
    await expect(page.getByRole('heading', { level: 1, name: 'Min profil' })).toBeVisible();
    await page.getByLabel('Direkte nummer').fill('ring sentralbordet');
    await page.getByRole('button', { name: 'Lagre profilen' }).click();
    await expect(page.getByRole('alert')).toContainText('Telefonnummeret ser ikke riktig ut');
    await page.getByLabel('Direkte nummer').fill('913 00 000');
    await page.getByRole('button', { name: 'Legg til en dag' }).click();
    await page.getByLabel('Finn en kollega').fill('Stian');
    await page.getByRole('button', { name: 'Søk' }).click();
    await page.getByRole('button', { name: 'Velg Stian Stedfortreder som stedfortreder' }).click();
    await page.getByRole('button', { name: 'Legg til fravær' }).click();
    await page.getByLabel('Første dag borte').fill('2027-07-20');
    await page.getByLabel('Siste dag borte').fill('2027-07-01');
    await page.getByRole('button', { name: 'Lagre profilen' }).click();
    await expect(page.getByRole('alert')).toContainText('slutte før det begynner');
    const before = await (await me.request.get('/api/profile')).json();
    expect(before.profile.absences).toEqual([]);
    await page.getByLabel('Siste dag borte').fill('2027-07-31');
    await page.getByRole('button', { name: 'Lagre profilen' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Profilen er lagret.' })).toBeVisible();
    await expectNoAxeViolations(page);
    const saved = await (await me.request.get('/api/profile')).json();
    expect(saved.profile.phone).toBe('+4791300000');
    expect(saved.profile.hours).toEqual([{ day: 'monday', from: '09:00', to: '11:00' }]);
    expect(saved.substitute_name).toBe('Stian Stedfortreder');
    expect(saved.profile.absences).toEqual([{ from: '2027-07-20', to: '2027-07-31' }]);
    await ctx.close();
  });
});

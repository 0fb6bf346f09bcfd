import { APIRequestContext, Browser, expect, Page, test } from '@playwright/test';
import {
  addCards,
  addDays,
  addSiri,
  cell,
  createBoard,
  expectNoAxeViolations,
  expectSaved,
  inviteAndRedeem,
  longDate,
  osloToday,
  phoneContext,
  setCard,
  siriOnPhone,
  openTool,
} from './helpers';

// The duk as the shared record: Ola (investeringsleder, on the tablet) holds a meeting,
// the minutes list who does what by when, Kari answers «Stemmer ikke» on her phone, and
// Ola sees it; then the board as it was at the meeting, what changed since, the history,
// and "Mine oppgaver".

const card = (page: Page, text: string) => page.locator('[data-card]', { hasText: text });

/** A plan with two tasks and a next meeting. */
async function plan(request: APIRequestContext, citizen: string) {
  const board = await createBoard(request, citizen);
  const today = osloToday();
  const [bostotte] = await addCards(request, board, cell('bosituasjon', 'dagens-situasjon'), ['Søke bostøtte']);
  const [ringe] = await addCards(request, board, cell('jobb', 'dagens-situasjon'), ['Ringe arbeidsgiver']);
  await addCards(request, board, cell('fritid', 'lang-sikt'), ['Begynne å gå tur med hund']);
  const b = await (await request.get(`/api/boards/${board}`)).json();
  const ola = b.members.find((m: any) => m.lead).id;
  await setCard(request, board, bostotte, { responsible: { member: { member_id: ola } }, due: addDays(today, 12) });
  await setCard(request, board, ringe, { responsible: { citizen: null }, due: addDays(today, 7) });
  const version = (await (await request.get(`/api/boards/${board}`)).json()).version;
  const res = await request.post(`/api/boards/${board}/ops`, {
    data: {
      client_op_id: crypto.randomUUID(),
      base_version: version,
      op: {
        schedule_meeting: {
          meeting_id: crypto.randomUUID(),
          meeting: { date: addDays(today, 21), time: '10:00', place: 'NAV Grünerløkka' },
        },
      },
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  return { board, today, bostotte, ringe };
}

/** Kari's phone, signed in through an invitation. */
async function kariOnPhone(browser: Browser, baseURL: string, request: APIRequestContext, board: string, name: string) {
  const ctx = await phoneContext(browser, baseURL);
  const phone = await ctx.newPage();
  await inviteAndRedeem(request, phone, board, name);
  return phone;
}

test.describe('a meeting on the tablet, the answer on the phone', () => {
  test.beforeEach(({}, info) => test.skip(info.project.name !== 'tablet', 'Ola leads the meeting on the tablet'));

  test('start, change, end: the minutes say who does what by when, Kari answers «Stemmer ikke», Ola sees it', async ({
    page,
    request,
    browser,
    baseURL,
  }) => {
    const { board, today, ringe } = await plan(request, 'Kari Referat');
    await page.goto(`/boards/${board}`);
    const bar = page.getByRole('region', { name: 'Møter og referat' });
    // By keyboard: Enter starts it, and focus goes on to the running meeting's heading.
    await bar.getByRole('button', { name: 'Start møtet' }).press('Enter');
    await expect(page.getByRole('heading', { name: 'Møtet pågår' })).toBeFocused();

    const running = page.getByRole('region', { name: 'Møtet pågår' });
    await expect(running).toContainText('Tilstede: Ola Nordmann (NAV)');
    // Siri joins from her phone: opening the board writes her down as present.
    await addSiri(request, board);
    const siri = await (await siriOnPhone(browser, baseURL!)).newPage();
    await siri.goto(`/boards/${board}`);
    await expect(running).toContainText('Tilstede: Ola Nordmann (NAV), Siri Hansen');
    await expect(siri.getByRole('region', { name: 'Møtet pågår' })).toContainText('Siri Hansen');
    // Taking one's own tick away sticks (joining ticks only once).
    // Ticking who is here unfolds from the one-line bar.
    await running.locator('.present-edit > summary', { hasText: 'Hvem er til stede?' }).click();
    const olaBox = running.getByRole('checkbox', { name: 'Ola Nordmann (NAV)' });
    await olaBox.uncheck();
    await expectSaved(page);
    await expect(olaBox).not.toBeChecked();
    await expect(running).toContainText('Tilstede: Siri Hansen');
    await olaBox.check();
    await expect(running).toContainText('Tilstede: Siri Hansen, Ola Nordmann (NAV)');
    // Kari is in the room: Ola ticks her.
    await running.getByRole('checkbox', { name: 'Kari Referat' }).check();
    await expect(running).toContainText('Tilstede: Siri Hansen, Ola Nordmann (NAV), Kari Referat');

    // In the meeting: a card moves (with "Flytt til …") and one is added; both are marked.
    await page.getByRole('button', { name: 'Mer om kortet: Søke bostøtte' }).click();
    await page.getByRole('dialog', { name: 'Kortet' }).getByRole('button', { name: 'Flytt til …' }).click();
    const move = page.getByRole('dialog', { name: 'Flytt kortet' });
    await move.getByRole('radio', { name: 'Bosituasjon' }).click();
    await move.getByRole('radio', { name: 'Det vi skal gjøre nå' }).click();
    await move.getByRole('button', { name: 'Flytt hit' }).click();
    const now = page.getByRole('group', { name: 'Økonomi, Det vi skal gjøre nå' });
    await now.getByRole('button', { name: 'Legg til kort i Økonomi, Det vi skal gjøre nå' }).click();
    const box = now.getByRole('textbox', { name: 'Tekst på kortet' });
    await box.fill('Sette opp budsjett');
    await box.press('Enter');
    await box.press('Escape');
    await expect(card(page, 'Søke bostøtte')).toContainText('I møtet');
    await expect(card(page, 'Sette opp budsjett')).toContainText('I møtet');
    await expect(card(page, 'Ringe arbeidsgiver')).not.toContainText('I møtet');
    await expectSaved(page);

    await running.getByRole('button', { name: 'Avslutt møtet og lag referat' }).press('Enter');
    await expect(page.getByRole('heading', { name: 'Møter og referat' })).toBeFocused();
    await expect(card(page, 'Søke bostøtte')).not.toContainText('I møtet');
    await bar.getByRole('link', { name: 'Les referat nr. 1' }).click();

    // The minutes: date, who was there, who does what by when, the next meeting.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Referat nr. 1 – Planen til Kari Referat');
    await expect(page.locator('.minutes-facts')).toContainText('Tilstede:Siri Hansen, Ola Nordmann (NAV), Kari Referat');
    await expect(page.locator('.minutes-facts')).toContainText(`Neste møte:${longDate(addDays(today, 21))} 10:00, NAV Grünerløkka`);
    const tasks = page.getByRole('region', { name: 'Hva hver enkelt skal gjøre til neste møte' });
    const kari = tasks.locator('.task-group', { has: page.getByRole('heading', { name: 'Kari Referat' }) });
    await expect(kari).toContainText(`Ringe arbeidsgiver – frist ${longDate(addDays(today, 7))}`);
    const ola = tasks.locator('.task-group', { has: page.getByRole('heading', { name: 'Ola Nordmann (NAV)' }) });
    await expect(ola).toContainText(`Søke bostøtte – frist ${longDate(addDays(today, 12))}`);
    await expectNoAxeViolations(page);
    const pdf = await page.request.get(`/api/boards/${board}/minutes/1/1/pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // Kari answers on her phone.
    const phone = await kariOnPhone(browser, baseURL!, request, board, 'Kari Referat');
    await phone.goto(`/plan/${board}`);
    const minutes = phone.getByRole('region', { name: /^Referat fra møtet/ });
    await expect(minutes).toContainText('Ringe arbeidsgiver');
    await minutes.getByRole('radio', { name: 'Stemmer ikke' }).tap();
    await minutes.getByLabel('Kommentar (valgfritt)').fill('Jeg skal ringe arbeidsgiveren etter ferien.');
    await minutes.getByRole('button', { name: 'Send svar' }).tap();
    await expect(minutes.getByRole('status')).toContainText('Du har svart: Stemmer ikke.');
    await expectNoAxeViolations(phone);
    // Innsyn: everything about the plan, with its history, as one file.
    const exportLink = phone.getByRole('link', { name: /^Last ned alt om planen din/ });
    const exported = await (await phone.request.get((await exportLink.getAttribute('href'))!)).json();
    expect(exported.format).toBe('duk-export/1');
    expect(exported.events.length).toBe(exported.board.version);
    expect(exported.history.map((h: any) => h.text)).toContain(
      'Kari Referat svarte «Stemmer ikke» på referat nr. 1: «Jeg skal ringe arbeidsgiveren etter ferien.»',
    );

    // Ola sees it on the board, live, and on the minutes.
    await page.goto(`/boards/${board}`);
    await expect(page.locator('.objection')).toContainText(
      'Kari Referat svarte «Stemmer ikke» på referat nr. 1: «Jeg skal ringe arbeidsgiveren etter ferien.»',
    );
    await page.locator('.objection').getByRole('link', { name: 'Åpne referatet' }).click();
    const answers = page.getByRole('region', { name: 'Svar fra innbyggeren' });
    await expect(answers).toContainText('Kari Referat: Stemmer ikke «Jeg skal ringe arbeidsgiveren etter ferien.»');

    // Ola corrects it: the frist moves on the plan, then a new version says what changed.
    await setCard(request, board, ringe, { due: addDays(today, 30) });
    const correct = page.getByRole('region', { name: 'Rett referatet' });
    await correct.getByLabel('Hva rettes, og hvorfor?').fill('Kari ringer arbeidsgiveren etter ferien.');
    await correct.getByRole('button', { name: 'Lagre ny versjon' }).click();
    await expect(page).toHaveURL(new RegExp(`/boards/${board}/referat/1/2$`));
    const correction = page.getByRole('region', { name: 'Rettelse (versjon 2)' });
    await expect(correction).toContainText('Kari ringer arbeidsgiveren etter ferien.');
    await expect(correction).toContainText(
      `Ola Nordmann (NAV) endret «Ringe arbeidsgiver»: frist ${addDays(today, 30).split('-').reverse().join('.')}`,
    );
    await expect(kari).toContainText(`Ringe arbeidsgiver – frist ${longDate(addDays(today, 30))}`);
    await expect(page.getByRole('link', { name: 'Versjon 1' })).toBeVisible();
    // The objection was to version 1; the correction answers it.
    await page.goto(`/boards/${board}`);
    await expect(page.getByRole('link', { name: 'Les referat nr. 1' })).toBeVisible();
    await expect(page.locator('.objection')).toHaveCount(0);
  });

  test('the board as it was at the meeting, what changed since, the history and Mine oppgaver', async ({
    page,
    request,
  }) => {
    const { board, ringe } = await plan(request, 'Kari Tidsreise');
    const ops = async (op: object) => {
      const res = await request.post(`/api/boards/${board}/ops`, {
        data: { client_op_id: crypto.randomUUID(), base_version: 0, op },
      });
      expect(res.status(), await res.text()).toBe(200);
      return (await res.json()).version as number;
    };
    await ops({ start_meeting: {} });
    const ended = await ops({ end_meeting: {} });
    // After the meeting: one card moves.
    await ops({ move_card: { card_id: ringe, placement: cell('jobb', 'na'), order: 'a0' } });

    // The board as of the meeting: the old place.
    await page.goto(`/boards/${board}/versjon/${ended}`);
    await expect(page.getByText(`Slik så planen ut etter endring ${ended}`)).toBeVisible();
    const jobb = page.getByRole('row', { name: /^Jobb/ });
    await expect(jobb.getByRole('cell').nth(0)).toContainText('Ringe arbeidsgiver');
    await expect(jobb.getByRole('cell').nth(1)).not.toContainText('Ringe arbeidsgiver');
    await expectNoAxeViolations(page);

    // Now, "Endret siden sist møte" marks exactly the card moved since.
    await page.goto(`/boards/${board}`);
    await openTool(page, 'Visning og filtre');
    await page.getByLabel('Marker endringer').selectOption({ label: 'Endret siden sist møte' });
    await expect(page.locator('.card-changed')).toHaveCount(1);
    await expect(card(page, 'Ringe arbeidsgiver')).toHaveClass(/card-changed/);
    await expect(card(page, 'Ringe arbeidsgiver')).toContainText('Endret');

    // The history in plain words; each line leads to the board as it was.
    await page.getByRole('region', { name: 'Møter og referat' }).getByRole('link', { name: 'Historikk', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Historikk' })).toBeVisible();
    await expect(page.locator('.history-list')).toContainText(
      'Ola Nordmann (NAV) flyttet «Ringe arbeidsgiver» fra Dagens situasjon til Det vi skal gjøre nå',
    );
    await expect(page.locator('.history-list')).toContainText('Ola Nordmann (NAV) avsluttet møtet; referat nr. 1 er laget');
    await expectNoAxeViolations(page);
    await page.getByLabel('Hvem').selectOption('Ola Nordmann');
    await page.locator('.history-item', { hasText: 'flyttet «Ringe arbeidsgiver»' }).getByRole('link', { name: 'Kortets historikk' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Historikk for «Ringe arbeidsgiver»');
    await expect(page.locator('.history-item')).toHaveCount(3);

    // Mine oppgaver: Ola marks his task done.
    await page.goto('/oppgaver');
    await expect(page.getByRole('heading', { level: 1, name: 'Mine oppgaver' })).toBeVisible();
    const item = page.locator('.my-task', { hasText: 'Planen til Kari Tidsreise' });
    await expect(item).toContainText('Søke bostøtte');
    await expectNoAxeViolations(page);
    await item.getByRole('button', { name: 'Marker som gjort: Søke bostøtte' }).click();
    await expect(page.locator('.my-task', { hasText: 'Planen til Kari Tidsreise' })).toHaveCount(0);
    const b = await (await request.get(`/api/boards/${board}`)).json();
    expect(b.cards.find((c: any) => c.text === 'Søke bostøtte')).toMatchObject({ status: 'done' });
  });
});

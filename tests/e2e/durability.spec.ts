import { expect, Page, test } from '@playwright/test';
import { cell, createBoard, expectSaved, storedTexts } from './helpers';

// A change the user saw on the screen is never lost: it stays in the browser until the
// server has it, across reloads at any moment and a connection that breaks mid-message.

/** Types a card into a cell of the grid and presses Enter; resolves once it shows. */
async function addCard(page: Page, where: string, text: string) {
  const group = page.getByRole('group', { name: where });
  await group.getByRole('button', { name: new RegExp(`^Legg til kort i ${where}`) }).click();
  const box = group.getByRole('textbox', { name: 'Tekst på kortet' });
  await box.fill(text);
  await box.press('Enter');
  await expect(group.getByRole('button', { name: `Endre kortet: ${text}` })).toBeVisible();
}

/** Waits until the board page has its live connection (so a change goes at once). */
async function expectLive(page: Page) {
  await expect(page.locator('.presence-me')).toBeVisible();
}

test('a card added just before a reload, at any moment, is on the server afterwards', async ({ page, request }) => {
  const board = await createBoard(request, 'Kari Omlasting');
  await page.goto(`/boards/${board}`);
  await expectLive(page);
  // The moment between Enter and the reload is what this test varies: from "the message
  // is still in the page" to "the server has long answered".
  const moments = [
    { after: 0, where: 'Jobb, Dagens situasjon', placement: cell('jobb', 'dagens-situasjon') },
    { after: 50, where: 'Bosituasjon, Dagens situasjon', placement: cell('bosituasjon', 'dagens-situasjon') },
    { after: 100, where: 'Økonomi, Dagens situasjon', placement: cell('okonomi', 'dagens-situasjon') },
    { after: 250, where: 'Fritid, Dagens situasjon', placement: cell('fritid', 'dagens-situasjon') },
  ];
  for (const m of moments) {
    const text = `Omlastet etter ${m.after} ms`;
    await addCard(page, m.where, text);
    if (m.after > 0) await page.waitForTimeout(m.after);
    await page.reload();
    await expect(page.getByRole('button', { name: `Endre kortet: ${text}` })).toBeVisible();
    await expectSaved(page);
    await expect.poll(() => storedTexts(request, board, m.placement)).toEqual([text]);
    await expectLive(page);
  }
  // Each change is on the server exactly once.
  const b = await (await request.get(`/api/boards/${board}`)).json();
  expect(b.cards.filter((c: any) => !c.deleted).map((c: any) => c.text).sort()).toEqual(
    moments.map((m) => `Omlastet etter ${m.after} ms`).sort(),
  );
});

test('a change lost with a broken connection is sent again from the browser after a reload', async ({
  page, request,
}) => {
  const board = await createBoard(request, 'Kari Brudd');
  // The live connection goes through the test, which lets the change's message vanish
  // and then breaks the connection, as a dropped mobile network does.
  let swallow = true;
  let broken = false;
  let healed = false;
  await page.routeWebSocket(/\/api\/boards\/[^/]+\/live$/, (ws) => {
    // After the reload the network is fine again: straight through.
    if (healed) {
      ws.connectToServer();
      return;
    }
    // Once broken, the network stays down for this page: nothing reaches the server.
    if (broken) {
      ws.close({ code: 4000, reason: 'network down' });
      return;
    }
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      if (swallow && typeof message === 'string' && message.includes('"type":"op"')) {
        swallow = false;
        broken = true;
        ws.close({ code: 4000, reason: 'network lost' });
        server.close({ code: 1001 });
        return;
      }
      server.send(message);
    });
    server.onMessage((message) => ws.send(message));
  });
  await page.goto(`/boards/${board}`);
  await expectLive(page);
  const text = 'Sendt mens nettet brøt';
  await addCard(page, 'Psykisk helse, Dagens situasjon', text);
  await expect.poll(() => broken).toBe(true);
  // The server never got it.
  expect(await storedTexts(request, board, cell('psykisk-helse', 'dagens-situasjon'))).toEqual([]);

  healed = true;
  await page.reload();
  await expect(page.getByRole('button', { name: `Endre kortet: ${text}` })).toBeVisible();
  await expectSaved(page);
  await expect.poll(() => storedTexts(request, board, cell('psykisk-helse', 'dagens-situasjon'))).toEqual([text]);
});

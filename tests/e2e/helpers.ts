import { APIRequestContext, expect, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Creates a fresh board through the API, so tests never share state. */
export async function createBoard(request: APIRequestContext, citizen = 'Test Testesen'): Promise<string> {
  const res = await request.post('/api/boards', { data: { citizen_name: citizen } });
  expect(res.status()).toBe(201);
  const board = await res.json();
  return board.id as string;
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

// Drag bench (run by `cargo xtask bench`): a board with 300 cards in Chromium with 4× CPU
// throttling; one card is dragged with the mouse from the top-left cell down the board
// (auto-scrolling at the bottom edge) and across to the last column, then dropped.
// Prints the frame times during the drag (p50, p95, max) and the longest main-thread task.
// Figures only: nothing here passes or fails on a time.
import { chromium } from '@playwright/test';

const base = process.env.BASE_URL;
const board = process.env.BOARD_ID;
if (!base || !board) throw new Error('BASE_URL and BOARD_ID must be set (run `cargo xtask bench`)');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-dev-shm-usage'],
});
const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'nb-NO' });
// The demo investeringsleder, who made the bench board.
const login = await page.request.post(`${base}/api/auth/login`, {
  data: { email: 'ola@duk.test', password: 'duk-demo-passord' },
});
if (login.status() !== 200) throw new Error(`sign-in answered ${login.status()}`);
await page.goto(`${base}/boards/${board}`);
await page.waitForSelector('[data-card]');
const cards = await page.locator('[data-card]').count();
const cdp = await page.context().newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });

const source = page.locator('[data-place="cell:jobb:dagens-situasjon"] [data-card]').first();
await source.scrollIntoViewIfNeeded();
const box = await source.boundingBox();
const start = { x: box.x + box.width / 2, y: box.y + 12 };

await page.evaluate(() => {
  window.__frames = [];
  window.__tasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__tasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: false });
  let last = performance.now();
  const tick = (t) => {
    window.__frames.push(t - last);
    last = t;
    if (!window.__stop) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
});

await page.mouse.move(start.x, start.y);
await page.mouse.down();
// Down the board to the bottom edge, where it scrolls by itself for a while…
const bottom = 900 - 20;
await page.mouse.move(start.x, bottom, { steps: 60 });
for (let i = 0; i < 60; i++) {
  await page.mouse.move(start.x, bottom - (i % 2), { steps: 1 });
}
// …then across to the last column.
await page.mouse.move(1300, 700, { steps: 60 });
const lifted = await page.locator('.card-ghost').count();
await page.mouse.up();
await page.evaluate(() => { window.__stop = true; });
const { frames, tasks } = await page.evaluate(() => ({ frames: window.__frames.slice(1), tasks: window.__tasks }));
await browser.close();

frames.sort((a, b) => a - b);
const pick = (q) => frames[Math.min(frames.length - 1, Math.floor(frames.length * q))];
const longest = tasks.length ? Math.max(...tasks) : 0;
console.log(`  board: ${cards} cards; CPU throttled 4×; card lifted during the drag: ${lifted === 1 ? 'yes' : 'NO'}`);
console.log(`  frames during the drag: n=${frames.length}  p50 ${pick(0.5).toFixed(1)} ms  p95 ${pick(0.95).toFixed(1)} ms  max ${frames[frames.length - 1].toFixed(1)} ms  (budget p95 ≤ 16.7 ms)`);
console.log(`  long tasks (> 50 ms): ${tasks.length}; longest ${longest.toFixed(1)} ms`);

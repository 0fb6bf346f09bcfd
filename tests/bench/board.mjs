// Board bench (run by `cargo xtask bench board`, and by `cargo xtask bench`): the demo
// investeringsleder opens the demo board on a tablet (820×1180, touch) with a cold cache, on
// DevTools' Slow 4G with 4× CPU throttling, five times. Prints the median time from the
// start of navigation until the first card is on the screen, and what the page downloaded
// (compressed, as sent). Then the card dialog, whose code is a module of its own: opened
// the first time while its module still has to come (held back until the tap, as if the
// idle prefetch had not got to it), and a second time (module loaded).
// Figures only: nothing here passes or fails on a time.
import { chromium } from '@playwright/test';

const base = process.env.BASE_URL;
const board = process.env.BOARD_ID;
if (!base || !board) throw new Error('BASE_URL and BOARD_ID must be set (run `cargo xtask bench board`)');
const RUNS = 5;
const SLOW_4G = { latency: 562.5, down: (1.6e6 / 8) * 0.9, up: (750e3 / 8) * 0.9 };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-dev-shm-usage'],
});

// The demo investeringsleder signs in once; each run reuses the session cookie.
const setup = await browser.newContext();
const login = await setup.request.post(`${base}/api/auth/login`, {
  data: { email: 'ola@duk.test', password: 'duk-demo-passord' },
});
if (login.status() !== 200) throw new Error(`sign-in answered ${login.status()}`);
const session = await setup.storageState();
await setup.close();

const kind = (url, type) => {
  if (url.includes('/api/')) return 'api';
  if (url.endsWith('.wasm')) return 'wasm';
  if (url.endsWith('.js')) return 'js';
  if (url.endsWith('.css')) return 'css';
  if (type === 'Font') return 'fonts';
  if (type === 'Document') return 'html';
  return 'other';
};

async function tablet() {
  const ctx = await browser.newContext({
    storageState: session,
    viewport: { width: 820, height: 1180 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    locale: 'nb-NO',
    serviceWorkers: 'block',
  });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: SLOW_4G.latency,
    downloadThroughput: SLOW_4G.down,
    uploadThroughput: SLOW_4G.up,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return { ctx, page, cdp };
}

/** Opens the board; milliseconds from the start of navigation until a card is on screen. */
async function open(page) {
  await page.goto(`${base}/boards/${board}`, { waitUntil: 'commit' });
  const shown = await page.waitForFunction(
    () => {
      const card = [...document.querySelectorAll('[data-card]')].find((e) => {
        const r = e.getBoundingClientRect();
        return r.height > 0 && r.top < innerHeight && r.bottom > 0;
      });
      return card ? performance.now() : false;
    },
    null,
    { polling: 'raf', timeout: 120_000 },
  );
  return shown.jsonValue();
}

/** Taps the first card's "Mer om kortet"; milliseconds until its note field is there. */
async function dialog(page, tapped = () => {}) {
  const more = page.locator('button[aria-label^="Mer om kortet"]').first();
  await more.scrollIntoViewIfNeeded();
  const t0 = await page.evaluate(() => performance.now());
  await more.tap();
  tapped();
  const done = await page.waitForFunction(
    () => (document.querySelector('dialog[open] textarea') ? performance.now() : false),
    null,
    { polling: 'raf', timeout: 120_000 },
  );
  const ms = (await done.jsonValue()) - t0;
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('dialog[open]'));
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n) => (n / 1024).toFixed(1);

const firstCard = [];
const totals = [];
let last = {};
for (let i = 0; i < RUNS; i++) {
  const { ctx, page, cdp } = await tablet();
  const kinds = new Map();
  const bytes = {};
  cdp.on('Network.responseReceived', (e) => kinds.set(e.requestId, kind(e.response.url, e.type)));
  cdp.on('Network.loadingFinished', (e) => {
    const k = kinds.get(e.requestId) ?? 'other';
    bytes[k] = (bytes[k] ?? 0) + e.encodedDataLength;
  });
  firstCard.push(await open(page));
  await page.waitForLoadState('networkidle');
  totals.push(Object.values(bytes).reduce((a, b) => a + b, 0));
  last = bytes;
  await ctx.close();
}

const first = [];
const second = [];
for (let i = 0; i < RUNS; i++) {
  const { ctx, page } = await tablet();
  // The dialogs' module is held back until the tap, then fetched on the throttled network.
  let release;
  const released = new Promise((r) => (release = r));
  await page.route('**/split_board_dialogs.wasm', async (route) => {
    await released;
    await route.continue();
  });
  await open(page);
  await page.waitForSelector('button[aria-label^="Mer om kortet"]');
  first.push(await dialog(page, release));
  second.push(await dialog(page));
  await ctx.close();
}
await browser.close();

const runs = (xs) => xs.map((t) => t.toFixed(0)).join(', ');
console.log(`\nBoard page on a tablet (820×1180), Slow 4G, 4× CPU throttling, cold cache (${RUNS} runs)`);
console.log(`  first card visible: median ${median(firstCard).toFixed(0)} ms  (runs: ${runs(firstCard)} ms)`);
console.log(`  transferred (compressed, headers included): median ${kb(median(totals))} KB`);
console.log(`    ${Object.entries(last).sort().map(([k, v]) => `${k} ${kb(v)} KB`).join(' · ')}`);
console.log(`  card dialog, first opening (its module fetched on the tap): median ${median(first).toFixed(0)} ms  (runs: ${runs(first)} ms)`);
console.log(`  card dialog, second opening (module loaded): median ${median(second).toFixed(0)} ms  (runs: ${runs(second)} ms)`);
console.log('Aim (SPEC §10): board page first visit ≤ 170 KB.');

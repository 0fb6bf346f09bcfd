// Citizen bench (run by `cargo xtask bench citizen`): Kari opens her plan on a phone with a
// cold cache, on a throttled network with 4× CPU throttling, five times per network
// profile, and then once more in the same browser (a repeat visit: the service worker has
// kept the app). Prints the median time until her contact person's name is on the screen
// and everything the page downloaded (compressed, as sent: html, js, wasm, css, fonts, API
// answers). Figures only: nothing here passes or fails on a time.
import { chromium } from '@playwright/test';

const base = process.env.BASE_URL;
if (!base) throw new Error('BASE_URL must be set (run `cargo xtask bench citizen`)');
const RUNS = 5;

// Chromium DevTools' own "Slow 4G" preset, and Lighthouse's mobile profile for comparison.
const PROFILES = [
  { name: 'Slow 4G (DevTools: 562.5 ms, 1.44 Mbit/s down)', latency: 562.5, down: (1.6e6 / 8) * 0.9, up: (750e3 / 8) * 0.9 },
  { name: 'Lighthouse mobile (150 ms RTT, 1.6 Mbit/s down)', latency: 150, down: 1.6384e6 / 8, up: 750e3 / 8 },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-dev-shm-usage'],
});

// Kari signs in once with the demo invitation; each run reuses her session cookie.
const setup = await browser.newContext();
const redeemed = await setup.request.post(`${base}/api/invitations/redeem`, {
  data: { token: 'demo-kari', code: '246810' },
});
if (redeemed.status() !== 200) throw new Error(`redeeming the demo invitation answered ${redeemed.status()}`);
const board = (await redeemed.json()).board_id;
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

async function run(profile) {
  const ctx = await browser.newContext({
    storageState: session,
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    locale: 'nb-NO',
  });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: profile.latency,
    downloadThroughput: profile.down,
    uploadThroughput: profile.up,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const kinds = new Map();
  const bytes = {};
  cdp.on('Network.responseReceived', (e) => kinds.set(e.requestId, kind(e.response.url, e.type)));
  cdp.on('Network.loadingFinished', (e) => {
    const k = kinds.get(e.requestId) ?? 'other';
    bytes[k] = (bytes[k] ?? 0) + e.encodedDataLength;
  });
  const visit = async () => {
    for (const k of Object.keys(bytes)) delete bytes[k];
    await page.goto(`${base}/plan/${board}`, { waitUntil: 'commit' });
    // Milliseconds from the start of navigation to the name being in the document.
    const shown = await page.waitForFunction(
      () => {
        const name = [...document.querySelectorAll('.contact-name')].find((e) => e.textContent.trim().length > 0);
        return name ? performance.now() : false;
      },
      null,
      { polling: 'raf', timeout: 60_000 },
    );
    const ms = await shown.jsonValue();
    await page.waitForLoadState('networkidle');
    return { ms, bytes: { ...bytes } };
  };
  const first = await visit();
  // The service worker has taken over and kept what the page loaded.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    for (let i = 0; i < 100; i++) {
      for (const name of await caches.keys()) {
        const keys = await (await caches.open(name)).keys();
        if (keys.some((r) => r.url.includes('duk_bg.wasm'))) return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  // A repeat visit uses the browser's caches as a phone would.
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  const repeat = await visit();
  await ctx.close();
  return { ...first, repeat };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n) => (n / 1024).toFixed(1);
for (const profile of PROFILES) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await run(profile));
  const times = runs.map((r) => r.ms);
  const totals = runs.map((r) => Object.values(r.bytes).reduce((a, b) => a + b, 0));
  const last = runs[runs.length - 1].bytes;
  console.log(`\n${profile.name}, 4× CPU throttling, phone 360×740, cold cache (${RUNS} runs)`);
  console.log(`  contact person visible: median ${median(times).toFixed(0)} ms  (runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms)`);
  console.log(`  transferred (compressed, headers included): median ${kb(median(totals))} KB`);
  console.log(`    ${Object.entries(last).sort().map(([k, v]) => `${k} ${kb(v)} KB`).join(' · ')}`);
  const again = runs.map((r) => r.repeat.ms);
  const againTotals = runs.map((r) => Object.values(r.repeat.bytes).reduce((a, b) => a + b, 0));
  console.log(`  repeat visit (service worker warm): median ${median(again).toFixed(0)} ms  (runs: ${again.map((t) => t.toFixed(0)).join(', ')} ms), ${kb(median(againTotals))} KB over the network`);
  console.log(`    ${Object.entries(runs[runs.length - 1].repeat.bytes).sort().map(([k, v]) => `${k} ${kb(v)} KB`).join(' · ')}`);
}
console.log('\nAim (issue 16): first visit ≤ 120 KB, ≤ 1.5 s on Lighthouse mobile and ≤ 2.0 s on Slow 4G; repeat visit ≤ 1.0 s on Slow 4G.');
await browser.close();

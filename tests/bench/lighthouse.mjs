// Lighthouse bench (run by `cargo xtask bench lighthouse`): Lighthouse's own figures for
// the citizen's plan (Kari, signed in with the demo invitation) and the board page (Ola,
// the demo board's investeringsleder), on its mobile profile (simulated Slow 4G-like
// throttling, 4× CPU), with Debian's Chromium. Three runs per page; prints the median of
// each figure. Figures only: nothing here passes or fails on a score.
//
// Lighthouse is not a test dependency (it is large); the xtask installs it under
// `target/bench-tools` and passes its folder in LIGHTHOUSE_DIR.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const base = process.env.BASE_URL;
const dir = process.env.LIGHTHOUSE_DIR;
if (!base || !dir) throw new Error('BASE_URL and LIGHTHOUSE_DIR must be set (run `cargo xtask bench lighthouse`)');
const load = (p) => import(pathToFileURL(path.join(dir, 'node_modules', p)).href);
const { default: lighthouse } = await load('lighthouse/core/index.js');
const chromeLauncher = await load('chrome-launcher/dist/index.js');
const RUNS = 3;

/** The session cookie a sign-in answer sets. */
async function signIn(url, body) {
  const res = await fetch(`${base}${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { cookie, answer: await res.json() };
}

const kari = await signIn('/api/invitations/redeem', { token: 'demo-kari', code: '246810' });
const ola = await signIn('/api/auth/login', { email: 'ola@duk.test', password: 'duk-demo-passord' });
const board = kari.answer.board_id;
const pages = [
  { name: "Citizen's plan (/plan/{id}, Kari)", url: `${base}/plan/${board}`, cookie: kari.cookie },
  { name: 'Board page (/boards/{id}, Ola)', url: `${base}/boards/${board}`, cookie: ola.cookie },
];

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-dev-shm-usage'],
});

const FIGURES = [
  ['performance score', (lhr) => Math.round(lhr.categories.performance.score * 100), ''],
  ['First Contentful Paint', (lhr) => lhr.audits['first-contentful-paint'].numericValue, 'ms'],
  ['Largest Contentful Paint', (lhr) => lhr.audits['largest-contentful-paint'].numericValue, 'ms'],
  ['Total Blocking Time', (lhr) => lhr.audits['total-blocking-time'].numericValue, 'ms'],
  ['Speed Index', (lhr) => lhr.audits['speed-index'].numericValue, 'ms'],
  ['Time to Interactive', (lhr) => lhr.audits.interactive?.numericValue, 'ms'],
  ['Cumulative Layout Shift', (lhr) => lhr.audits['cumulative-layout-shift'].numericValue, ''],
  ['bytes transferred', (lhr) => lhr.audits['total-byte-weight'].numericValue / 1024, 'KB'],
];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  for (const page of pages) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const result = await lighthouse(
        page.url,
        { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] },
        { extends: 'lighthouse:default', settings: { extraHeaders: { Cookie: page.cookie } } },
      );
      const lhr = result.lhr;
      if (lhr.runtimeError) throw new Error(`${page.name}: ${lhr.runtimeError.message}`);
      runs.push(lhr);
    }
    const lcpElement = runs[0].audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet;
    console.log(`\n${page.name}: Lighthouse ${runs[0].lighthouseVersion}, mobile profile, median of ${RUNS}`);
    for (const [label, pick, unit] of FIGURES) {
      const values = runs.map(pick).filter((v) => typeof v === 'number');
      if (!values.length) continue;
      const m = median(values);
      const show = (v) => (unit === 'ms' ? v.toFixed(0) : unit === 'KB' ? v.toFixed(1) : Number.isInteger(v) ? String(v) : v.toFixed(3));
      console.log(`  ${label.padEnd(26)} ${show(m).padStart(7)} ${unit}  (runs: ${values.map(show).join(', ')})`);
    }
    if (lcpElement) console.log(`  LCP element: ${lcpElement}`);
  }
  console.log('\nAim (issue 16): performance ≥ 95; LCP ≤ 2.0 s on her plan, ≤ 2.5 s on the board; TBT ≤ 200 ms on the board.');
} finally {
  await chrome.kill();
}

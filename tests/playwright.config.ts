import { defineConfig } from '@playwright/test';

// `cargo xtask test` starts the real server (release build, fresh SQLite database, demo
// board) on a free port and passes its address in BASE_URL.
const baseURL = process.env.BASE_URL;
if (!baseURL) {
  throw new Error('BASE_URL is not set: run the end-to-end tests with `cargo xtask test`');
}

// Debian's Chromium, never a downloaded browser; flags that keep it off the network.
const launchOptions = {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
  ],
};

export default defineConfig({
  testDir: './e2e',
  // Signs in as the demo investeringsleder; tests that need other people make their own.
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: process.env.CI ? [['line']] : [['list']],
  outputDir: './test-results',
  use: {
    baseURL,
    storageState: '.auth/ola.json',
    locale: 'nb-NO',
    timezoneId: 'Europe/Oslo',
    launchOptions,
    // The service worker is tried in offline.spec.ts; elsewhere it would hide requests from
    // page.route and make a test depend on what an earlier page left in its cache.
    serviceWorkers: 'block',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'phone',
      use: { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 },
    },
    {
      name: 'tablet',
      use: { viewport: { width: 820, height: 1180 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 },
    },
    {
      name: 'desktop',
      use: { viewport: { width: 1440, height: 900 } },
    },
  ],
});

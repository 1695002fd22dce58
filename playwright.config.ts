import { defineConfig } from '@playwright/test';

// Started by scripts/e2e.mjs, which builds the web app, starts the API on a temporary PGlite data directory
// with the demo seed and an in-process SMTP server, and passes their addresses here.
const baseURL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3000';
const json = process.env.E2E_JSON;

export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  // One worker: the journeys share one server and one database, and the machine has two cores.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: true,
  outputDir: 'test-results',
  reporter: [
    ['list'],
    ['html', { outputFolder: 'playwright-report', open: 'never' }],
    ...(json ? [['json', { outputFile: json }] as ['json', { outputFile: string }]] : []),
  ],
  use: {
    baseURL,
    browserName: 'chromium',
    locale: 'en-US',
    timezoneId: 'Asia/Ho_Chi_Minh',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    },
  },
});

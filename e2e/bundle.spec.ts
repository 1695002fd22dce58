/// <reference lib="dom" />
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { signIn } from './support';

const BUDGET_KB = 300;

test.use({ viewport: { width: 390, height: 844 }, isMobile: true });

test(`the JavaScript the portal loads first is at most ${BUDGET_KB} KB gzip`, async ({ browser }, testInfo) => {
  // Sign in once, then open the portal in a fresh page with an empty cache, as a returning partner would.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const first = await context.newPage();
  await signIn(first, 'sales@saigondigital.vn');
  await first.close();

  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const scripts = new Map<string, number>();
  page.on('response', async (res) => {
    if (!res.url().endsWith('.js')) return;
    const body = await res.body().catch(() => null);
    if (body) scripts.set(res.url(), gzipSync(body, { level: 9 }).length);
  });
  await page.goto('/portal');
  await expect(page.getByRole('heading', { level: 2, name: 'Saigon Digital Solutions' })).toBeVisible();
  await page.waitForLoadState('networkidle');

  const total = [...scripts.values()].reduce((a, b) => a + b, 0) / 1024;
  const lines = [...scripts]
    .sort((a, b) => b[1] - a[1])
    .map(([url, bytes]) => `${(bytes / 1024).toFixed(1).padStart(7)} KB  ${new URL(url).pathname}`);
  const report = `portal first load: ${total.toFixed(1)} KB gzip in ${scripts.size} files (budget ${BUDGET_KB} KB)\n${lines.join('\n')}`;
  console.log(report);
  await testInfo.attach('portal-first-load.txt', { body: report, contentType: 'text/plain' });
  expect(total).toBeLessThanOrEqual(BUDGET_KB);
  await context.close();
});

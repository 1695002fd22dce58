/// <reference lib="dom" />
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { apiSignIn, partnerIdByName, signIn } from './support';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe-core over the rendered page: labels, names, landmarks, contrast (WCAG 2.2 AA rules axe can decide). */
async function audit(page: Page, label: string) {
  await page.waitForLoadState('networkidle');
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const problems = result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => `${n.target.join(' ')} ${n.html.slice(0, 200)}`)
        .slice(0, 3)
        .join(' | ')}`,
  );
  expect(problems, `${label}\n${problems.join('\n')}`).toEqual([]);
}

test('console screens pass axe (WCAG 2.2 AA rules) and are keyboard reachable', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await audit(page, 'sign-in');

  await signIn(page, 'admin@northwind.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Partners' })).toBeVisible();
  await audit(page, 'partners list');

  // Keyboard: the skip link is the first stop and moves focus to the page.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();

  // The command palette opens from the keyboard and finds a partner by name.
  await page.keyboard.press('Control+k');
  const search = page.getByPlaceholder('Type a page or a partner name');
  await expect(search).toBeFocused();
  await search.fill('Baltic');
  await expect(page.getByRole('button', { name: /Baltic Data Solutions/ })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.getByRole('button', { name: /Baltic Data Solutions/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Baltic Data Solutions' })).toBeVisible();
  await audit(page, 'partner detail');

  await page.getByRole('tab', { name: 'Timeline' }).click();
  await audit(page, 'partner timeline');
  await page.goto('/console/import');
  await expect(page.getByRole('heading', { level: 1, name: 'Import and export' })).toBeVisible();
  await audit(page, 'import wizard');
  await page.goto('/console/settings/tiers');
  await expect(page.getByRole('heading', { level: 1, name: 'Tiers' })).toBeVisible();
  await audit(page, 'tiers');
  await page.goto('/console/audit-log');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await audit(page, 'audit log');
});

test.describe('portal on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('portal screens pass axe (WCAG 2.2 AA rules)', async ({ page }) => {
    await signIn(page, 'admin@twcloud.com.tw');
    await expect(page.getByRole('heading', { level: 2, name: '台灣雲端科技' })).toBeVisible();
    await audit(page, 'portal home (zh-Hant)');
    await page.goto('/portal/company');
    await expect(page.getByRole('heading', { level: 1, name: '台灣雲端科技' })).toBeVisible();
    await audit(page, 'portal company');
    await page.goto('/portal/team');
    await audit(page, 'portal team');
  });
});

test('an unknown partner id in the console is a proper not-found page', async ({ page }) => {
  await apiSignIn(page.request, 'admin@northwind.example');
  expect(await partnerIdByName(page.request, 'Riga Cloud')).toBeTruthy();
  await signIn(page, 'admin@northwind.example');
  await page.goto('/console/partners/00000000-0000-7000-8000-000000000000');
  await expect(page.getByRole('heading', { level: 1, name: 'Partner not found' })).toBeVisible();
  await page.goto('/console/no-such-page');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
});

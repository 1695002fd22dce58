/// <reference lib="dom" />
import { expect, test } from '@playwright/test';
import { signIn } from './support';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

test('the portal at 390×844 is usable: status, open items, tab bar, team, no sideways scrolling', async ({
  page,
}, testInfo) => {
  await signIn(page, 'admin@saigondigital.vn');
  await expect(page).toHaveURL(/\/portal$/);

  // The demo partner admin reads Vietnamese (their profile says vi).
  await expect(page.getByRole('heading', { level: 2, name: 'Saigon Digital Solutions' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Việc cần làm' })).toBeVisible();
  await expect(page.getByText('Đang hoạt động').first()).toBeVisible();
  const tabBar = page.getByRole('navigation', { name: 'Các mục của cổng đối tác' });
  await expect(tabBar).toBeVisible();

  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const shot = testInfo.outputPath('portal-home-390x844.png');
  await page.screenshot({ path: shot });
  await testInfo.attach('portal home at 390×844', { path: shot, contentType: 'image/png' });

  // Every tap target in the tab bar is at least 44 px tall (WCAG 2.5.8 asks for 24).
  for (const box of await tabBar
    .getByRole('link')
    .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))) {
    expect(box).toBeGreaterThanOrEqual(44);
  }

  await tabBar.getByRole('link', { name: 'Nhóm' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nhóm' })).toBeVisible();
  await expect(page.getByText('sales@saigondigital.vn')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Mời người khác' })).toBeVisible();
  const teamShot = testInfo.outputPath('portal-team-390x844.png');
  await page.screenshot({ path: teamShot });
  await testInfo.attach('portal team at 390×844', { path: teamShot, contentType: 'image/png' });

  await tabBar.getByRole('link', { name: 'Công ty' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Saigon Digital Solutions' })).toBeVisible();
  const overflowCompany = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflowCompany).toBeLessThanOrEqual(0);
});

/// <reference lib="dom" />
import { expect, test } from '@playwright/test';
import { signIn } from './support';

test('the console switched to Vietnamese shows Vietnamese, and the choice is kept in the profile', async ({ page }) => {
  await signIn(page, 'cm@northwind.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Partners' })).toBeVisible();

  await page.goto('/console/profile');
  await page.getByRole('combobox', { name: 'Language' }).click();
  await page.getByRole('option', { name: 'Tiếng Việt' }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Đã lưu hồ sơ của bạn.')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');

  await page.getByRole('link', { name: 'Đối tác', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Đối tác' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Nhật ký kiểm tra' })).toHaveCount(0); // not a CM permission
  await expect(page.getByRole('button', { name: 'Bộ lọc' })).toBeVisible();
  await expect(page.getByText('Đang hoạt động').first()).toBeVisible();

  // Persisted through PATCH /me: a fresh browser signs in straight into Vietnamese.
  const fresh = await page.context().browser()?.newContext();
  if (!fresh) throw new Error('no browser');
  const again = await fresh.newPage();
  await signIn(again, 'cm@northwind.example');
  await expect(again.getByRole('heading', { level: 1, name: 'Đối tác' })).toBeVisible();
  const me = await again.request.get('/api/v1/me');
  expect(((await me.json()) as { me: { user: { locale: string } } }).me.user.locale).toBe('vi');
  await fresh.close();
});

/// <reference lib="dom" />
import { expect, test } from '@playwright/test';
import { apiSignIn, signIn } from './support';

// C4 journey: the vendor owns an account; a partner registers the same customer on a phone (in Vietnamese,
// the demo partner user's language), sees the honest conflict hint, submits; the channel manager who owns the
// partner approves with the conflict panel in view; the partner then sees the protection countdown.
test.describe.configure({ mode: 'serial' });

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const CUSTOMER = 'Công ty Cổ phần Mekong Logistics';

test('a partner registers a deal on a phone, sees the conflict hint; the channel manager approves; the countdown shows', async ({
  browser,
  request,
}, testInfo) => {
  // The vendor already owns the customer as a direct account.
  const { csrf } = await apiSignIn(request, 'admin@northwind.example');
  const created = await request.post('/api/v1/accounts', {
    headers: { 'x-csrf-token': csrf },
    data: { name: 'Mekong Logistics JSC', domains: ['mekonglogistics.vn'], country: 'VN' },
  });
  expect(created.status()).toBe(201);

  // --- the partner, on a phone ---
  const phone = await browser.newContext(PHONE);
  const page = await phone.newPage();
  await signIn(page, 'sales@saigondigital.vn');
  await expect(page).toHaveURL(/\/portal$/);
  const tabBar = page.getByRole('navigation', { name: 'Các mục của cổng đối tác' });
  await tabBar.getByRole('link', { name: 'Cơ hội' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Đăng ký của tôi' })).toBeVisible();
  await page.getByRole('link', { name: 'Đăng ký', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Đăng ký cơ hội' })).toBeVisible();

  await page.getByLabel('Tên công ty khách hàng').fill(CUSTOMER);
  await page.getByLabel('Website hoặc tên miền email').fill('mekonglogistics.vn');
  await page.getByRole('combobox', { name: 'Quốc gia' }).fill('Việt Nam');
  await page.getByRole('option', { name: 'Việt Nam (VN)' }).click();

  // The live hint says the customer appears taken and why, never by whom or for how much.
  const hint = page.getByRole('status').filter({ hasText: 'Khách hàng này có vẻ đã được đăng ký' });
  await expect(hint).toBeVisible();
  await expect(hint.getByText('Cùng tên miền website')).toBeVisible();
  await expect(hint).not.toContainText('Northwind');
  await expect(hint).not.toContainText('Mekong Logistics JSC');

  await page.getByLabel('Tên', { exact: true }).fill('Trần');
  await page.getByLabel('Họ', { exact: true }).fill('Văn Nam');
  await page.getByLabel('Email', { exact: true }).fill('nam.tran@mekonglogistics.vn');
  await page.getByLabel('Sản phẩm', { exact: true }).fill('Trellis Enterprise');
  await page.getByLabel('Số lượng').fill('25');
  await page.getByLabel('Số tiền').fill('12500.50');
  await page.getByLabel('Ngày dự kiến chốt').fill('2027-03-31');

  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const formShot = testInfo.outputPath('deal-form-390x844.png');
  await page.screenshot({ path: formShot, fullPage: true });
  await testInfo.attach('register a deal at 390×844', { path: formShot, contentType: 'image/png' });

  await page.getByRole('button', { name: 'Gửi phê duyệt' }).click();
  await expect(page.getByRole('heading', { level: 1, name: CUSTOMER })).toBeVisible();
  await expect(page.getByText('Đã gửi', { exact: true }).first()).toBeVisible();
  const dealUrl = page.url();
  expect(dealUrl).toMatch(/\/portal\/deals\/[0-9a-f-]{36}$/);

  // --- the channel manager who owns Saigon Digital Solutions, in the console ---
  const desk = await browser.newContext();
  const desktop = await desk.newPage();
  await signIn(desktop, 'cm@northwind.example');
  await desktop.getByRole('link', { name: 'Deal registrations' }).first().click();
  await expect(desktop.getByRole('heading', { level: 1, name: 'Deal registrations' })).toBeVisible();
  await desktop.getByRole('link', { name: CUSTOMER }).first().click();
  await expect(desktop.getByRole('heading', { level: 1, name: CUSTOMER })).toBeVisible();

  const conflicts = desktop.getByRole('region', { name: 'Conflicts' });
  await expect(conflicts.getByText('Mekong Logistics JSC')).toBeVisible();
  await expect(conflicts.getByText('Direct account')).toBeVisible();
  await expect(conflicts.getByText('Same website domain')).toBeVisible();
  await expect(conflicts.getByText('mekonglogistics.vn')).toBeVisible();
  const reviewShot = testInfo.outputPath('deal-review-console.png');
  await desktop.screenshot({ path: reviewShot, fullPage: true });
  await testInfo.attach('review with the conflict panel', { path: reviewShot, contentType: 'image/png' });

  await desktop.getByRole('button', { name: 'Approve' }).click();
  const dialog = desktop.getByRole('dialog', { name: 'Approve' });
  await dialog.getByLabel('Reason').fill('Partner sourced; direct account is dormant.');
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await expect(dialog).toBeHidden();
  await expect(desktop.getByText('Approved', { exact: true }).first()).toBeVisible();
  await expect(desktop.getByText(/Protected: \d+ days left/)).toBeVisible();

  // --- back on the phone: the status, the reason and the countdown in the partner's time zone ---
  await page.goto(dealUrl);
  await expect(page.getByText('Đã phê duyệt', { exact: true }).first()).toBeVisible();
  await expect(page.getByTestId('protection-countdown')).toHaveText(/Được bảo hộ: còn \d+ ngày/);
  await expect(page.getByText('Lý do: Partner sourced; direct account is dormant.').first()).toBeVisible();
  const detailShot = testInfo.outputPath('deal-detail-390x844.png');
  await page.screenshot({ path: detailShot, fullPage: true });
  await testInfo.attach('approved deal at 390×844', { path: detailShot, contentType: 'image/png' });
  const overflowDetail = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflowDetail).toBeLessThanOrEqual(0);

  await desk.close();
  await phone.close();
});

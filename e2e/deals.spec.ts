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

// C4 journey in Latvian: a draft first, a quote attached to it, the draft edited and submitted; the vendor
// reads the attachment, approves and closes the deal as won; the partner sees who closed it and why.
test('a partner drafts a deal, attaches a quote, edits and submits it; the vendor approves and closes it as won', async ({
  browser,
}) => {
  const customer = 'SIA Daugavas Loģistika';
  const quote = '%PDF-1.4\n% piedāvājums Nr. 42\n';

  const phone = await browser.newContext(PHONE);
  const page = await phone.newPage();
  await signIn(page, 'sales@bdr.lv');
  await page.getByRole('navigation', { name: 'Portāla sadaļas' }).getByRole('link', { name: 'Darījumi' }).click();
  await page.getByRole('link', { name: 'Reģistrēt', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reģistrēt darījumu' })).toBeVisible();
  await page.getByLabel('Klienta uzņēmuma nosaukums').fill(customer);
  await page.getByLabel('Tīmekļa vietne vai e-pasta domēns').fill('https://www.daugavaslogistika.lv/kontakti');
  await page.getByRole('combobox', { name: 'Valsts' }).fill('Latvija');
  await page.getByRole('option', { name: 'Latvija (LV)' }).click();
  await page.getByLabel('Vārds', { exact: true }).fill('Jānis');
  await page.getByLabel('Uzvārds', { exact: true }).fill('Bērziņš');
  await page.getByLabel('E-pasts', { exact: true }).fill('janis.berzins@daugavaslogistika.lv');
  await page.getByLabel('Produkts', { exact: true }).fill('Trellis Cloud');
  await page.getByLabel('Daudzums').fill('10');
  await page.getByLabel('Summa').fill('4000');
  await page.getByLabel('Paredzamais noslēgšanas datums').fill('2027-06-30');
  await page.getByRole('button', { name: 'Saglabāt melnrakstu' }).click();

  // The draft opens at its attachments.
  await expect(page.getByRole('heading', { level: 1, name: customer })).toBeVisible();
  await expect(page.getByText('Melnraksts', { exact: true }).first()).toBeVisible();
  const dealUrl = page.url().replace(/#.*$/, '');
  const dealId = dealUrl.split('/').pop() ?? '';
  expect(dealId).toMatch(/^[0-9a-f-]{36}$/);
  await page
    .locator('input[type="file"]')
    .setInputFiles({ name: 'Piedāvājums.pdf', mimeType: 'application/pdf', buffer: Buffer.from(quote) });
  await expect(page.getByText('Pievienots 1 fails.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Lejupielādēt Piedāvājums.pdf' })).toBeVisible();

  // Edit the draft: a bigger deal, then submit from the edit screen.
  await page.getByRole('link', { name: 'Labot' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Labot reģistrāciju' })).toBeVisible();
  await expect(page.getByLabel('Klienta uzņēmuma nosaukums')).toHaveValue(customer);
  await page.getByLabel('Summa').fill('9800.50');
  await page.getByRole('button', { name: 'Saglabāt un iesniegt' }).click();
  await expect(page).toHaveURL(dealUrl);
  await expect(page.getByText('Iesniegts', { exact: true }).first()).toBeVisible();
  // Latvian groups digits only from five on: 9800,50.
  await expect(page.getByText(/Kopā: 9800,50/)).toBeVisible();
  // Submitted: the files stay, the edit button is gone.
  await expect(page.getByRole('link', { name: 'Lejupielādēt Piedāvājums.pdf' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Labot' })).toHaveCount(0);

  // --- the vendor admin reads the quote, approves, and later closes the deal as won ---
  const desk = await browser.newContext({ acceptDownloads: true });
  const desktop = await desk.newPage();
  await signIn(desktop, 'admin@northwind.example');
  await desktop.goto(`/console/deals/${dealId}`);
  await expect(desktop.getByRole('heading', { level: 1, name: customer })).toBeVisible();
  const [download] = await Promise.all([
    desktop.waitForEvent('download'),
    desktop.getByRole('link', { name: 'Download Piedāvājums.pdf' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('Piedāvājums.pdf');
  const saved = await download.path();
  const { readFileSync } = await import('node:fs');
  expect(readFileSync(saved, 'utf8')).toBe(quote);

  await desktop.getByRole('button', { name: 'Approve' }).click();
  const approve = desktop.getByRole('dialog', { name: 'Approve' });
  await approve.getByLabel('Reason').fill('New logo in Latvia.');
  await approve.getByRole('button', { name: 'Approve' }).click();
  await expect(approve).toBeHidden();
  await expect(desktop.getByText('Approved', { exact: true }).first()).toBeVisible();

  await desktop.getByRole('button', { name: 'Close as won' }).click();
  const close = desktop.getByRole('dialog', { name: 'Close as won' });
  await close.getByLabel('Reason').fill('Signed on the vendor paper, order 2027-118.');
  await close.getByRole('button', { name: 'Close as won' }).click();
  await expect(close).toBeHidden();
  await expect(desktop.getByTestId('deal-outcome')).toContainText('(vendor)');

  // --- the partner sees the outcome, who closed it and why, in Latvian ---
  await page.goto(dealUrl);
  const outcome = page.getByTestId('deal-outcome');
  await expect(outcome).toContainText('Uzvarēts');
  await expect(outcome).toContainText('(piegādātājs)');
  await expect(outcome).toContainText('Iemesls: Signed on the vendor paper, order 2027-118.');

  await desk.close();
  await phone.close();
});

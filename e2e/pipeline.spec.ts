/// <reference lib="dom" />
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { apiSignIn, signIn } from './support';

// C6 journey: a partner's approved deal sits in the first stage of the pipeline; the partner, on a phone and
// in Vietnamese, moves it to Negotiation with the keyboard-operable "Move to…" menu (no dragging); the
// admin's forecast in the console then weighs it at the new stage's probability. A move into a lost stage
// asks for the lost reason and records the outcome on the registration in the same request.
test.describe.configure({ mode: 'serial' });

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const CUSTOMER = `Công ty TNHH Thép Đồng Nai ${Date.now().toString(36)}`;
const AMOUNT_MINOR = 1_000_000; // 10,000.00 USD, the workspace's base currency

/** axe-core (WCAG 2.2 AA rules it can decide) over the rendered page. */
async function audit(page: Page, label: string) {
  await page.waitForLoadState('networkidle');
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const problems = result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(' | ')}`,
  );
  expect(problems, `${label}\n${problems.join('\n')}`).toEqual([]);
}

type Forecast = { totals: { weightedMinor: number }; stages: { name: string; dealCount: number }[] };

test('a partner moves its deal on the portal without dragging; the console forecast reflects it', async ({
  browser,
  request,
}, testInfo) => {
  // --- set-up through the API: the partner registers, the admin approves ---
  const closeDate = new Date(Date.now() + 45 * 86_400_000).toISOString().slice(0, 10);
  let { csrf } = await apiSignIn(request, 'sales@saigondigital.vn');
  const created = await request.post('/api/v1/deal-registrations', {
    headers: { 'x-csrf-token': csrf },
    data: {
      customer: { name: CUSTOMER, country: 'VN' },
      contact: { firstName: 'Hùng', lastName: 'Võ', email: 'hung.vo@thepdongnai.example' },
      products: [
        { product: 'Trellis Enterprise', quantity: 1, amount: { amountMinor: AMOUNT_MINOR, currency: 'USD' } },
      ],
      expectedCloseDate: closeDate,
      submit: true,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const dealId = (await created.json()).registration.id as string;
  ({ csrf } = await apiSignIn(request, 'admin@northwind.example'));
  const approved = await request.post(`/api/v1/deal-registrations/${dealId}/approve`, {
    headers: { 'x-csrf-token': csrf },
    data: {},
  });
  expect(approved.status(), await approved.text()).toBe(200);
  const before = (await (await request.get('/api/v1/pipeline/forecast')).json()).forecast as Forecast;

  // --- the partner, on a phone ---
  const phone = await browser.newContext(PHONE);
  const page = await phone.newPage();
  await signIn(page, 'sales@saigondigital.vn');
  const tabBar = page.getByRole('navigation', { name: 'Các mục của cổng đối tác' });
  await tabBar.getByRole('link', { name: 'Kênh bán' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kênh bán hàng của tôi' })).toBeVisible();
  const card = page.getByTestId(`stage-Qualification`).getByTestId(`deal-card-${CUSTOMER}`);
  await expect(card).toBeVisible();

  // Keyboard only: focus the card's "Move to…" button, open it with Enter, pick the stage with Enter.
  const moveButton = card.getByRole('button', { name: `Chuyển ${CUSTOMER} sang giai đoạn khác` });
  await moveButton.focus();
  await page.keyboard.press('Enter');
  const target = page.getByRole('menuitem', { name: /^Negotiation/ });
  await expect(target).toBeVisible();
  await target.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText(`Đã chuyển ${CUSTOMER} sang Negotiation`)).toBeVisible();
  await expect(page.getByTestId('stage-Negotiation').getByTestId(`deal-card-${CUSTOMER}`)).toBeVisible();
  await expect(page.getByTestId('stage-Qualification').getByTestId(`deal-card-${CUSTOMER}`)).toHaveCount(0);

  await audit(page, 'portal pipeline (phone)');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const shot = testInfo.outputPath('portal-pipeline-390x844.png');
  await page.screenshot({ path: shot, fullPage: true });
  await testInfo.attach('the partner pipeline at 390×844', { path: shot, contentType: 'image/png' });
  await phone.close();

  // The server recorded the partner's move.
  const moves = await request.get(`/api/v1/pipeline/deals/${dealId}/moves`);
  expect((await moves.json()).data[0]).toMatchObject({ from: { name: 'Qualification' }, to: { name: 'Negotiation' } });

  // --- the admin's forecast: 10 % → 75 % of 10,000.00 USD adds 6,500.00 to the weighted total ---
  const after = (await (await request.get('/api/v1/pipeline/forecast')).json()).forecast as Forecast;
  expect(after.totals.weightedMinor - before.totals.weightedMinor).toBe(650_000);
  const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const admin = await desk.newPage();
  await signIn(admin, 'admin@northwind.example');
  await admin.goto('/console/pipeline');
  await expect(admin.getByRole('heading', { level: 1, name: 'Pipeline' })).toBeVisible();
  await expect(admin.getByTestId(`deal-card-${CUSTOMER}`)).toBeVisible();
  await audit(admin, 'console pipeline board');
  await admin.getByRole('tab', { name: 'Forecast' }).click();
  const weighted = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(
    after.totals.weightedMinor / 100,
  );
  await expect(admin.getByTestId('forecast-weighted')).toHaveText(weighted);
  const negotiation = after.stages.find((s) => s.name === 'Negotiation');
  await expect(admin.getByTestId('forecast-stage-Negotiation')).toContainText(String(negotiation?.dealCount));
  await audit(admin, 'console forecast');
  const consoleShot = testInfo.outputPath('console-forecast.png');
  await admin.screenshot({ path: consoleShot, fullPage: true });
  await testInfo.attach('the console forecast', { path: consoleShot, contentType: 'image/png' });
  // The settings screens: stages, and exchange rates with the ECB upload.
  await admin.goto('/console/settings/pipeline');
  await expect(admin.getByRole('heading', { level: 1, name: 'Pipeline stages' })).toBeVisible();
  await audit(admin, 'pipeline stages');
  await admin.goto('/console/settings/exchange-rates');
  await expect(admin.getByRole('heading', { level: 1, name: 'Exchange rates' })).toBeVisible();
  await audit(admin, 'exchange rates');
  await desk.close();
});

test('a partner closes a deal as lost from the "Move to…" menu, giving the lost reason the dialog asks for', async ({
  browser,
  request,
}) => {
  const customer = `Công ty CP Gốm Biên Hòa ${Date.now().toString(36)}`;
  let { csrf } = await apiSignIn(request, 'sales@saigondigital.vn');
  const created = await request.post('/api/v1/deal-registrations', {
    headers: { 'x-csrf-token': csrf },
    data: {
      customer: { name: customer, country: 'VN' },
      contact: { firstName: 'Mai', lastName: 'Lê', email: 'mai.le@gombienhoa.example' },
      products: [{ product: 'Trellis Enterprise', quantity: 1, amount: { amountMinor: 400_000, currency: 'USD' } }],
      expectedCloseDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      submit: true,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const dealId = (await created.json()).registration.id as string;
  ({ csrf } = await apiSignIn(request, 'admin@northwind.example'));
  const approved = await request.post(`/api/v1/deal-registrations/${dealId}/approve`, {
    headers: { 'x-csrf-token': csrf },
    data: {},
  });
  expect(approved.status(), await approved.text()).toBe(200);

  const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await desk.newPage();
  await signIn(page, 'sales@saigondigital.vn');
  await page.goto('/portal/pipeline');
  const card = page.getByTestId('stage-Qualification').getByTestId(`deal-card-${customer}`);
  await expect(card).toBeVisible();
  await card.getByRole('button', { name: `Chuyển ${customer} sang giai đoạn khác` }).click();
  await page.getByRole('menuitem', { name: /^Closed lost/ }).click();

  // The move waits for the reason: the confirm button stays off until a lost reason code is chosen.
  const dialog = page.getByRole('dialog', { name: `Đóng ${customer} là thất bại (Closed lost)` });
  await expect(dialog).toBeVisible();
  const confirm = dialog.getByRole('button', { name: 'Đóng là thất bại' });
  await expect(confirm).toBeDisabled();
  await dialog.getByRole('combobox', { name: /^Vì sao thất bại/ }).click();
  await page.getByRole('option', { name: 'Giá' }).click();
  await dialog.getByRole('textbox', { name: /^Chi tiết/ }).fill('Khách chọn gói rẻ hơn');
  await audit(page, 'close-as-lost dialog');
  await confirm.click();
  await expect(page.getByText(`Đã chuyển ${customer} sang Closed lost`)).toBeVisible();
  await expect(page.getByTestId('stage-Closed lost').getByTestId(`deal-card-${customer}`)).toBeVisible();
  await desk.close();

  // The registration says the same as the board: lost, with the partner's reason code and text.
  const registration = (await (await request.get(`/api/v1/deal-registrations/${dealId}`)).json()).registration;
  expect(registration).toMatchObject({
    status: 'lost',
    outcome: { reasonCode: 'price', reason: 'Khách chọn gói rẻ hơn', closedBySide: 'partner' },
  });
});

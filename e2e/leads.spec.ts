/// <reference lib="dom" />
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { apiSignIn, partnerIdByName, signIn } from './support';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe-core over the rendered page (WCAG 2.2 AA rules axe can decide). */
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

// C5 journey: the vendor has a routing rule for Vietnam; the vendor admin imports a Salesforce Lead export
// through the import wizard (one broken row is reported and skipped) and the imported leads are routed in bulk:
// the Vietnamese one by that rule to Saigon Digital Solutions, with the explanation on the lead. The partner's sales
// person, on a phone and in Vietnamese, sees the offer with the time left and the contact hidden, accepts it
// (the contact appears) and converts it to a deal registration; the console then shows the lead converted,
// linked to the registration, with the routing explanation.
test.describe.configure({ mode: 'serial' });

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const COMPANY = 'Công ty TNHH Nông sản Cửu Long';
const RULE = 'Vietnam → Saigon Digital';

test('a lead is imported, routed by a rule to a partner, accepted on a phone and converted to a deal registration', async ({
  browser,
  request,
}, testInfo) => {
  // --- the routing rule: leads from Vietnam go to Saigon Digital Solutions, round robin among its partners ---
  const { csrf } = await apiSignIn(request, 'admin@northwind.example');
  const saigon = await partnerIdByName(request, 'Saigon Digital');
  const saved = await request.put('/api/v1/leads/routing-settings', {
    headers: { 'x-csrf-token': csrf },
    data: {
      rules: [
        {
          id: crypto.randomUUID(),
          name: RULE,
          position: 10,
          enabled: true,
          conditions: [
            { subject: 'lead', attribute: 'country', operator: 'in', values: ['VN'] },
            { subject: 'partner', attribute: 'partner', operator: 'in', values: [saigon] },
          ],
          strategy: { type: 'round_robin' },
          whenNoEligible: 'fallback',
        },
      ],
      hideContactUntilAccepted: true,
    },
  });
  expect(saved.status(), await saved.text()).toBe(200);

  // --- the vendor admin imports the lead from a Salesforce Lead export, through the wizard ---
  const desk = await browser.newContext();
  const desktop = await desk.newPage();
  await signIn(desktop, 'admin@northwind.example');
  await desktop.goto('/console/settings/leads');
  await expect(desktop.getByRole('heading', { level: 1, name: 'Lead routing' })).toBeVisible();
  await expect(desktop.getByRole('region', { name: `Rule 1: ${RULE}` })).toBeVisible();

  await desktop.getByRole('link', { name: 'Leads', exact: true }).first().click();
  await expect(desktop.getByRole('heading', { level: 1, name: 'Leads' })).toBeVisible();
  await desktop.getByRole('link', { name: 'Import', exact: true }).click();
  await expect(desktop.getByRole('heading', { level: 1, name: 'Import and export' })).toBeVisible();
  // The board's link asks for leads: that kind is chosen.
  await expect(desktop.getByRole('radio', { name: 'Leads', exact: true })).toBeChecked();
  const file = [
    'Lead ID,First Name,Last Name,Company,Email,Phone,Country,State,Lead Source,No. of Employees,Product Interest',
    `00Q5g01,Hồng,Nguyễn Thị,${COMPANY},hong.nguyen@nongsancuulong.vn,+84 292 3821 555,Vietnam,Cần Thơ,Trade Show,51-200,Trellis Cloud`,
    '00Q5g02,Jānis,Ozols,Rīgas Loģistika SIA,janis@rigaslogistika.lv,+371 6700 0000,Latvia,,Web,12,Trellis Cloud',
    '00Q5g03,Ghost,Row,Atlantis Trading,ghost@atlantis.example,,Atlantis,,Web,,',
  ].join('\r\n');
  await desktop.locator('input[type="file"]').setInputFiles({
    name: 'salesforce-leads.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(file, 'utf8'),
  });
  await desktop.getByRole('button', { name: 'Upload and continue' }).click();

  // Salesforce's headers map themselves.
  await expect(desktop.getByRole('heading', { name: /Map the columns \(3 rows\)/ })).toBeVisible();
  await expect(desktop.getByText('Recognised: Salesforce export')).toBeVisible();
  await expect(desktop.getByRole('combobox', { name: 'Trellis field for column Email' })).toHaveValue('E-mail');
  await expect(desktop.getByRole('combobox', { name: 'Trellis field for column Company' })).toHaveValue('Company *');
  await desktop.getByRole('button', { name: 'Check the file' }).click();

  // The broken row is named by its row and column; the others will be imported and routed.
  await expect(desktop.getByRole('heading', { name: 'Check result' })).toBeVisible();
  await expect(desktop.getByText('2 rows will be imported; 1 row with errors will be skipped.')).toBeVisible();
  const dryErrors = desktop.getByRole('table', { name: 'Rows with errors' }).locator('tbody tr');
  await expect(dryErrors).toHaveCount(1);
  await expect(dryErrors.first()).toContainText('4');
  await expect(dryErrors.first()).toContainText('Country');
  await expect(dryErrors.first()).toContainText('"Atlantis" is not a country');
  await expect(
    desktop.getByRole('checkbox', { name: 'Route the imported leads to partners when the import ends' }),
  ).toBeChecked();
  await desktop.getByRole('button', { name: 'Import 2 rows' }).click();

  await expect(desktop.getByRole('heading', { name: 'Import finished' })).toBeVisible({ timeout: 60_000 });
  await expect(desktop.getByTestId('imported-count')).toHaveText('2');
  await expect(desktop.getByTestId('error-count')).toHaveText('1');
  // Routed after the import: the Vietnamese lead to a partner, the Latvian one (no rule) to the fallback queue.
  await expect(desktop.getByTestId('routed-count')).toHaveText('1');
  await expect(desktop.getByTestId('fallback-count')).toHaveText('1');
  await desktop.getByRole('link', { name: 'See the leads' }).click();
  await expect(desktop.getByRole('heading', { level: 1, name: 'Leads' })).toBeVisible();
  await desktop.getByRole('link', { name: COMPANY }).click();

  await expect(desktop.getByRole('heading', { level: 1, name: COMPANY })).toBeVisible();
  await expect(desktop.getByText('Offered', { exact: true }).first()).toBeVisible();
  const explanation = desktop.getByRole('region', { name: 'Why it went there' });
  await expect(explanation.getByTestId('explanation-headline')).toHaveText(
    `Assigned to Saigon Digital Solutions by the rule “${RULE}” (round robin).`,
  );
  await expect(explanation.getByRole('cell', { name: /Saigon Digital Solutions/ })).toBeVisible();
  const leadUrl = desktop.url();
  expect(leadUrl).toMatch(/\/console\/leads\/[0-9a-f-]{36}$/);

  // --- the partner's sales person, on a phone, in Vietnamese ---
  const phone = await browser.newContext(PHONE);
  const page = await phone.newPage();
  await signIn(page, 'sales@saigondigital.vn');
  const tabBar = page.getByRole('navigation', { name: 'Các mục của cổng đối tác' });
  await tabBar.getByRole('link', { name: 'Tiềm năng' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hộp khách hàng tiềm năng' })).toBeVisible();
  const card = page.getByRole('link').filter({ hasText: COMPANY });
  await expect(card).toBeVisible();
  await expect(card.getByTestId('sla-countdown')).toContainText(/Còn \d+ giờ \d+ phút để nhận/);
  await expect(card.getByText('Ẩn liên hệ đến khi nhận')).toBeVisible();
  await card.click();

  await expect(page.getByRole('heading', { level: 1, name: COMPANY })).toBeVisible();
  // Hidden, and said so: the partner knows there is a contact to see once it accepts.
  await expect(page.getByTestId('contact-hidden')).toBeVisible();
  await expect(page.getByText('hong.nguyen@nongsancuulong.vn')).toHaveCount(0);
  const offerShot = testInfo.outputPath('lead-offer-390x844.png');
  await page.screenshot({ path: offerShot, fullPage: true });
  await testInfo.attach('an offered lead at 390×844', { path: offerShot, contentType: 'image/png' });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

  await page.getByRole('button', { name: 'Nhận', exact: true }).click();
  await expect(page.getByText('Đã nhận', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'hong.nguyen@nongsancuulong.vn' })).toBeVisible();

  // Convert: the customer and contact come from the lead; the product line is pre-filled from its interests.
  await page.getByRole('button', { name: 'Chuyển thành đăng ký cơ hội' }).click();
  const convert = page.getByRole('dialog', { name: 'Chuyển thành đăng ký cơ hội' });
  await expect(convert.getByLabel('Sản phẩm', { exact: true })).toHaveValue('Trellis Cloud');
  await expect(convert.getByLabel('Website hoặc tên miền email của khách hàng')).toHaveValue('nongsancuulong.vn');
  await convert.getByLabel('Số lượng').fill('40');
  await convert.getByLabel('Số tiền (USD)').fill('18000');
  await convert.getByLabel('Ngày dự kiến chốt').fill('2027-04-30');
  await convert.getByRole('button', { name: 'Chuyển đổi', exact: true }).click();
  await expect(convert).toBeHidden();
  await expect(page.getByTestId('converted')).toBeVisible();
  await expect(page.getByText('Đã chuyển thành cơ hội', { exact: true }).first()).toBeVisible();
  await page.getByTestId('converted').getByRole('link', { name: 'Mở đăng ký' }).click();
  await expect(page).toHaveURL(/\/portal\/deals\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: COMPANY })).toBeVisible();
  await expect(page.getByText('Đã gửi', { exact: true }).first()).toBeVisible();
  const dealId = page.url().split('/').pop() ?? '';

  // --- back in the console: converted, linked to the registration, and still explained ---
  await desktop.goto(leadUrl);
  await expect(desktop.getByText('Converted', { exact: true }).first()).toBeVisible();
  await expect(desktop.getByRole('link', { name: 'Open the deal registration' })).toHaveAttribute(
    'href',
    `/console/deals/${dealId}`,
  );
  await expect(desktop.getByTestId('explanation-headline')).toContainText('Saigon Digital Solutions');
  await expect(desktop.getByText('Accepted', { exact: true }).first()).toBeVisible();
  const consoleShot = testInfo.outputPath('lead-console-explanation.png');
  await desktop.screenshot({ path: consoleShot, fullPage: true });
  await testInfo.attach('the lead in the console with its routing explanation', {
    path: consoleShot,
    contentType: 'image/png',
  });

  // The board counts it among the converted leads.
  await desktop.goto('/console/leads');
  await expect(desktop.getByTestId('lane-converted')).toContainText('1');

  await desk.close();
  await phone.close();
});

// The rules editor: the API's validation errors land on the rule and condition they name; rules move by
// keyboard; and every lead screen passes axe, in the console and on the phone.
test('routing rules show the API’s errors at the right rule, reorder by keyboard, and the lead screens pass axe', async ({
  browser,
}, testInfo) => {
  const shot = async (p: Page, name: string, title: string) => {
    const path = testInfo.outputPath(name);
    await p.screenshot({ path, fullPage: true });
    await testInfo.attach(title, { path, contentType: 'image/png' });
  };
  const desk = await browser.newContext();
  const page = await desk.newPage();
  await signIn(page, 'admin@northwind.example');
  await page.goto('/console/settings/leads');
  await expect(page.getByRole('region', { name: `Rule 1: ${RULE}` })).toBeVisible();
  await page.getByRole('button', { name: 'Add a rule' }).click();
  const name = 'Vietnam only';
  await page.getByRole('region', { name: 'Rule 2: Rule 2' }).getByRole('textbox', { name: 'Rule name' }).fill(name);
  const rule2 = page.getByRole('region', { name: `Rule 2: ${name}` });
  await rule2.getByRole('button', { name: 'Lead condition' }).click();
  await rule2.getByRole('button', { name: 'Lead condition' }).click();
  const c1 = rule2.getByRole('group', { name: `Condition 1 of ${name}` });
  const c2 = rule2.getByRole('group', { name: `Condition 2 of ${name}` });
  await c1.getByLabel('Values').fill('Vietnam');
  await page.getByRole('option', { name: 'Vietnam (VN)' }).click();
  await c2.getByRole('combobox', { name: 'Test' }).click();
  await page.getByRole('option', { name: 'is none of' }).click();
  await c2.getByLabel('Values').fill('Vietnam');
  await page.getByRole('option', { name: 'Vietnam (VN)' }).click();
  await page.keyboard.press('Escape');

  // in [VN] and not_in [VN]: refused, and the reason shows on that rule's condition, not elsewhere.
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('settings-errors')).toContainText(`Rule 2: ${name}:`);
  await expect(c2.getByText(/country: .* so the rule never applies/)).toBeVisible();
  await expect(c1.getByText(/never applies/)).toHaveCount(0);
  await expect(rule2.getByText('1 problem', { exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: `Rule 1: ${RULE}` }).getByText(/problem/)).toHaveCount(0);

  await c2.getByRole('button', { name: 'Remove condition 2' }).click();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText(/^Saved|Lead routing saved\./).first()).toBeVisible();
  await expect(page.getByTestId('settings-errors')).toHaveCount(0);

  // Move the new rule to the top with the keyboard; focus stays on the moved rule.
  await rule2.getByRole('button', { name: `Move ${name} up` }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: `Rule 1: ${name}` })).toBeVisible();
  await expect(page.locator(':focus')).toHaveAccessibleName(`Move ${name} down`);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText(/^Saved|Lead routing saved\./).first()).toBeVisible();
  await page.reload();
  await expect(page.getByRole('region', { name: `Rule 1: ${name}` })).toBeVisible();
  await expect(page.getByRole('region', { name: `Rule 2: ${RULE}` })).toBeVisible();
  await audit(page, 'lead routing settings');
  await shot(page, 'lead-routing-settings.png', 'routing rules');

  await page.goto('/console/leads');
  await expect(page.getByRole('heading', { level: 1, name: 'Leads' })).toBeVisible();
  await expect(page.getByRole('link', { name: COMPANY })).toBeVisible();
  await audit(page, 'lead board');
  await shot(page, 'lead-board.png', 'the distribution board');
  await page.getByRole('link', { name: COMPANY }).click();
  await expect(page.getByRole('region', { name: 'Why it went there' })).toBeVisible();
  await audit(page, 'lead detail');
  // Every hop is explained: the history opens the decision behind a routed hop.
  await page.getByRole('button', { name: 'Why here?' }).first().click();
  const why = page.getByRole('dialog', { name: 'That routing decision, explained' });
  await expect(why.getByTestId('explanation-headline')).toHaveText(
    `Assigned to Saigon Digital Solutions by the rule “${RULE}” (round robin).`,
  );
  await page.keyboard.press('Escape');
  await expect(why).toBeHidden();
  await page.goto('/console/leads/figures');
  await expect(page.getByRole('heading', { level: 1, name: 'Fairness and speed' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Saigon Digital Solutions' })).toBeVisible();
  await audit(page, 'fairness and speed');
  await shot(page, 'lead-figures.png', 'fairness and speed');

  const phone = await browser.newContext(PHONE);
  const mobile = await phone.newPage();
  await signIn(mobile, 'sales@saigondigital.vn');
  await mobile.goto('/portal/leads?tab=closed');
  const card = mobile.getByRole('link').filter({ hasText: COMPANY });
  await expect(card).toBeVisible();
  await audit(mobile, 'portal lead inbox');
  await shot(mobile, 'lead-inbox-390x844.png', 'the lead inbox at 390×844');
  await card.click();
  await expect(mobile.getByRole('heading', { level: 1, name: COMPANY })).toBeVisible();
  await audit(mobile, 'portal lead detail');

  await desk.close();
  await phone.close();
});

// The partner side in Latvian: a lead worked through contacted and qualified to lost with a reason, another
// declined with a reason; the console explains why the declined lead then went to the fallback queue.
test('a Latvian partner works one lead to lost and declines another; the console explains the fallback', async ({
  browser,
  request,
}) => {
  const { csrf } = await apiSignIn(request, 'admin@northwind.example');
  const baltic = await partnerIdByName(request, 'Baltic Data');
  const kurzeme = await partnerIdByName(request, 'Kurzeme Tech');
  const current = await request.get('/api/v1/leads/routing-settings');
  const { settings } = (await current.json()) as { settings: { rules: { position: number }[] } };
  const saved = await request.put('/api/v1/leads/routing-settings', {
    headers: { 'x-csrf-token': csrf },
    data: {
      rules: [
        ...settings.rules,
        {
          id: crypto.randomUUID(),
          name: 'Latvia',
          position: 90,
          enabled: true,
          conditions: [
            { subject: 'lead', attribute: 'country', operator: 'in', values: ['LV'] },
            { subject: 'partner', attribute: 'partner', operator: 'in', values: [baltic, kurzeme] },
          ],
          strategy: { type: 'round_robin' },
          whenNoEligible: 'fallback',
        },
      ],
    },
  });
  expect(saved.status(), await saved.text()).toBe(200);
  const ids: Record<string, string> = {};
  for (const company of ['SIA Ventspils Ostas Serviss', 'SIA Liepājas Maiznīca']) {
    const res = await request.post('/api/v1/leads', {
      headers: { 'x-csrf-token': csrf, 'idempotency-key': crypto.randomUUID() },
      data: {
        company,
        contactName: 'Anna Kalniņa',
        contactEmail: `anna@${company.length}.example.lv`,
        country: 'LV',
        productInterests: ['Trellis Cloud'],
        source: 'console',
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    ids[company] = ((await res.json()) as { lead: { id: string } }).lead.id;
  }

  const phone = await browser.newContext(PHONE);
  const page = await phone.newPage();
  await signIn(page, 'sales@bdr.lv');
  await page.getByRole('navigation', { name: 'Portāla sadaļas' }).getByRole('link', { name: 'Interesenti' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Interesentu iesūtne' })).toBeVisible();

  // Worked to lost: accepted, contacted, qualified, then lost to a competitor.
  await page.getByRole('link').filter({ hasText: 'SIA Ventspils Ostas Serviss' }).click();
  await page.getByRole('button', { name: 'Pieņemt', exact: true }).click();
  await expect(page.getByText('Pieņemts', { exact: true }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Atzīmēt kā sazinājies' }).click();
  await expect(page.getByText('Sazinājies', { exact: true }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Atzīmēt kā kvalificētu' }).click();
  await expect(page.getByText('Kvalificēts', { exact: true }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Atzīmēt kā zaudētu' }).click();
  const lost = page.getByRole('dialog', { name: 'Atzīmēt kā zaudētu' });
  await lost.getByRole('combobox', { name: 'Kāpēc zaudēts?' }).click();
  await page.getByRole('option', { name: 'Izvēlējās konkurentu' }).click();
  await lost.getByLabel('Sīkāka informācija').fill('Izvēlējās vietējo piegādātāju.');
  await lost.getByRole('button', { name: 'Atzīmēt kā zaudētu' }).click();
  await expect(lost).toBeHidden();
  await expect(page.getByText('Zaudēts', { exact: true }).first()).toBeVisible();
  await expect(page.getByText('Zaudēts: Izvēlējās konkurentu')).toBeVisible();

  // Declined with "other": the reason text is required before it can be sent.
  await page.goto(`/portal/leads/${ids['SIA Liepājas Maiznīca']}`);
  await page.getByRole('button', { name: 'Noraidīt', exact: true }).click();
  const decline = page.getByRole('dialog', { name: 'Noraidīt' });
  await decline.getByRole('combobox', { name: 'Kāpēc noraidāt?' }).click();
  await page.getByRole('option', { name: 'Cits' }).click();
  await expect(decline.getByRole('button', { name: 'Noraidīt' })).toBeDisabled();
  await decline.getByLabel('Sīkāka informācija').fill('Klients jau strādā ar mūsu konkurentu.');
  await decline.getByRole('button', { name: 'Noraidīt' }).click();
  await expect(page).toHaveURL(/\/portal\/leads$/);
  await expect(page.getByRole('link').filter({ hasText: 'SIA Liepājas Maiznīca' })).toHaveCount(0);

  // The console: declined by Baltic Data Solutions, nobody else eligible, so the fallback queue — explained.
  const desk = await browser.newContext();
  const desktop = await desk.newPage();
  await signIn(desktop, 'admin@northwind.example');
  await desktop.goto(`/console/leads/${ids['SIA Liepājas Maiznīca']}`);
  await expect(desktop.getByText('In the fallback queue', { exact: true }).first()).toBeVisible();
  await expect(desktop.getByText('Declined by Baltic Data Solutions')).toBeVisible();
  const explanation = desktop.getByRole('region', { name: 'Why it went there' });
  await expect(explanation.getByTestId('explanation-headline')).toHaveText(
    'Sent to the fallback queue “Unassigned leads”: rules applied, but no partner was eligible.',
  );
  await expect(explanation.getByText(/Baltic Data Solutions: declined this lead/)).toBeVisible();
  await expect(explanation.getByText(/Kurzeme Tech: terminated/)).toBeVisible();
  await expect(desktop.getByText('Reason: Other — Klients jau strādā ar mūsu konkurentu.')).toBeVisible();

  await desk.close();
  await phone.close();
});

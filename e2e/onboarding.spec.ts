/// <reference lib="dom" />
import { expect, test } from '@playwright/test';
import { apiSignIn, linkIn, partnerIdByName, signIn, waitForMail } from './support';

const stamp = Date.now().toString(36);
const company = `Mekong Test Trading ${stamp}`;
const inviteeEmail = `owner.${stamp}@mekong-test.example`;
const inviteePassword = 'a long passphrase for e2e';

test.describe.configure({ mode: 'serial' });

test('a vendor admin creates a partner and invites its admin; the API’s field errors appear beside the field', async ({
  page,
}) => {
  await signIn(page, 'admin@northwind.example');
  await expect(page).toHaveURL(/\/console\/partners/);
  await expect(page.getByRole('heading', { level: 1, name: 'Partners' })).toBeVisible();

  await page.getByRole('link', { name: 'New partner' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New partner' })).toBeVisible();
  await page.getByLabel('Legal name').fill(`${company} Co., Ltd.`);
  await page.getByLabel('Display name').fill(company);
  await page.getByRole('combobox', { name: 'Partner type' }).click();
  await page.getByRole('option', { name: 'Reseller', exact: true }).click();
  await page.getByRole('combobox', { name: 'Country' }).fill('Vietnam');
  await page.getByRole('option', { name: 'Vietnam (VN)' }).click();
  await page.getByLabel('Website').fill('https://mekong-test.example');
  await page.getByRole('button', { name: 'Create partner' }).click();

  // The new partner opens on its Users tab, ready for the first invitation.
  await expect(page.getByRole('heading', { level: 1, name: company })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Users' })).toHaveAttribute('aria-selected', 'true');

  await page.getByRole('button', { name: 'Invite someone' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite someone' });
  await dialog.getByLabel('E-mail').fill(inviteeEmail);
  await dialog.getByLabel('Their name (optional)').fill('Trần Quốc Bảo');
  await dialog.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: 'Partner administrator' }).click();
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(inviteeEmail, { exact: true })).toBeVisible();

  // Inviting someone who is already a member is refused by the API; the answer lands on the e-mail field.
  await page.getByRole('button', { name: 'Invite someone' }).click();
  await dialog.getByLabel('E-mail').fill('admin@saigondigital.vn');
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await expect(dialog.getByText(/already a member/i)).toBeVisible();
  await expect(dialog.getByLabel('E-mail')).toHaveAttribute('aria-invalid', 'true');
});

test('the invitee accepts, lands in the portal, sees only their company and edits its profile', async ({ browser }) => {
  const mail = await waitForMail(inviteeEmail, '/accept-invitation');
  const link = linkIn(mail.text, '/accept-invitation');
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(new URL(link).pathname + new URL(link).search);
  await expect(page.getByRole('heading', { name: 'Accept your invitation' })).toBeVisible();
  await expect(page.getByText(company)).toBeVisible();
  await expect(page.getByLabel('Your name')).toHaveValue('Trần Quốc Bảo');
  await page.getByLabel('New password').fill(inviteePassword);
  await page.getByLabel('Repeat the password').fill(inviteePassword);
  await page.getByRole('button', { name: 'Create account and join' }).click();

  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByRole('heading', { level: 2, name: company })).toBeVisible();
  await expect(page.getByText('Onboarding').first()).toBeVisible();

  // The portal's partner list is their company alone: the API answers one partner.
  const list = await page.request.get('/api/v1/partners?limit=200');
  const partners = (await list.json()) as { data: { displayName: string }[] };
  expect(partners.data.map((p) => p.displayName)).toEqual([company]);

  await page.getByRole('link', { name: 'Company' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: company })).toBeVisible();
  await page.getByRole('button', { name: 'Edit profile' }).click();
  // Only the fields the vendor opens to partners are offered; the legal name stays with the vendor.
  await expect(page.getByLabel('Legal name')).toHaveCount(0);
  await page.getByLabel('Phone').fill('+84 28 3822 9999');
  await page.getByLabel('City').fill('Cần Thơ');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Your company profile was saved.')).toBeVisible();
  await expect(page.getByText('+84 28 3822 9999')).toBeVisible();
  await expect(page.getByText('Cần Thơ', { exact: false }).first()).toBeVisible();
  await context.close();
});

test('another partner’s pages are not reachable by URL', async ({ page }) => {
  await apiSignIn(page.request, 'admin@northwind.example');
  const saigonId = await partnerIdByName(page.request, 'Saigon Digital');
  await page.request.post('/api/v1/auth/sign-out', {
    headers: { 'x-csrf-token': (await page.context().cookies()).find((c) => c.name === 'trellis_csrf')?.value ?? '' },
  });
  await page.context().clearCookies();

  await signIn(page, inviteeEmail, inviteePassword);
  await expect(page).toHaveURL(/\/portal$/);

  // The console's partner page is not theirs: the route sends them back to their own portal.
  await page.goto(`/console/partners/${saigonId}`);
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByRole('heading', { level: 2, name: company })).toBeVisible();
  await expect(page.getByText('Saigon Digital')).toHaveCount(0);

  // And the API answers 404 for it, the same as for an id that does not exist.
  const direct = await page.request.get(`/api/v1/partners/${saigonId}`);
  expect(direct.status()).toBe(404);
  const contacts = await page.request.get(`/api/v1/partners/${saigonId}/contacts`);
  expect(contacts.status()).toBe(404);
});

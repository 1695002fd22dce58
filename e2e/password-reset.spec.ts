/// <reference lib="dom" />
import { expect, test } from '@playwright/test';
import { linkIn, signIn, waitForMail } from './support';

test('a forgotten password is reset through the e-mailed link, and the old one stops working', async ({ page }) => {
  const email = 'sales@bdr.lv';
  const fresh = 'a brand new passphrase 2026';

  await page.goto('/sign-in');
  await page.getByRole('combobox', { name: 'Language' }).click();
  await page.getByRole('option', { name: 'Latviešu' }).click();
  await page.getByRole('link', { name: 'Aizmirsāt paroli?' }).click();
  await expect(page.getByRole('heading', { name: 'Paroles atiestatīšana' })).toBeVisible();
  await page.getByLabel('E-pasts').fill(email);
  await page.getByRole('button', { name: 'Sūtīt atiestatīšanas saiti' }).click();
  await expect(page.getByText('Pārbaudiet e-pastu')).toBeVisible();

  const mail = await waitForMail(email, '/reset-password');
  const link = new URL(linkIn(mail.text, '/reset-password'));
  await page.goto(link.pathname + link.search);
  await expect(page.getByRole('heading', { name: 'Jaunas paroles izvēle' })).toBeVisible();

  // Too short and mismatched are caught before anything is sent, beside the fields.
  await page.getByLabel('Jaunā parole').fill('short');
  await page.getByLabel('Atkārtojiet paroli').fill('different');
  await page.getByRole('button', { name: 'Saglabāt jauno paroli' }).click();
  await expect(page.getByText('Izmantojiet vismaz 12 rakstzīmes.')).toBeVisible();
  await expect(page.getByText('Abas paroles atšķiras.')).toBeVisible();
  await expect(page.getByLabel('Jaunā parole')).toBeFocused();
  await expect(page.getByLabel('Jaunā parole')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Jaunā parole').fill(fresh);
  await page.getByLabel('Atkārtojiet paroli').fill(fresh);
  await page.getByRole('button', { name: 'Saglabāt jauno paroli' }).click();
  await expect(page.getByText('Parole ir nomainīta. Piesakieties ar jauno paroli.')).toBeVisible();

  // The link is single-use.
  await page.goto(link.pathname + link.search);
  await page.getByLabel('Jaunā parole').fill(fresh);
  await page.getByLabel('Atkārtojiet paroli').fill(fresh);
  await page.getByRole('button', { name: 'Saglabāt jauno paroli' }).click();
  await expect(page.getByRole('alert')).toContainText('Šai saitei ir beidzies derīgums vai tā jau ir izmantota.');

  const old = await page.request.post('/api/v1/auth/sign-in', { data: { email, password: 'trellis-demo-2026' } });
  expect(old.status()).toBe(401);
  await signIn(page, email, fresh);
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Baltic Data Solutions' })).toBeVisible();
});

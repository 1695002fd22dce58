/// <reference lib="dom" />
import { expect, test } from '@playwright/test';
import { signIn } from './support';

const ROWS = 1000;
const BROKEN = new Map<number, string>([
  [137, 'country'], // "Atlantis" is no country
  [512, 'type'], // "wizard" is no partner type
  [888, 'legalName'], // left empty
]);

/** 1,000 partners in Trellis' own CSV format; three rows carry one mistake each. */
function csv(stamp: string): string {
  const lines = ['legalName,displayName,country,type,website,city'];
  for (let i = 1; i <= ROWS; i++) {
    const name = `Import ${stamp} Partner ${String(i).padStart(4, '0')}`;
    const country = BROKEN.get(i) === 'country' ? 'Atlantis' : ['VN', 'TW', 'LV', 'DE'][i % 4];
    const type = BROKEN.get(i) === 'type' ? 'wizard' : ['reseller', 'msp', 'var', 'referral'][i % 4];
    const legal = BROKEN.get(i) === 'legalName' ? '' : `${name} Ltd`;
    lines.push(`${legal},${name},${country},${type},https://p${i}-${stamp}.example,City ${i}`);
  }
  return `${lines.join('\n')}\n`;
}

test('an import of 1,000 partners with 3 broken rows shows those 3 errors and imports the rest', async ({ page }) => {
  const stamp = Date.now().toString(36);
  await signIn(page, 'admin@northwind.example');
  await page.getByRole('link', { name: 'Import and export' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import and export' })).toBeVisible();

  await page.locator('input[type="file"]').setInputFiles({
    name: `partners-${stamp}.csv`,
    mimeType: 'text/csv',
    buffer: Buffer.from(csv(stamp), 'utf8'),
  });
  await page.getByRole('button', { name: 'Upload and continue' }).click();

  // Trellis' own headers map themselves.
  await expect(page.getByRole('heading', { name: /Map the columns \(1,000 rows\)/ })).toBeVisible();
  await expect(page.getByText('Recognised: Trellis export')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Trellis field for column legalName' })).toHaveValue('Legal name *');
  await page.getByRole('button', { name: 'Check the file' }).click();

  await expect(page.getByRole('heading', { name: 'Check result' })).toBeVisible();
  await expect(page.getByText('997 rows will be imported; 3 rows with errors will be skipped.')).toBeVisible();
  const dryErrors = page.getByRole('table', { name: 'Rows with errors' }).locator('tbody tr');
  await expect(dryErrors).toHaveCount(3);
  // Spreadsheet row numbers: the header is row 1, so data row n is row n + 1.
  for (const [row, column] of BROKEN) {
    await expect(dryErrors.filter({ hasText: String(row + 1) }).filter({ hasText: column })).toHaveCount(1);
  }

  await page.getByRole('button', { name: 'Import 997 rows' }).click();
  // Progress is a determinate bar with a polite live region for screen readers.
  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
  await expect(page.locator('[role="status"][aria-live="polite"]').first()).toBeAttached();
  await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('imported-count')).toHaveText('997');
  await expect(page.getByTestId('error-count')).toHaveText('3');
  await expect(page.getByRole('table', { name: 'Rows with errors' }).locator('tbody tr')).toHaveCount(3);

  // The error report downloads as CSV with the three rows.
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download error report (CSV)' }).click();
  const file = await (await download).path();
  const { readFileSync } = await import('node:fs');
  const report = readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
  expect(report).toHaveLength(4);

  // The imported partners are in the directory; the broken ones are not.
  await page.getByRole('link', { name: 'See the newest partners' }).click();
  await page
    .getByRole('searchbox', { name: 'Search by name, legal name or domain' })
    .fill(`Import ${stamp} Partner 0999`);
  await expect(page.getByRole('link', { name: `Import ${stamp} Partner 0999` })).toBeVisible();
  const api = await page.request.get(`/api/v1/partners?q=${encodeURIComponent(`Import ${stamp}`)}&limit=200`);
  const body = (await api.json()) as { data: unknown[]; nextCursor: string | null };
  expect(body.data.length).toBe(200);
  const broken = await page.request.get(
    `/api/v1/partners?q=${encodeURIComponent(`Import ${stamp} Partner 0512`)}&limit=5`,
  );
  expect(((await broken.json()) as { data: unknown[] }).data).toHaveLength(0);
});

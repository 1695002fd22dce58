import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type APIRequestContext, expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'trellis-demo-2026';

/** Signs in through the real form and waits until the app has left the sign-in page. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  // By input type, not label: the sign-in page speaks whatever language this browser last chose.
  await page.locator('input[type="email"]').fill(email);
  await page.locator('input[type="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

/** An API session for set-up and for checking what the server itself answers. */
export async function apiSignIn(request: APIRequestContext, email: string): Promise<{ csrf: string }> {
  const res = await request.post('/api/v1/auth/sign-in', { data: { email, password: DEMO_PASSWORD } });
  expect(res.status()).toBe(200);
  const cookies = res.headersArray().filter((h) => h.name.toLowerCase() === 'set-cookie');
  const csrf = cookies.map((c) => c.value.match(/trellis_csrf=([^;]+)/)?.[1]).find(Boolean) ?? '';
  return { csrf };
}

export async function partnerIdByName(request: APIRequestContext, q: string): Promise<string> {
  const res = await request.get(`/api/v1/partners?q=${encodeURIComponent(q)}&limit=5`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { data: { id: string; displayName: string }[] };
  const found = body.data[0];
  if (!found) throw new Error(`no partner matches ${q}`);
  return found.id;
}

type Mail = { to: string[]; subject: string; text: string; receivedAt: string };

/**
 * The newest message the in-process SMTP server received for this address whose text contains `containing`
 * (scripts/e2e.mjs writes them). The demo people also get other mail (lead offers, deal alerts) from other
 * journeys, so a journey names what it waits for.
 */
export async function waitForMail(to: string, containing: string, timeoutMs = 30_000): Promise<Mail> {
  const dir = process.env.E2E_MAILBOX;
  if (!dir) throw new Error('E2E_MAILBOX is not set; run the suite through scripts/e2e.mjs');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(dir)) {
      const mails = readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .reverse()
        .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Mail);
      const hit = mails.find(
        (m) => m.to.some((addr) => addr.toLowerCase() === to.toLowerCase()) && m.text.includes(containing),
      );
      if (hit) return hit;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no e-mail to ${to} containing ${containing} within ${timeoutMs} ms`);
}

export function linkIn(text: string, path: string): string {
  const match = text.match(new RegExp(`https?://\\S+${path.replace(/[/?]/g, '\\$&')}\\?token=[\\w.-]+`));
  if (!match) throw new Error(`no ${path} link in:\n${text}`);
  return match[0];
}

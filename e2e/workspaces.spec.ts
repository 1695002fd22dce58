/// <reference lib="dom" />
import { expect, type Page, test } from '@playwright/test';
import { signIn } from './support';

type Me = { activeWorkspaceId: string; memberships: { workspace: { id: string; name: string } }[] };
const me = async (page: Page) => ((await (await page.request.get('/api/v1/me')).json()) as { me: Me }).me;

// scripts/e2e.mjs gives this channel manager a second workspace (`trellis create-admin`), where they are admin.
test('a person in two workspaces switches between them from the account menu', async ({ page }) => {
  await signIn(page, 'cm.apac@northwind.example');
  await expect(page).toHaveURL(/\/console/);
  const start = await me(page);
  expect(start.memberships).toHaveLength(2);
  const current = start.memberships.find((m) => m.workspace.id === start.activeWorkspaceId)?.workspace;
  const other = start.memberships.find((m) => m.workspace.id !== start.activeWorkspaceId)?.workspace;
  if (!current || !other) throw new Error('expected two workspaces');
  const navbar = page.getByRole('navigation').first();
  await expect(navbar.getByText(current.name)).toBeVisible();

  // The account menu is named after the person (this one reads Vietnamese).
  const menu = page.getByRole('button', { name: /Mai Phạm/ });
  await menu.click();
  await page.getByRole('menuitem', { name: other.name }).click();
  await expect(navbar.getByText(other.name)).toBeVisible();
  await expect.poll(async () => (await me(page)).activeWorkspaceId).toBe(other.id);

  await menu.click();
  await page.getByRole('menuitem', { name: current.name }).click();
  await expect(navbar.getByText(current.name)).toBeVisible();
  await expect.poll(async () => (await me(page)).activeWorkspaceId).toBe(current.id);
});

import type {
  Account,
  AccountCreate,
  AccountUpdate,
  ErrorIssue,
  Opportunity,
  OpportunityCreate,
  OpportunityUpdate,
} from '@trellis/contracts';
import { uuidv7 } from 'uuidv7';
import type { Services } from '../../app';
import type { Tx } from '../../db/client';
import { inScope } from '../../db/scope';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { searchKey } from '../../lib/search-key';
import { audit, changedFields } from '../../platform/audit';
import { type Ctx, scopeOf } from '../../platform/context';
import { notFound, validationFailed } from '../../platform/errors';
import { accountSnapshot, opportunitySnapshot, presentAccount, presentOpportunity } from './account.presenter';
import {
  accountExists,
  deleteAccountRow,
  deleteOpportunityRow,
  findAccountRow,
  findOpportunityRow,
  insertAccount,
  insertOpportunity,
  isVendorMember,
  listAccountRows,
  listOpportunityRows,
  updateAccountRow,
  updateOpportunityRow,
} from './account.repo';
import { addressText, domainIssue } from './deal.policy';
import { deleteMatchKeys, replaceMatchKeys } from './match-keys.repo';
import { companyDomain, prepareRecord } from './matching/index';

type Page<T> = { data: T[]; nextCursor: string | null };

const profileOf = (r: { name: string; domains: string[]; country: string; address: AccountCreate['address'] }) =>
  prepareRecord({ name: r.name, domains: r.domains, country: r.country, address: addressText(r.address) });

async function referenceIssues(
  tx: Tx,
  workspaceId: string,
  input: { ownerUserId?: string | null | undefined; accountId?: string | null | undefined },
): Promise<ErrorIssue[]> {
  const issues: ErrorIssue[] = [];
  if (input.ownerUserId && !(await isVendorMember(tx, workspaceId, input.ownerUserId))) {
    issues.push({
      path: 'body.ownerUserId',
      code: 'not_found',
      message: 'no vendor member of this workspace has this id',
    });
  }
  if (input.accountId && !(await accountExists(tx, workspaceId, input.accountId))) {
    issues.push({ path: 'body.accountId', code: 'not_found', message: 'no account of this workspace has this id' });
  }
  return issues;
}

// --- accounts (C4: the vendor's own customers; their keys feed conflict detection) ---

export async function listAccounts(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  q: { limit: number; cursor?: string | undefined; q?: string | undefined; namedAccount?: boolean | undefined },
): Promise<Page<Account>> {
  const after = decodeCursor(q.cursor)?.id ?? null;
  const rows = await inScope(services.db, scopeOf(ctx.actor), (tx) =>
    listAccountRows(tx, ctx.actor.workspaceId, { q: q.q, namedAccount: q.namedAccount, after, limit: q.limit }),
  );
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    data: page.map(presentAccount),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ id: last.id }) : null,
  };
}

export async function getAccount(services: Pick<Services, 'db'>, ctx: Ctx, id: string): Promise<Account> {
  const row = await inScope(services.db, scopeOf(ctx.actor), (tx) => findAccountRow(tx, ctx.actor.workspaceId, id));
  if (!row) throw notFound('account');
  return presentAccount(row);
}

/** C4: every domain of an account must identify the customer (as the CSV import checks them). */
const domainIssues = (domains: readonly string[]) =>
  domains
    .map((d, i) => domainIssue(d, `body.domains.${i}`, { allowPlatformPage: false }))
    .filter((i): i is ErrorIssue => i !== null);

/** Each domain as its host without `www.`, once — the form the CSV import stores. */
const storedDomains = (domains: readonly string[]) => [
  ...new Set(domains.map((d) => companyDomain(d).host ?? d.trim())),
];

export async function createAccount(services: Pick<Services, 'db'>, ctx: Ctx, input: AccountCreate): Promise<Account> {
  return inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const workspaceId = ctx.actor.workspaceId;
    const issues = [...domainIssues(input.domains), ...(await referenceIssues(tx, workspaceId, input))];
    if (issues.length > 0) throw validationFailed(issues);
    const id = uuidv7();
    const domains = storedDomains(input.domains);
    const matchProfile = profileOf({ ...input, domains });
    await insertAccount(tx, {
      id,
      workspaceId,
      name: input.name,
      domains,
      country: input.country,
      address: input.address,
      ownerUserId: input.ownerUserId ?? null,
      namedAccount: input.namedAccount,
      searchName: searchKey(`${input.name} ${domains.join(' ')}`),
      matchProfile,
      metadata: input.metadata ?? {},
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await replaceMatchKeys(tx, { workspaceId, kind: 'account', id }, matchProfile);
    const row = await findAccountRow(tx, workspaceId, id);
    if (!row) throw notFound('account');
    await audit(tx, ctx, {
      action: 'account.created',
      targetType: 'account',
      targetId: id,
      after: accountSnapshot(row),
    });
    return presentAccount(row);
  });
}

export async function updateAccount(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  id: string,
  patch: AccountUpdate,
): Promise<Account> {
  return inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const workspaceId = ctx.actor.workspaceId;
    const before = await findAccountRow(tx, workspaceId, id, { lock: true });
    if (!before) throw notFound('account');
    const issues = [...domainIssues(patch.domains ?? []), ...(await referenceIssues(tx, workspaceId, patch))];
    if (issues.length > 0) throw validationFailed(issues);
    const next = {
      name: patch.name ?? before.name,
      domains: patch.domains ? storedDomains(patch.domains) : before.domains,
      country: patch.country ?? before.country,
      address: patch.address ?? before.address,
    };
    const matchProfile = profileOf(next);
    await updateAccountRow(tx, id, {
      ...next,
      ...(patch.ownerUserId !== undefined ? { ownerUserId: patch.ownerUserId } : {}),
      ...(patch.namedAccount !== undefined ? { namedAccount: patch.namedAccount } : {}),
      ...(patch.metadata !== undefined ? { metadata: patch.metadata } : {}),
      searchName: searchKey(`${next.name} ${next.domains.join(' ')}`),
      matchProfile,
      updatedAt: ctx.now,
    });
    await replaceMatchKeys(tx, { workspaceId, kind: 'account', id }, matchProfile);
    const after = await findAccountRow(tx, workspaceId, id);
    if (!after) throw notFound('account');
    const diff = changedFields(accountSnapshot(before), accountSnapshot(after));
    if (Object.keys(diff.after).length > 0) {
      await audit(tx, ctx, { action: 'account.updated', targetType: 'account', targetId: id, ...diff });
    }
    return presentAccount(after);
  });
}

export async function deleteAccount(services: Pick<Services, 'db'>, ctx: Ctx, id: string): Promise<void> {
  await inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const workspaceId = ctx.actor.workspaceId;
    const before = await findAccountRow(tx, workspaceId, id, { lock: true });
    if (!before) throw notFound('account');
    await deleteMatchKeys(tx, { workspaceId, kind: 'account', id });
    await deleteAccountRow(tx, id);
    await audit(tx, ctx, {
      action: 'account.deleted',
      targetType: 'account',
      targetId: id,
      before: accountSnapshot(before),
    });
  });
}

// --- direct opportunities: an open one holds its customer; closed ones drop their keys ---

const opportunityProfile = (r: {
  customerName: string;
  domains: string[];
  country: string;
  address: OpportunityCreate['address'];
  stage: string;
}) =>
  r.stage === 'open'
    ? prepareRecord({ name: r.customerName, domains: r.domains, country: r.country, address: addressText(r.address) })
    : null;

export async function listOpportunities(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  q: { limit: number; cursor?: string | undefined; stage?: string | undefined; accountId?: string | undefined },
): Promise<Page<Opportunity>> {
  const after = decodeCursor(q.cursor)?.id ?? null;
  const rows = await inScope(services.db, scopeOf(ctx.actor), (tx) =>
    listOpportunityRows(tx, ctx.actor.workspaceId, { stage: q.stage, accountId: q.accountId, after, limit: q.limit }),
  );
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    data: page.map(presentOpportunity),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ id: last.id }) : null,
  };
}

export async function getOpportunity(services: Pick<Services, 'db'>, ctx: Ctx, id: string): Promise<Opportunity> {
  const row = await inScope(services.db, scopeOf(ctx.actor), (tx) => findOpportunityRow(tx, ctx.actor.workspaceId, id));
  if (!row) throw notFound('opportunity');
  return presentOpportunity(row);
}

export async function createOpportunity(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  input: OpportunityCreate,
): Promise<Opportunity> {
  return inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const workspaceId = ctx.actor.workspaceId;
    const issues = [...domainIssues(input.domains), ...(await referenceIssues(tx, workspaceId, input))];
    if (issues.length > 0) throw validationFailed(issues);
    const id = uuidv7();
    const domains = storedDomains(input.domains);
    const profile = opportunityProfile({ ...input, domains });
    // A closed opportunity keeps its last profile for display; only open ones are keyed.
    const matchProfile =
      profile ??
      prepareRecord({ name: input.customerName, domains, country: input.country, address: addressText(input.address) });
    await insertOpportunity(tx, {
      id,
      workspaceId,
      name: input.name,
      accountId: input.accountId ?? null,
      customerName: input.customerName,
      domains,
      country: input.country,
      address: input.address,
      amountMinor: input.amount?.amountMinor ?? null,
      currency: input.amount?.currency ?? null,
      expectedCloseDate: input.expectedCloseDate ?? null,
      stage: input.stage,
      ownerUserId: input.ownerUserId ?? null,
      matchProfile,
      metadata: input.metadata ?? {},
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await replaceMatchKeys(tx, { workspaceId, kind: 'opportunity', id }, profile);
    const row = await findOpportunityRow(tx, workspaceId, id);
    if (!row) throw notFound('opportunity');
    await audit(tx, ctx, {
      action: 'opportunity.created',
      targetType: 'opportunity',
      targetId: id,
      after: opportunitySnapshot(row),
    });
    return presentOpportunity(row);
  });
}

export async function updateOpportunity(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  id: string,
  patch: OpportunityUpdate,
): Promise<Opportunity> {
  return inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const workspaceId = ctx.actor.workspaceId;
    const before = await findOpportunityRow(tx, workspaceId, id, { lock: true });
    if (!before) throw notFound('opportunity');
    const issues = await referenceIssues(tx, workspaceId, patch);
    if (issues.length > 0) throw validationFailed(issues);
    const next = {
      customerName: patch.customerName ?? before.customerName,
      domains: patch.domains ? [...new Set(patch.domains)] : before.domains,
      country: patch.country ?? before.country,
      address: patch.address ?? before.address,
      stage: patch.stage ?? before.stage,
    };
    const profile = opportunityProfile(next);
    await updateOpportunityRow(tx, id, {
      ...next,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.accountId !== undefined ? { accountId: patch.accountId } : {}),
      ...(patch.amount !== undefined
        ? { amountMinor: patch.amount?.amountMinor ?? null, currency: patch.amount?.currency ?? null }
        : {}),
      ...(patch.expectedCloseDate !== undefined ? { expectedCloseDate: patch.expectedCloseDate } : {}),
      ...(patch.ownerUserId !== undefined ? { ownerUserId: patch.ownerUserId } : {}),
      ...(patch.metadata !== undefined ? { metadata: patch.metadata } : {}),
      ...(profile ? { matchProfile: profile } : {}),
      updatedAt: ctx.now,
    });
    await replaceMatchKeys(tx, { workspaceId, kind: 'opportunity', id }, profile);
    const after = await findOpportunityRow(tx, workspaceId, id);
    if (!after) throw notFound('opportunity');
    const diff = changedFields(opportunitySnapshot(before), opportunitySnapshot(after));
    if (Object.keys(diff.after).length > 0) {
      await audit(tx, ctx, { action: 'opportunity.updated', targetType: 'opportunity', targetId: id, ...diff });
    }
    return presentOpportunity(after);
  });
}

export async function deleteOpportunity(services: Pick<Services, 'db'>, ctx: Ctx, id: string): Promise<void> {
  await inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const workspaceId = ctx.actor.workspaceId;
    const before = await findOpportunityRow(tx, workspaceId, id, { lock: true });
    if (!before) throw notFound('opportunity');
    await deleteMatchKeys(tx, { workspaceId, kind: 'opportunity', id });
    await deleteOpportunityRow(tx, id);
    await audit(tx, ctx, {
      action: 'opportunity.deleted',
      targetType: 'opportunity',
      targetId: id,
      before: opportunitySnapshot(before),
    });
  });
}

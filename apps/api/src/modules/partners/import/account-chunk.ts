import { uuidv7 } from 'uuidv7';
import { searchKey } from '../../../lib/search-key';
import { changedFields } from '../../../platform/audit';
import { addressText } from '../../deals/index';
import { blockingKeys, prepareRecord } from '../../deals/matching/index';
import type { AccountAuditRow, AccountChunkRow } from './account-import.repo';
import type { ExistingAccount, PlannedAccount } from './account-rows';

/** Keys in one order (jsonb and Zod each reorder them), so equal objects compare equal as JSON. */
const sortedKeys = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) as T;

/** What the audit log records of an account: the keys of accountSnapshot (deals/account.presenter). */
function snapshot(a: Omit<ExistingAccount, 'id' | 'version'>) {
  return {
    name: a.name,
    domains: a.domains,
    country: a.country,
    address: sortedKeys(a.address),
    ownerUserId: a.ownerUserId,
    namedAccount: a.namedAccount,
    metadata: sortedKeys(a.metadata),
  };
}

/**
 * Planned rows → what one write transaction stores, computed before it opens (normalising names and
 * addresses is CPU work): ids, search names, match profiles and their blocking keys, exactly as
 * createAccount/updateAccount compute them, and the audit rows. A row that changes nothing is left out.
 */
export function accountChunk(plan: readonly PlannedAccount[]): { rows: AccountChunkRow[]; audits: AccountAuditRow[] } {
  const rows: AccountChunkRow[] = [];
  const audits: AccountAuditRow[] = [];
  for (const p of plan) {
    const after = snapshot(p);
    if (p.existing) {
      const diff = changedFields(snapshot(p.existing), after);
      if (Object.keys(diff.after).length === 0) continue;
      audits.push({
        id: uuidv7(),
        action: 'account.updated',
        targetId: p.existing.id,
        before: diff.before,
        after: diff.after,
      });
    }
    const id = p.existing?.id ?? uuidv7();
    if (!p.existing) audits.push({ id: uuidv7(), action: 'account.created', targetId: id, before: null, after });
    const matchProfile = prepareRecord({
      name: p.name,
      domains: p.domains,
      country: p.country,
      address: addressText(p.address),
    });
    rows.push({
      id,
      row: p.row,
      create: p.existing === null,
      version: p.existing?.version ?? null,
      name: p.name,
      domains: p.domains,
      country: p.country,
      address: p.address,
      ownerUserId: p.ownerUserId,
      namedAccount: p.namedAccount,
      searchName: searchKey(`${p.name} ${p.domains.join(' ')}`),
      matchProfile,
      metadata: p.metadata,
      keys: blockingKeys(matchProfile),
    });
  }
  return { rows, audits };
}

import type { Account, Opportunity } from '@trellis/contracts';
import type { AccountRow, OpportunityRow } from './account.repo';

const owner = (id: string | null, name: string | null) => (id && name !== null ? { id, name } : null);

export function presentAccount(r: AccountRow): Account {
  return {
    id: r.id,
    name: r.name,
    domains: r.domains,
    country: r.country,
    address: r.address,
    owner: owner(r.ownerUserId, r.ownerName),
    namedAccount: r.namedAccount,
    metadata: r.metadata,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** What the audit log diffs for an account. */
export const accountSnapshot = (r: Omit<AccountRow, 'ownerName'>) => ({
  name: r.name,
  domains: r.domains,
  country: r.country,
  address: r.address,
  ownerUserId: r.ownerUserId,
  namedAccount: r.namedAccount,
  metadata: r.metadata,
});

export function presentOpportunity(r: OpportunityRow): Opportunity {
  return {
    id: r.id,
    name: r.name,
    accountId: r.accountId,
    customerName: r.customerName,
    domains: r.domains,
    country: r.country,
    address: r.address,
    amount: r.amountMinor !== null && r.currency ? { amountMinor: r.amountMinor, currency: r.currency } : null,
    expectedCloseDate: r.expectedCloseDate,
    stage: r.stage,
    owner: owner(r.ownerUserId, r.ownerName),
    metadata: r.metadata,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export const opportunitySnapshot = (r: Omit<OpportunityRow, 'ownerName'>) => ({
  name: r.name,
  accountId: r.accountId,
  customerName: r.customerName,
  domains: r.domains,
  country: r.country,
  address: r.address,
  amountMinor: r.amountMinor,
  currency: r.currency,
  expectedCloseDate: r.expectedCloseDate,
  stage: r.stage,
  ownerUserId: r.ownerUserId,
  metadata: r.metadata,
});

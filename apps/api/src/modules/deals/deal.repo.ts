import type { DealSettings, DealStatus, TierBenefits } from '@trellis/contracts';
import { DEFAULT_DEAL_SETTINGS } from '@trellis/contracts';
import { and, asc, desc, eq, getTableColumns, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../../db/client';
import { rawQuery } from '../../db/prepared';
import {
  customerAccounts,
  dealConflicts,
  dealRegistrationEvents,
  dealRegistrations,
  dealSettings,
  memberships,
  opportunities,
  partners,
  tiers,
  users,
  workspaces,
} from '../../db/schema/index';
import type { Actor } from '../../platform/context';
import type { PreparedRecord } from './matching/index';

export type DealRow = typeof dealRegistrations.$inferSelect;
export type DealInsert = typeof dealRegistrations.$inferInsert;
export type DealViewRow = DealRow & { partnerName: string; createdByName: string | null; closedByName: string | null };

const creator = alias(users, 'deal_creator');
const closer = alias(users, 'deal_closer');
const viewColumns = {
  ...getTableColumns(dealRegistrations),
  partnerName: partners.displayName,
  createdByName: creator.name,
  closedByName: closer.name,
};

/** Every registration query starts here: the workspace, and the actor's own company for partner people. */
export function dealScope(actor: Actor): SQL[] {
  const where = [eq(dealRegistrations.workspaceId, actor.workspaceId)];
  if (actor.partnerId) where.push(eq(dealRegistrations.partnerId, actor.partnerId));
  return where;
}

export async function findDeal(
  tx: Tx,
  actor: Actor,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<DealViewRow | undefined> {
  const query = tx
    .select(viewColumns)
    .from(dealRegistrations)
    .innerJoin(partners, eq(partners.id, dealRegistrations.partnerId))
    .leftJoin(creator, eq(creator.id, dealRegistrations.createdBy))
    .leftJoin(closer, eq(closer.id, dealRegistrations.closedBy))
    .where(and(...dealScope(actor), eq(dealRegistrations.id, id)));
  const [row] = await (opts.lock ? query.for('update', { of: dealRegistrations }) : query);
  return row as DealViewRow | undefined;
}

export async function listDealRows(
  tx: Tx,
  actor: Actor,
  f: {
    status?: DealStatus[] | undefined;
    partnerId?: string | undefined;
    ownedBy?: string | undefined;
    before: string | null;
    limit: number;
  },
): Promise<DealViewRow[]> {
  const where: SQL[] = dealScope(actor);
  if (f.status?.length) where.push(inArray(dealRegistrations.status, f.status));
  if (f.partnerId) where.push(eq(dealRegistrations.partnerId, f.partnerId));
  if (f.ownedBy) where.push(eq(partners.ownerUserId, f.ownedBy));
  if (f.before) where.push(lt(dealRegistrations.id, f.before));
  return tx
    .select(viewColumns)
    .from(dealRegistrations)
    .innerJoin(partners, eq(partners.id, dealRegistrations.partnerId))
    .leftJoin(creator, eq(creator.id, dealRegistrations.createdBy))
    .leftJoin(closer, eq(closer.id, dealRegistrations.closedBy))
    .where(and(...where))
    .orderBy(desc(dealRegistrations.id))
    .limit(f.limit + 1) as Promise<DealViewRow[]>;
}

export async function insertDeal(tx: Tx, values: DealInsert): Promise<void> {
  await tx.insert(dealRegistrations).values(values);
}

export async function updateDealRow(tx: Tx, actor: Actor, id: string, set: Partial<DealInsert>): Promise<void> {
  await tx
    .update(dealRegistrations)
    .set(set)
    .where(and(...dealScope(actor), eq(dealRegistrations.id, id)));
}

export type DealEventInsert = typeof dealRegistrationEvents.$inferInsert;
export async function insertDealEvent(tx: Tx, event: DealEventInsert): Promise<void> {
  await tx.insert(dealRegistrationEvents).values(event);
}

export async function listDealEvents(tx: Tx, workspaceId: string, registrationId: string) {
  return tx
    .select({
      id: dealRegistrationEvents.id,
      action: dealRegistrationEvents.action,
      fromStatus: dealRegistrationEvents.fromStatus,
      toStatus: dealRegistrationEvents.toStatus,
      reason: dealRegistrationEvents.reason,
      occurredAt: dealRegistrationEvents.occurredAt,
      actorId: dealRegistrationEvents.actorUserId,
      actorName: users.name,
    })
    .from(dealRegistrationEvents)
    .leftJoin(users, eq(users.id, dealRegistrationEvents.actorUserId))
    .where(
      and(
        eq(dealRegistrationEvents.workspaceId, workspaceId),
        eq(dealRegistrationEvents.registrationId, registrationId),
      ),
    )
    .orderBy(asc(dealRegistrationEvents.occurredAt), asc(dealRegistrationEvents.id));
}

// --- settings ---

export async function readDealSettings(tx: Tx, workspaceId: string): Promise<DealSettings> {
  const [row] = await tx.select().from(dealSettings).where(eq(dealSettings.workspaceId, workspaceId));
  return row ? { ...DEFAULT_DEAL_SETTINGS, ...row.settings } : DEFAULT_DEAL_SETTINGS;
}

export async function writeDealSettings(tx: Tx, workspaceId: string, settings: DealSettings, now: Date) {
  await tx
    .insert(dealSettings)
    .values({ workspaceId, settings, updatedAt: now })
    .onConflictDoUpdate({ target: dealSettings.workspaceId, set: { settings, updatedAt: now } });
}

export async function workspaceFacts(tx: Tx, workspaceId: string) {
  const [row] = await tx
    .select({ baseCurrency: workspaces.baseCurrency, defaultLocale: workspaces.defaultLocale, name: workspaces.name })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return row;
}

/** The registering company: its status, owner and tier (rank and protection days) for the approval rules. */
export async function partnerFacts(tx: Tx, workspaceId: string, partnerId: string) {
  const [row] = await tx
    .select({
      id: partners.id,
      name: partners.displayName,
      status: partners.status,
      ownerUserId: partners.ownerUserId,
      tierRank: tiers.rank,
      tierBenefits: tiers.benefits,
    })
    .from(partners)
    .leftJoin(tiers, eq(tiers.id, partners.tierId))
    .where(and(eq(partners.workspaceId, workspaceId), eq(partners.id, partnerId)));
  return row;
}

/** Active vendor admins: who escalations and owner-less alerts go to. */
export async function workspaceAdmins(tx: Tx, workspaceId: string): Promise<string[]> {
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(
      and(
        eq(memberships.workspaceId, workspaceId),
        eq(memberships.role, 'admin'),
        eq(memberships.status, 'active'),
        sql`${memberships.partnerId} IS NULL`,
      ),
    );
  return rows.map((r) => r.userId);
}

/** Who may hear of a registration: vendor staff, or the people of the registration's own partner. */
export type AlertAudience = 'vendor' | { partnerId: string };

/**
 * E-mail addresses and languages of the people among `userIds` who still hold an active membership of this
 * workspace on the alert's side — vendor staff, or the registration's partner. Someone removed, suspended or
 * moved to another partner hears nothing more of it. Read in a vendor scope (the memberships are visible).
 */
export async function recipients(tx: Tx, workspaceId: string, userIds: readonly string[], audience: AlertAudience) {
  if (userIds.length === 0) return [];
  return tx
    .selectDistinct({ id: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(
      and(
        inArray(users.id, [...userIds]),
        eq(memberships.workspaceId, workspaceId),
        eq(memberships.status, 'active'),
        audience === 'vendor' ? sql`${memberships.partnerId} IS NULL` : eq(memberships.partnerId, audience.partnerId),
      ),
    );
}

// --- candidates for conflict detection (read in a vendor-scoped transaction) ---

export type CandidateDetail = {
  kind: 'account' | 'opportunity' | 'registration';
  id: string;
  name: string;
  domains: string[];
  country: string | null;
  address: Record<string, string | undefined>;
  status: string | null;
  namedAccount: boolean;
  partnerId: string | null;
  partnerName: string | null;
  partnerOwnerUserId: string | null;
  ownerUserId: string | null;
  ownerName: string | null;
  amount: { amountMinor: number; currency: string } | null;
  registeredAt: Date | null;
  profile: PreparedRecord;
};

const ACTIVE: DealStatus[] = ['submitted', 'needs_info', 'approved', 'won'];

export async function loadCandidates(
  tx: Tx,
  workspaceId: string,
  ids: { account: string[]; opportunity: string[]; registration: string[] },
  opts: { anyState?: boolean } = {},
): Promise<CandidateDetail[]> {
  const out: CandidateDetail[] = [];
  if (ids.account.length > 0) {
    const rows = await tx
      .select({ a: customerAccounts, ownerName: users.name })
      .from(customerAccounts)
      .leftJoin(users, eq(users.id, customerAccounts.ownerUserId))
      .where(and(eq(customerAccounts.workspaceId, workspaceId), inArray(customerAccounts.id, ids.account)));
    for (const { a, ownerName } of rows) {
      out.push({
        kind: 'account',
        id: a.id,
        name: a.name,
        domains: a.domains,
        country: a.country,
        address: a.address,
        status: null,
        namedAccount: a.namedAccount,
        partnerId: null,
        partnerName: null,
        partnerOwnerUserId: null,
        ownerUserId: a.ownerUserId,
        ownerName,
        amount: null,
        registeredAt: a.createdAt,
        profile: a.matchProfile,
      });
    }
  }
  if (ids.opportunity.length > 0) {
    const rows = await tx
      .select({ o: opportunities, ownerName: users.name })
      .from(opportunities)
      .leftJoin(users, eq(users.id, opportunities.ownerUserId))
      .where(
        and(
          eq(opportunities.workspaceId, workspaceId),
          inArray(opportunities.id, ids.opportunity),
          opts.anyState ? undefined : eq(opportunities.stage, 'open'),
        ),
      );
    for (const { o, ownerName } of rows) {
      out.push({
        kind: 'opportunity',
        id: o.id,
        name: o.customerName,
        domains: o.domains,
        country: o.country,
        address: o.address,
        status: o.stage,
        namedAccount: false,
        partnerId: null,
        partnerName: null,
        partnerOwnerUserId: null,
        ownerUserId: o.ownerUserId,
        ownerName,
        amount: o.amountMinor !== null && o.currency ? { amountMinor: o.amountMinor, currency: o.currency } : null,
        registeredAt: o.createdAt,
        profile: o.matchProfile,
      });
    }
  }
  if (ids.registration.length > 0) {
    const rows = await tx
      .select({
        d: dealRegistrations,
        partnerName: partners.displayName,
        partnerOwner: partners.ownerUserId,
        ownerName: users.name,
      })
      .from(dealRegistrations)
      .innerJoin(partners, eq(partners.id, dealRegistrations.partnerId))
      .leftJoin(users, eq(users.id, partners.ownerUserId))
      .where(
        and(
          eq(dealRegistrations.workspaceId, workspaceId),
          inArray(dealRegistrations.id, ids.registration),
          opts.anyState ? undefined : inArray(dealRegistrations.status, ACTIVE),
        ),
      );
    for (const { d, partnerName, partnerOwner, ownerName } of rows) {
      out.push({
        kind: 'registration',
        id: d.id,
        name: d.customerName,
        domains: d.customerDomain ? [d.customerDomain] : [],
        country: d.customerCountry,
        address: d.customerAddress,
        status: d.status,
        namedAccount: false,
        partnerId: d.partnerId,
        partnerName,
        partnerOwnerUserId: partnerOwner,
        ownerUserId: partnerOwner,
        ownerName,
        amount:
          d.totalAmountMinor !== null && d.totalCurrency
            ? { amountMinor: d.totalAmountMinor, currency: d.totalCurrency }
            : null,
        registeredAt: d.firstSubmittedAt,
        profile: d.matchProfile,
      });
    }
  }
  return out;
}

export type ConflictInsert = typeof dealConflicts.$inferInsert;
export async function insertConflicts(tx: Tx, rows: ConflictInsert[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insert(dealConflicts).values(rows);
}

export async function listConflictRows(tx: Tx, workspaceId: string, registrationId: string, checkId: string) {
  return tx
    .select()
    .from(dealConflicts)
    .where(
      and(
        eq(dealConflicts.workspaceId, workspaceId),
        eq(dealConflicts.registrationId, registrationId),
        eq(dealConflicts.checkId, checkId),
      ),
    )
    .orderBy(desc(dealConflicts.score));
}

// --- the submit's read, in one prepared statement (no query building per request) ---

/**
 * deal_registrations' columns as DealRow's fields, cast where the drivers' defaults differ from Drizzle's
 * mapping: int8 (Drizzle's `bigint({ mode: 'number' })`) as float8, so both drivers give a number, and
 * `date` (mode 'string') as text. Derived from the schema, so a new column is read too.
 */
function dealColumnList(alias: string): string {
  return Object.entries(getTableColumns(dealRegistrations))
    .map(([field, col]) => {
      const ref = `${alias}.${col.keyAsName ? toSnakeCase(col.name) : col.name}`;
      const type = col.getSQLType();
      const expr = type === 'bigint' ? `${ref}::float8` : type === 'date' ? `${ref}::text` : ref;
      return `${expr} AS "${field}"`;
    })
    .join(', ');
}

let submitFactsSql: string | undefined;

export type SubmitFacts = {
  row: DealViewRow;
  partner: {
    name: string;
    status: string;
    ownerUserId: string | null;
    tierRank: number | null;
    tierBenefits: TierBenefits | null;
  };
  ws: { baseCurrency: string };
};

/**
 * What a submit needs before its conflict check — the registration as findDeal returns it (the partner's
 * own: both the WHERE and RLS say so), its company's status, owner and tier, and the workspace's base
 * currency — in one statement, prepared once per pooled connection. Undefined when the registration is
 * not the actor's to see.
 */
export async function submitFacts(tx: Tx, actor: Actor, id: string): Promise<SubmitFacts | undefined> {
  submitFactsSql ??= `SELECT ${dealColumnList('d')}, p.display_name AS "partnerName", c.name AS "createdByName",
      x.name AS "closedByName", p.status::text AS "p_status", p.owner_user_id AS "p_owner", t.rank AS "p_tier_rank",
      t.benefits AS "p_tier_benefits", w.base_currency AS "w_base_currency"
    FROM deal_registrations d
    JOIN partners p ON p.id = d.partner_id
    JOIN workspaces w ON w.id = d.workspace_id
    LEFT JOIN tiers t ON t.id = p.tier_id
    LEFT JOIN users c ON c.id = d.created_by
    LEFT JOIN users x ON x.id = d.closed_by
    WHERE d.workspace_id = $1 AND d.partner_id = $2 AND d.id = $3`;
  if (!actor.partnerId) return undefined;
  const [r] = await rawQuery<Record<string, unknown>>(tx, 'deal_submit_facts', submitFactsSql, [
    actor.workspaceId,
    actor.partnerId,
    id,
  ]);
  if (!r) return undefined;
  const { p_status, p_owner, p_tier_rank, p_tier_benefits, w_base_currency, ...row } = r;
  return {
    row: row as DealViewRow,
    partner: {
      name: row.partnerName as string,
      status: p_status as string,
      ownerUserId: (p_owner as string | null) ?? null,
      tierRank: (p_tier_rank as number | null) ?? null,
      tierBenefits: (p_tier_benefits as TierBenefits | null) ?? null,
    },
    ws: { baseCurrency: w_base_currency as string },
  };
}

import {
  ACCOUNT_EXTERNAL_ID_KEY,
  type AccountExportQuery,
  AccountImportFieldValues,
  type ContactExportQuery,
  ContactImportFieldValues,
  CUSTOM_ATTRIBUTE_COLUMN_PREFIX,
  type PartnerExportQuery,
} from '@trellis/contracts';
import type { Services } from '../../../app';
import { inScope } from '../../../db/scope';
import { type Ctx, scopeOf } from '../../../platform/context';
import { listAccountRows } from '../../deals/index';
import { listContactRows } from '../contact.repo';
import { listDefinitionRows } from '../custom-attribute.repo';
import { listPartnerRows, type PartnerSortKey } from '../partner.repo';
import { csvHeader, csvLines, joinList, UTF8_BOM } from './csv-out';
import { findPartnersById, userEmails } from './import.repo';

/*
 * C1/C19 exports in Trellis' own import format, so a file re-imports without a mapping step. Each page
 * is read in its own short transaction (scoped to the actor, RLS on) and written out before the next
 * is read: 100,000 rows never become one string in memory, and no transaction waits on the network.
 */

const PAGE = 5000;

export const PARTNER_EXPORT_COLUMNS = [
  'id',
  'legalName',
  'displayName',
  'website',
  'domain',
  'country',
  'region',
  'addressLine1',
  'addressLine2',
  'city',
  'state',
  'postalCode',
  'phone',
  'type',
  'sizeBand',
  'industries',
  'capabilities',
  'territories',
  'status',
  'tier',
  'owner',
  'parent',
  'tags',
  'logoUrl',
] as const;

export const CONTACT_EXPORT_COLUMNS = ['id', ...ContactImportFieldValues.filter((f) => f !== 'mobile')] as const;

/** C4: the account import's own fields after the Trellis id; `website` stays empty (domains carry it). */
export const ACCOUNT_EXPORT_COLUMNS = ['id', ...AccountImportFieldValues.filter((f) => f !== 'website')] as const;

const stamp = (now: Date) => now.toISOString().slice(0, 10);

export async function exportPartners(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  q: PartnerExportQuery,
): Promise<{ fileName: string; chunks: AsyncIterable<string> }> {
  const scope = scopeOf(ctx.actor);
  const descending = q.sort.startsWith('-');
  const sortKey = (descending ? q.sort.slice(1) : q.sort) as PartnerSortKey;
  const defs = await inScope(services.db, scope, (tx) => listDefinitionRows(tx, ctx.actor.workspaceId));
  const attrKeys = defs.map((d) => d.key);
  async function* chunks() {
    yield UTF8_BOM +
      csvHeader([...PARTNER_EXPORT_COLUMNS, ...attrKeys.map((k) => `${CUSTOM_ATTRIBUTE_COLUMN_PREFIX}${k}`)]);
    let after: { key: string; id: string } | null = null;
    for (;;) {
      const { rows, emails } = await inScope(services.db, scope, async (tx) => {
        const rows = await listPartnerRows(tx, ctx.actor, { ...q, sortKey, descending, after, limit: PAGE });
        const owners = [...new Set(rows.map((r) => r.ownerUserId).filter((id): id is string => id !== null))];
        return { rows, emails: await userEmails(tx, owners) };
      });
      const page = rows.slice(0, PAGE);
      yield csvLines(
        page.map((p) => [
          p.id,
          p.legalName,
          p.displayName,
          p.website,
          p.domain,
          p.country,
          p.region,
          p.address.line1,
          p.address.line2,
          p.address.city,
          p.address.state,
          p.address.postalCode,
          p.phone,
          p.type,
          p.sizeBand,
          joinList(p.industries),
          joinList(p.capabilities),
          joinList(p.territories),
          p.status,
          p.tierName,
          p.ownerUserId ? (emails.get(p.ownerUserId) ?? '') : '',
          p.parentName,
          joinList(p.tags),
          p.logoUrl,
          ...attrKeys.map((k) => p.customAttributes[k]),
        ]),
      );
      const last = page.at(-1);
      if (rows.length <= PAGE || !last) return;
      after = { key: last.cursorKey, id: last.id };
    }
  }
  return { fileName: `partners-${stamp(ctx.now)}.csv`, chunks: chunks() };
}

export async function exportContacts(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  q: ContactExportQuery,
): Promise<{ fileName: string; chunks: AsyncIterable<string> }> {
  const scope = scopeOf(ctx.actor);
  async function* chunks() {
    yield UTF8_BOM + csvHeader(CONTACT_EXPORT_COLUMNS);
    let afterId: string | null = null;
    for (;;) {
      const { rows, partners } = await inScope(services.db, scope, async (tx) => {
        const rows = await listContactRows(tx, ctx.actor, { partnerId: q.partnerId, q: q.q, limit: PAGE, afterId });
        const ids = [...new Set(rows.map((r) => r.partnerId))];
        const found = await findPartnersById(tx, ctx.actor.workspaceId, ids);
        return { rows, partners: new Map(found.map((p) => [p.id, p])) };
      });
      const page = rows.slice(0, PAGE);
      yield csvLines(
        page.map((c) => {
          const partner = partners.get(c.partnerId);
          return [
            c.id,
            c.partnerId,
            partner?.displayName,
            partner?.domain,
            c.firstName,
            c.lastName,
            c.email,
            c.phone,
            c.title,
            c.role,
          ];
        }),
      );
      const last = page.at(-1);
      if (rows.length <= PAGE || !last) return;
      afterId = last.id;
    }
  }
  return { fileName: `contacts-${stamp(ctx.now)}.csv`, chunks: chunks() };
}

/** C4: the vendor's customer accounts (search and named-account filter as the list has them), re-importable as is. */
export async function exportAccounts(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  q: AccountExportQuery,
): Promise<{ fileName: string; chunks: AsyncIterable<string> }> {
  const scope = scopeOf(ctx.actor);
  async function* chunks() {
    yield UTF8_BOM + csvHeader(ACCOUNT_EXPORT_COLUMNS);
    let after: string | null = null;
    for (;;) {
      const { rows, emails } = await inScope(services.db, scope, async (tx) => {
        const rows = await listAccountRows(tx, ctx.actor.workspaceId, {
          q: q.q,
          namedAccount: q.namedAccount,
          after,
          limit: PAGE,
        });
        const owners = [...new Set(rows.map((r) => r.ownerUserId).filter((id): id is string => id !== null))];
        return { rows, emails: await userEmails(tx, owners) };
      });
      const page = rows.slice(0, PAGE);
      yield csvLines(
        page.map((a) => [
          a.id,
          a.metadata[ACCOUNT_EXTERNAL_ID_KEY],
          a.name,
          joinList(a.domains),
          a.country,
          a.address.line1,
          a.address.line2,
          a.address.city,
          a.address.state,
          a.address.postalCode,
          a.ownerUserId ? (emails.get(a.ownerUserId) ?? '') : '',
          a.namedAccount ? 'yes' : 'no',
        ]),
      );
      const last = page.at(-1);
      if (rows.length <= PAGE || !last) return;
      after = last.id;
    }
  }
  return { fileName: `accounts-${stamp(ctx.now)}.csv`, chunks: chunks() };
}

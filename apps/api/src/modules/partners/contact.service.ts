import type { Contact, ContactListQuery } from '@trellis/contracts';
import { uuidv7 } from 'uuidv7';
import type { Services } from '../../app';
import type { Tx } from '../../db/client';
import { inScope, readInScope } from '../../db/scope';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { audit, changedFields } from '../../platform/audit';
import { type Ctx, scopeOf } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { contactName, contactSnapshot, presentContact } from './contact.presenter';
import {
  type ContactRow,
  deleteContactRow,
  findContactRow,
  insertContact,
  listContactRows,
  updateContactRow,
} from './contact.repo';
import { contactSearchName } from './partner.policy';
import { insertPartnerEvents, partnerIsVisible } from './partner.repo';

type ContactFields = {
  firstName: string;
  lastName: string;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  title?: string | null | undefined;
  role: Contact['role'];
  metadata?: Record<string, string> | undefined;
};

async function timeline(tx: Tx, ctx: Ctx, partnerId: string, type: string, data: Record<string, unknown>) {
  await insertPartnerEvents(tx, [
    {
      id: uuidv7(),
      workspaceId: ctx.actor.workspaceId,
      partnerId,
      type,
      actorUserId: ctx.actor.userId,
      data,
      occurredAt: ctx.now,
    },
  ]);
}

function page(rows: ContactRow[], limit: number) {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return {
    data: data.map(presentContact),
    nextCursor: rows.length > limit && last ? encodeCursor({ id: last.id }) : null,
  };
}

/** GET /contacts: vendor staff across partners, partner people their own company's. */
export async function listContacts(services: Pick<Services, 'db'>, ctx: Ctx, q: ContactListQuery) {
  const afterId = decodeCursor(q.cursor)?.id ?? null;
  const rows = await readInScope(services.db, scopeOf(ctx.actor), (tx) =>
    listContactRows(tx, ctx.actor, { partnerId: q.partnerId, q: q.q, limit: q.limit, afterId }),
  );
  return page(rows, q.limit);
}

export async function listPartnerContacts(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  partnerId: string,
  q: { limit: number; cursor?: string | undefined },
) {
  const afterId = decodeCursor(q.cursor)?.id ?? null;
  const rows = await readInScope(services.db, scopeOf(ctx.actor), async (tx) => {
    if (!(await partnerIsVisible(tx, ctx.actor, partnerId))) throw notFound('partner');
    return listContactRows(tx, ctx.actor, { partnerId, limit: q.limit, afterId });
  });
  return page(rows, q.limit);
}

export async function createContact(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  partnerId: string,
  input: ContactFields,
): Promise<Contact> {
  return inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    if (!(await partnerIsVisible(tx, ctx.actor, partnerId))) throw notFound('partner');
    const id = uuidv7();
    const email = input.email ?? null;
    await insertContact(tx, {
      id,
      workspaceId: ctx.actor.workspaceId,
      partnerId,
      firstName: input.firstName,
      lastName: input.lastName,
      email,
      phone: input.phone ?? null,
      title: input.title ?? null,
      role: input.role,
      searchName: contactSearchName({ firstName: input.firstName, lastName: input.lastName, email }),
      metadata: input.metadata ?? {},
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    const row = await findContactRow(tx, ctx.actor, id);
    if (!row) throw notFound('contact');
    await audit(tx, ctx, {
      action: 'contact.created',
      targetType: 'contact',
      targetId: id,
      after: contactSnapshot(row),
    });
    await timeline(tx, ctx, partnerId, 'contact.added', { contactId: id, name: contactName(row), role: row.role });
    return presentContact(row);
  });
}

export async function updateContact(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  id: string,
  patch: Partial<ContactFields>,
): Promise<Contact> {
  return inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const before = await findContactRow(tx, ctx.actor, id, { lock: true });
    if (!before) throw notFound('contact');
    const next = { ...contactSnapshot(before) };
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) (next as Record<string, unknown>)[key] = value;
    }
    const diff = changedFields(contactSnapshot(before), next);
    const fields = Object.keys(diff.after);
    if (fields.length === 0) return presentContact(before);
    await updateContactRow(tx, ctx.actor, id, {
      ...diff.after,
      searchName: contactSearchName(next),
      updatedAt: ctx.now,
    });
    const after = await findContactRow(tx, ctx.actor, id);
    if (!after) throw notFound('contact');
    await audit(tx, ctx, { action: 'contact.updated', targetType: 'contact', targetId: id, ...diff });
    await timeline(tx, ctx, before.partnerId, 'contact.updated', { contactId: id, name: contactName(after), fields });
    return presentContact(after);
  });
}

export async function deleteContact(services: Pick<Services, 'db'>, ctx: Ctx, id: string): Promise<void> {
  await inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const before = await findContactRow(tx, ctx.actor, id, { lock: true });
    if (!before) throw notFound('contact');
    await deleteContactRow(tx, ctx.actor, id);
    await audit(tx, ctx, {
      action: 'contact.deleted',
      targetType: 'contact',
      targetId: id,
      before: contactSnapshot(before),
    });
    await timeline(tx, ctx, before.partnerId, 'contact.removed', { contactId: id, name: contactName(before) });
  });
}

import { createHash } from 'node:crypto';
import type { LeadWebForm } from '@trellis/contracts';
import { and, eq, gte, sql } from 'drizzle-orm';
import type { Services } from '../../app';
import { leads } from '../../db/schema/index';
import { inScope, NO_SCOPE } from '../../db/scope';
import { searchKey } from '../../lib/search-key';
import { notFound } from '../../platform/errors';
import { insertEvents, insertLead } from './lead.repo';
import { routeInTx } from './lead.routing';
import { createdEvent, newLeadRow } from './lead.service';

/** A repeat of the same person and company within this window is the same submission (double clicks, retries). */
export const WEB_FORM_DEDUPE_HOURS = 24;

/**
 * C5 web-to-lead: a public form posts to its workspace (slug or id). A filled honeypot is accepted and
 * dropped (bots learn nothing); the same e-mail and company again within 24 hours is accepted and not
 * stored twice. New leads are routed at once, like any other.
 */
export async function submitWebForm(
  services: Pick<Services, 'db' | 'now'>,
  workspaceKey: string,
  form: LeadWebForm,
): Promise<{ received: true; stored: boolean }> {
  const workspaceId = await inScope(services.db, NO_SCOPE, async (tx) => {
    const res = await tx.execute<{ id: string | null }>(sql`SELECT lead_form_workspace(${workspaceKey}) AS id`);
    return res.rows[0]?.id ?? null;
  });
  if (!workspaceId) throw notFound('workspace');
  if (form.website_url && form.website_url.trim() !== '') return { received: true, stored: false };
  const now = services.now();
  const dedupeKey = createHash('sha256')
    .update(`${form.email.trim().toLowerCase()}\u0000${searchKey(form.company)}`)
    .digest('hex');
  const scope = { workspaceId, userId: null, partnerId: null, kind: 'vendor' as const };
  return inScope(services.db, scope, async (tx) => {
    // Serialise submissions of one person to one workspace, so two racing duplicates cannot both pass the check.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`${workspaceId}:${dedupeKey}`}, 0))`);
    const since = new Date(now.getTime() - WEB_FORM_DEDUPE_HOURS * 3_600_000);
    const [dup] = await tx
      .select({ id: leads.id })
      .from(leads)
      .where(and(eq(leads.workspaceId, workspaceId), eq(leads.dedupeKey, dedupeKey), gte(leads.createdAt, since)))
      .limit(1);
    if (dup) return { received: true as const, stored: false };
    const row = newLeadRow(
      workspaceId,
      {
        company: form.company,
        contactName: form.name,
        contactEmail: form.email,
        contactPhone: form.phone ?? null,
        country: form.country ?? null,
        region: form.region ?? null,
        territory: null,
        language: form.language ?? null,
        productInterests: form.productInterests,
        companySize: form.companySize ?? null,
        notes: form.message ?? '',
        metadata: {},
      },
      'web_form',
      null,
      now,
      { dedupeKey },
    );
    await insertLead(tx, row);
    await insertEvents(tx, [createdEvent(row, null, now)]);
    await routeInTx(
      tx,
      { workspaceId, userId: null, now },
      async () => {
        const [locked] = await tx
          .select()
          .from(leads)
          .where(eq(leads.id, row.id as string))
          .for('update');
        return { rows: locked ? [locked] : [], extra: null };
      },
      'web_form',
    );
    return { received: true as const, stored: true };
  });
}

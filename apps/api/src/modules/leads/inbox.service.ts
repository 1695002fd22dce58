import {
  type DealRegistrationCreate,
  type LeadConvert,
  type LeadDecline,
  type LeadInboxDetail,
  type LeadInboxItem,
  type LeadInboxQuery,
  type LeadStatus,
  type LeadStatusUpdate,
  PermissionValues,
} from '@trellis/contracts';
import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Services } from '../../app';
import type { Tx } from '../../db/client';
import { leadEvents, leads, memberships } from '../../db/schema/index';
import { inScope, readInScope, type Scope } from '../../db/scope';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { audit } from '../../platform/audit';
import { type Actor, type Ctx, scopeOf } from '../../platform/context';
import { AppError, conflict, forbidden, invalidState, notFound, validationFailed } from '../../platform/errors';
import {
  companyDomain,
  createRegistration,
  decideRegistration,
  domainIssue,
  closeRegistration as withdrawRegistration,
} from '../deals/index';
import { presentEvent, presentInboxItem } from './lead.presenter';
import {
  findLead,
  inboxSettings,
  insertEvents,
  type LeadRow,
  listEventRows,
  partnerRow,
  readSettings,
  updateLeadAt,
} from './lead.repo';
import { routeInTx, type SysCtx } from './lead.routing';
import { hop } from './lead.service';

const partnerOf = (ctx: Ctx): string => {
  if (!ctx.actor.partnerId) throw forbidden('the lead inbox is for partner people');
  return ctx.actor.partnerId;
};

/**
 * Vendor scope for the partner-initiated work that must see beyond the partner's company: the re-route after
 * a decline and finding who pre-approves a converted deal. The inbox's own settings need none: they come
 * through lead_inbox_settings in the partner's scope (inboxSettings).
 */
const systemScope = (ctx: Ctx): Scope => ({
  workspaceId: ctx.actor.workspaceId,
  userId: ctx.actor.userId,
  partnerId: null,
  kind: 'vendor',
});

/** C5 partner inbox: the leads the partner's company holds now, newest first. One read in the partner's scope. */
export async function listInbox(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  q: LeadInboxQuery,
): Promise<{ data: LeadInboxItem[]; nextCursor: string | null }> {
  const partnerId = partnerOf(ctx);
  const before = decodeCursor(q.cursor)?.id ?? null;
  const { rows, settings } = await readInScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const where = [eq(leads.workspaceId, ctx.actor.workspaceId), eq(leads.partnerId, partnerId)];
    if (q.status?.length) where.push(inArray(leads.status, q.status));
    if (before) where.push(lt(leads.id, before));
    const found = await tx
      .select()
      .from(leads)
      .where(and(...where))
      .orderBy(desc(leads.id))
      .limit(q.limit + 1);
    // An empty page presents nothing: the settings are read only when there is a lead to apply them to.
    return { rows: found, settings: found.length ? await inboxSettings(tx, ctx.actor.workspaceId) : null };
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    data: settings ? page.map((r) => presentInboxItem(r, settings)) : [],
    nextCursor: rows.length > q.limit && last ? encodeCursor({ id: last.id }) : null,
  };
}

/**
 * 409 for a lead this partner held and no longer does (recalled, declined, reassigned): says which and
 * when. A lead it never held is 404 like any other id.
 */
async function goneOr404(tx: Tx, workspaceId: string, partnerId: string, leadId: string): Promise<never> {
  const [last] = await tx
    .select({ type: leadEvents.type, at: leadEvents.occurredAt })
    .from(leadEvents)
    .where(
      and(
        eq(leadEvents.workspaceId, workspaceId),
        eq(leadEvents.leadId, leadId),
        eq(leadEvents.partnerId, partnerId),
        inArray(leadEvents.type, ['recalled', 'declined', 'reassigned']),
      ),
    )
    .orderBy(desc(leadEvents.occurredAt), desc(leadEvents.id))
    .limit(1);
  if (!last) throw notFound('lead');
  const state = last.type as 'recalled' | 'declined' | 'reassigned';
  const words = {
    recalled: 'was recalled',
    declined: 'was declined by your company',
    reassigned: 'was given to another partner',
  };
  throw conflict(`this lead ${words[state]} on ${last.at.toISOString()} and is no longer in your inbox`, {
    leadId,
    state,
    at: last.at.toISOString(),
  });
}

async function heldLead(tx: Tx, ctx: Ctx, id: string, lock = false): Promise<LeadRow> {
  const partnerId = partnerOf(ctx);
  const row = await findLead(tx, ctx.actor.workspaceId, id, { partnerId, lock });
  if (!row) return goneOr404(tx, ctx.actor.workspaceId, partnerId, id);
  return row;
}

export async function getInboxLead(services: Pick<Services, 'db'>, ctx: Ctx, id: string): Promise<LeadInboxDetail> {
  const partnerId = partnerOf(ctx);
  return readInScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const row = await heldLead(tx, ctx, id);
    const settings = await inboxSettings(tx, ctx.actor.workspaceId);
    const events = await listEventRows(tx, ctx.actor.workspaceId, id, partnerId);
    // The partner's own hops only, without the routing decision behind them (that names other partners).
    return {
      ...presentInboxItem(row, settings),
      events: events.map((e) => ({ ...presentEvent(e), decisionId: null })),
    };
  });
}

/** C5 accept: only an offered lead the partner holds; the SLA stops. A recalled lead answers 409 with its state. */
export async function acceptLead(services: Pick<Services, 'db'>, ctx: Ctx, id: string): Promise<LeadInboxDetail> {
  const partnerId = partnerOf(ctx);
  await inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const row = await heldLead(tx, ctx, id, true);
    if (row.status !== 'offered') {
      throw invalidState(`only an offered lead can be accepted; this one is ${row.status}`, { status: row.status });
    }
    const ok = await updateLeadAt(tx, ctx.actor.workspaceId, id, row.assignmentVersion, {
      status: 'accepted',
      acceptedAt: ctx.now,
      slaDueAt: null,
      updatedAt: ctx.now,
    });
    if (!ok) throw invalidState('the lead changed meanwhile; reload it', { status: row.status });
    await insertEvents(tx, [hop(row, 'accepted', partnerId, 'accepted', null, null, ctx)]);
    await audit(tx, ctx, { action: 'lead.accepted', targetType: 'lead', targetId: id });
  });
  return getInboxLead(services, ctx, id);
}

/**
 * C5 decline with a reason: the partner joins the lead's declined list (never offered it again) and the lead
 * is routed to the next candidate at once. Runs vendor-scoped (routing reads every partner and writes the
 * decision) after checking, under the lead's row lock, that this partner holds the lead offered.
 */
export async function declineLead(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  id: string,
  body: LeadDecline,
): Promise<{ declined: true; leadId: string }> {
  const partnerId = partnerOf(ctx);
  const c: SysCtx = { workspaceId: ctx.actor.workspaceId, userId: ctx.actor.userId, now: ctx.now };
  await inScope(services.db, systemScope(ctx), async (tx) => {
    await routeInTx(
      tx,
      c,
      async () => {
        const row = await findLead(tx, c.workspaceId, id, { partnerId, lock: true });
        if (!row) return goneOr404(tx, c.workspaceId, partnerId, id);
        if (row.status !== 'offered') {
          throw invalidState(`only an offered lead can be declined; this one is ${row.status}`, {
            status: row.status,
          });
        }
        const settings = await readSettings(tx, c.workspaceId);
        const set = {
          status: 'unassigned' as LeadStatus,
          partnerId: null,
          fallbackQueueId: settings.fallbackQueue.id,
          assignedAt: null,
          slaDueAt: null,
          slaRemindedAt: null,
          declinedPartnerIds: [...new Set([...row.declinedPartnerIds, partnerId])].sort(),
          assignmentVersion: row.assignmentVersion + 1,
          updatedAt: c.now,
        };
        const ok = await updateLeadAt(tx, c.workspaceId, id, row.assignmentVersion, set);
        if (!ok) throw invalidState('the lead changed meanwhile; reload it', { status: row.status });
        await insertEvents(tx, [
          hop(row, 'declined', partnerId, 'unassigned', body.reasonCode, body.reason ?? null, ctx),
        ]);
        await audit(tx, ctx, {
          action: 'lead.declined',
          targetType: 'lead',
          targetId: id,
          after: { reasonCode: body.reasonCode, reason: body.reason ?? null },
        });
        return { rows: [{ ...row, ...set }], extra: null };
      },
      'decline',
    );
  });
  return { declined: true, leadId: id };
}

/** C5 partner status updates: contacted, qualified, lost with a reason (closed; no longer counts as open). */
export async function setLeadStatus(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  id: string,
  body: LeadStatusUpdate,
): Promise<LeadInboxDetail> {
  const partnerId = partnerOf(ctx);
  await inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const row = await heldLead(tx, ctx, id, true);
    const allowed: Record<LeadStatusUpdate['status'], LeadStatus[]> = {
      contacted: ['accepted'],
      qualified: ['accepted', 'contacted'],
      lost: ['accepted', 'contacted', 'qualified'],
    };
    if (!allowed[body.status].includes(row.status)) {
      throw invalidState(`a ${row.status} lead cannot become ${body.status}`, {
        status: row.status,
        allowedFrom: allowed[body.status],
      });
    }
    const lost = body.status === 'lost';
    await updateLeadAt(tx, ctx.actor.workspaceId, id, null, {
      status: body.status,
      ...(lost ? { lostReason: body.reasonCode, lostNote: body.note ?? null, closedAt: ctx.now } : {}),
      updatedAt: ctx.now,
    });
    await insertEvents(tx, [
      hop(row, 'status_changed', partnerId, body.status, lost ? body.reasonCode : null, body.note ?? null, ctx),
    ]);
    await audit(tx, ctx, {
      action: 'lead.status_changed',
      targetType: 'lead',
      targetId: id,
      before: { status: row.status },
      after: { status: body.status, ...(lost ? { reasonCode: body.reasonCode } : {}) },
    });
  });
  return getInboxLead(services, ctx, id);
}

const splitName = (name: string) => {
  const parts = name.trim().split(/\s+/);
  return { firstName: parts[0] ?? name, lastName: parts.slice(1).join(' ') };
};

/**
 * C5 convert: an accepted lead becomes the partner's deal registration, pre-filled from the lead (customer,
 * country, contact) through the deals module. Submitted at once with `submit: true`; when the workspace
 * pre-approves converted deals, a submitted registration is then approved on the partner owner's behalf
 * (first-come protection may still hold it for review). The lead ends `converted`, linked to the registration.
 */
export async function convertLead(
  services: Pick<Services, 'db' | 'jobs'>,
  ctx: Ctx,
  id: string,
  body: LeadConvert,
): Promise<{ lead: LeadInboxDetail; dealRegistrationId: string; dealStatus: string }> {
  const partnerId = partnerOf(ctx);
  const { row, settings } = await inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const r = await heldLead(tx, ctx, id, true);
    if (!['accepted', 'contacted', 'qualified'].includes(r.status)) {
      throw invalidState(`only an accepted lead can be converted; this one is ${r.status}`, {
        status: r.status,
        dealRegistrationId: r.dealRegistrationId,
      });
    }
    return { row: r, settings: await inboxSettings(tx, ctx.actor.workspaceId) };
  });
  const country = body.country ?? row.country;
  if (!country) {
    throw validationFailed([
      { path: 'body.country', code: 'required', message: 'the lead has no country: give the customer’s country' },
    ]);
  }
  const given = body.domain ? domainIssue(body.domain, 'body.domain', { allowPlatformPage: true }) : null;
  if (given) throw validationFailed([given]);
  // Without one given, the contact's e-mail domain when it is the customer's own (not gmail.com and the like).
  const fromEmail = row.contactEmail ? companyDomain(row.contactEmail).host : null;
  const domain = body.domain ?? fromEmail;
  const input: DealRegistrationCreate = {
    customer: { name: row.company, country, address: {}, ...(domain ? { domain } : {}) },
    contact: {
      ...splitName(row.contactName),
      ...(row.contactEmail ? { email: row.contactEmail } : {}),
      ...(row.contactPhone ? { phone: row.contactPhone } : {}),
    },
    products: body.products,
    expectedCloseDate: body.expectedCloseDate ?? null,
    notes: body.notes ?? row.notes,
    metadata: { leadId: row.id },
    submit: body.submit,
  };
  const created = await createRegistration(services, ctx, input);
  let dealStatus: string = created.status;
  const claimed = await inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const r = await findLead(tx, ctx.actor.workspaceId, id, { partnerId, lock: true });
    if (!r || !['accepted', 'contacted', 'qualified'].includes(r.status)) return false;
    await updateLeadAt(tx, ctx.actor.workspaceId, id, null, {
      status: 'converted',
      dealRegistrationId: created.id,
      closedAt: ctx.now,
      updatedAt: ctx.now,
    });
    await insertEvents(tx, [hop(r, 'converted', partnerId, 'converted', null, null, ctx)]);
    await audit(tx, ctx, {
      action: 'lead.converted',
      targetType: 'lead',
      targetId: id,
      after: { dealRegistrationId: created.id },
    });
    return true;
  });
  if (!claimed) {
    // Another request converted (or the vendor recalled) the lead meanwhile: the new registration is withdrawn.
    await withdrawRegistration(services, ctx, created.id, 'withdraw', 'duplicate conversion of one lead');
    throw invalidState('the lead was converted or taken back meanwhile', { leadId: id });
  }
  if (settings.preApprove && created.status === 'submitted') {
    const approver = await approverFor(services, ctx, partnerId);
    if (approver) {
      try {
        const approved = await decideRegistration(
          services,
          approver,
          created.id,
          'approve',
          'pre-approved: converted from an accepted lead (workspace setting)',
        );
        dealStatus = approved.status;
      } catch (err) {
        // First-come protection (409) keeps it submitted for a reviewer; anything else is a real failure.
        if (!(err instanceof AppError && err.code === 'conflict')) throw err;
      }
    }
  }
  return { lead: await getInboxLead(services, ctx, id), dealRegistrationId: created.id, dealStatus };
}

/**
 * Who pre-approves on the workspace's behalf: the partner's owner (channel manager), else an active admin.
 * The approval is recorded under that person with the reason naming the workspace setting.
 */
async function approverFor(services: Pick<Services, 'db'>, ctx: Ctx, partnerId: string): Promise<Ctx | null> {
  const person = await readInScope(services.db, systemScope(ctx), async (tx) => {
    const partner = await partnerRow(tx, ctx.actor.workspaceId, partnerId);
    const rows = await tx
      .select({ userId: memberships.userId, role: memberships.role, id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, ctx.actor.workspaceId), eq(memberships.status, 'active')));
    const vendor = rows.filter((m) => m.role === 'admin' || m.role === 'channel_manager');
    return vendor.find((m) => m.userId === partner?.ownerUserId) ?? vendor.find((m) => m.role === 'admin') ?? null;
  });
  if (!person) return null;
  const actor: Actor = {
    userId: person.userId,
    email: '',
    name: '',
    workspaceId: ctx.actor.workspaceId,
    membershipId: person.id,
    role: person.role,
    partnerId: null,
    permissions: new Set(PermissionValues.filter((p) => p === 'deal.read' || p === 'deal.approve')),
  };
  return { ...ctx, actor };
}

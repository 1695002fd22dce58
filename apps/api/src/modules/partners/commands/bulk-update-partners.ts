import type { PartnerBulkAction, PartnerBulkResult } from '@trellis/contracts';
import { inArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Services } from '../../../app';
import { partners } from '../../../db/schema/index';
import { inScope } from '../../../db/scope';
import { audit, changedFields } from '../../../platform/audit';
import { type Ctx, scopeOf } from '../../../platform/context';
import { AppError, forbidden, invalidState, validationFailed } from '../../../platform/errors';
import { nextTags, statusTransitionProblem } from '../partner.policy';
import { partnerSnapshot } from '../partner.presenter';
import {
  insertPartnerEvents,
  type PartnerEventInsert,
  type PartnerViewRow,
  selectPartnerViews,
  updatePartnerRows,
  updatePartnerTags,
} from '../partner.repo';
import { checkPartnerReferences, partnerChangeEvents } from './partner-changes';

/**
 * C1 segmentation: one action over up to 500 partners in one transaction — all change or none do.
 * Every changed partner gets its own audit row and timeline event; one already in the target state is
 * left alone.
 */
export async function bulkUpdatePartners(
  services: Pick<Services, 'db' | 'actors'>,
  ctx: Ctx,
  input: PartnerBulkAction,
): Promise<PartnerBulkResult> {
  const needed = input.action === 'change_status' ? 'partner.change_status' : 'partner.update';
  if (!ctx.actor.permissions.has(needed) || ctx.actor.partnerId) {
    throw forbidden(`your role may not ${needed.replace('.', ' ')}`);
  }
  const ids = [...new Set(input.partnerIds)];
  const result = await inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const rows = await selectPartnerViews(tx, ctx.actor, inArray(partners.id, ids), { lock: true });
    const found = new Set(rows.map((r) => r.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) {
      throw new AppError(
        'not_found',
        `${missing.length} partner${missing.length === 1 ? '' : 's'} not found: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}`,
        { ids: missing },
      );
    }
    const workspaceId = ctx.actor.workspaceId;
    let changed: PartnerViewRow[];
    switch (input.action) {
      case 'assign_owner': {
        const issues = await checkPartnerReferences(tx, workspaceId, { ownerUserId: input.ownerUserId }, null);
        if (issues.length > 0) throw validationFailed(issues);
        changed = rows.filter((r) => r.ownerUserId !== input.ownerUserId);
        await updatePartnerRows(
          tx,
          ctx.actor,
          changed.map((r) => r.id),
          { ownerUserId: input.ownerUserId, updatedAt: ctx.now },
        );
        break;
      }
      case 'change_tier': {
        const issues = await checkPartnerReferences(tx, workspaceId, { tierId: input.tierId }, null);
        if (issues.length > 0) throw validationFailed(issues);
        changed = rows.filter((r) => r.tierId !== input.tierId);
        await updatePartnerRows(
          tx,
          ctx.actor,
          changed.map((r) => r.id),
          { tierId: input.tierId, updatedAt: ctx.now },
        );
        break;
      }
      case 'add_tags':
      case 'remove_tags': {
        const tags = [...new Set(input.tags)];
        changed = rows.filter((r) => nextTags(r.tags, input.action, tags).join('\n') !== r.tags.join('\n'));
        await updatePartnerTags(
          tx,
          ctx.actor,
          changed.map((r) => r.id),
          input.action,
          tags,
          ctx.now,
        );
        break;
      }
      case 'change_status': {
        const problems = rows.flatMap((r) => {
          const p = statusTransitionProblem(r.status, input.status);
          return p ? [{ id: r.id, ...p }] : [];
        });
        if (problems.length > 0) {
          throw invalidState(
            `${problems.length} partner${problems.length === 1 ? '' : 's'} cannot go to ${input.status}; nothing was changed`,
            { to: input.status, problems },
          );
        }
        changed = rows;
        await updatePartnerRows(
          tx,
          ctx.actor,
          changed.map((r) => r.id),
          { status: input.status, updatedAt: ctx.now },
        );
        break;
      }
    }
    if (changed.length === 0) return { action: input.action, matched: ids.length, changedIds: [] };

    const after = new Map(
      (
        await selectPartnerViews(
          tx,
          ctx.actor,
          inArray(
            partners.id,
            changed.map((r) => r.id),
          ),
        )
      ).map((r) => [r.id, r]),
    );
    const events: PartnerEventInsert[] = [];
    for (const before of changed) {
      const now = after.get(before.id);
      if (!now) continue;
      if (input.action === 'change_status') {
        await audit(tx, ctx, {
          action: 'partner.status_changed',
          targetType: 'partner',
          targetId: before.id,
          before: { status: before.status },
          after: { status: now.status, reason: input.reason },
        });
        events.push({
          id: uuidv7(),
          workspaceId,
          partnerId: before.id,
          type: 'status.changed',
          actorUserId: ctx.actor.userId,
          data: { from: before.status, to: now.status, reason: input.reason },
          occurredAt: ctx.now,
        });
      } else {
        await audit(tx, ctx, {
          action: 'partner.updated',
          targetType: 'partner',
          targetId: before.id,
          ...changedFields(partnerSnapshot(before), partnerSnapshot(now)),
        });
        events.push(...partnerChangeEvents(ctx, before, now));
      }
    }
    await insertPartnerEvents(tx, events);
    return { action: input.action, matched: ids.length, changedIds: changed.map((r) => r.id) };
  });
  if (input.action === 'change_status') services.actors.invalidate();
  return result;
}

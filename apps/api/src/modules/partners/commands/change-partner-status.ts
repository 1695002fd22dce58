import type { PartnerDetail, PartnerStatus } from '@trellis/contracts';
import { uuidv7 } from 'uuidv7';
import type { Services } from '../../../app';
import { inScope } from '../../../db/scope';
import { audit } from '../../../platform/audit';
import { type Ctx, scopeOf } from '../../../platform/context';
import { forbidden, invalidState, notFound } from '../../../platform/errors';
import { abilitiesNeedSettings, describeTransitionProblem, statusTransitionProblem } from '../partner.policy';
import { presentPartnerDetail } from '../partner.presenter';
import { findPartnerDetail, insertPartnerEvents, updatePartnerRows } from '../partner.repo';

/** C2: moves a partner along the status machine; who, when and why land in the audit log and timeline. */
export async function changePartnerStatus(
  services: Pick<Services, 'db' | 'actors'>,
  ctx: Ctx,
  id: string,
  input: { status: PartnerStatus; reason: string },
): Promise<PartnerDetail> {
  const detail = await inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const before = await findPartnerDetail(tx, ctx.actor, id, { lock: true });
    if (!before) throw notFound('partner');
    if (ctx.actor.partnerId) throw forbidden('only vendor staff change a partner’s status');
    const problem = statusTransitionProblem(before.status, input.status);
    if (problem) throw invalidState(describeTransitionProblem(problem), problem);
    await updatePartnerRows(tx, ctx.actor, [id], { status: input.status, updatedAt: ctx.now });
    await audit(tx, ctx, {
      action: 'partner.status_changed',
      targetType: 'partner',
      targetId: id,
      before: { status: before.status },
      after: { status: input.status, reason: input.reason },
    });
    await insertPartnerEvents(tx, [
      {
        id: uuidv7(),
        workspaceId: ctx.actor.workspaceId,
        partnerId: id,
        type: 'status.changed',
        actorUserId: ctx.actor.userId,
        data: { from: before.status, to: input.status, reason: input.reason },
        occurredAt: ctx.now,
      },
    ]);
    const after = await findPartnerDetail(tx, ctx.actor, id, { withSettings: abilitiesNeedSettings(ctx.actor) });
    if (!after) throw notFound('partner');
    return presentPartnerDetail(after, ctx.actor);
  });
  // Termination ends the company's portal access (platform/actors.ts): forget cached actors now.
  services.actors.invalidate();
  return detail;
}

import type { PartnerDetail, PartnerUpdate } from '@trellis/contracts';
import type { Services } from '../../../app';
import { inScope } from '../../../db/scope';
import { type Ctx, scopeOf } from '../../../platform/context';
import { forbidden, notFound } from '../../../platform/errors';
import { listDefinitionRows } from '../custom-attribute.repo';
import { forbiddenProfileFields } from '../partner.policy';
import { presentPartnerDetail } from '../partner.presenter';
import { findPartnerDetail } from '../partner.repo';
import { applyPartnerPatch } from './partner-changes';

/** Vendor staff edit any field of a partner (status has its own action). */
export async function updatePartner(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  id: string,
  patch: PartnerUpdate,
): Promise<PartnerDetail> {
  return inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const before = await findPartnerDetail(tx, ctx.actor, id, { lock: true });
    if (!before) throw notFound('partner');
    if (ctx.actor.partnerId) throw forbidden('partner people edit their company through PATCH /partners/{id}/profile');
    const after = await applyPartnerPatch(tx, ctx, before, patch);
    return presentPartnerDetail(after, ctx.actor);
  });
}

/**
 * C1: a partner_admin edits their own company's profile — only the fields the workspace opens to
 * partners (settings.partnerEditableFields) and custom attributes marked partnerEditable.
 */
export async function updatePartnerProfile(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  id: string,
  patch: PartnerUpdate,
): Promise<PartnerDetail> {
  return inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const before = await findPartnerDetail(tx, ctx.actor, id, { lock: true, withSettings: true });
    if (!before) throw notFound('partner');
    if (ctx.actor.partnerId !== before.id) {
      throw forbidden('vendor staff edit partners through PATCH /partners/{id}');
    }
    const defs = await listDefinitionRows(tx, ctx.actor.workspaceId);
    const refused = forbiddenProfileFields(patch, before.settings ?? { partnerEditableFields: [] }, defs);
    if (refused.length > 0) {
      throw forbidden(`partners may not change ${refused.join(', ')}`);
    }
    const after = await applyPartnerPatch(tx, ctx, before, patch, defs);
    return presentPartnerDetail(after, ctx.actor);
  });
}

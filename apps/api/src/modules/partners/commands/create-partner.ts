import type { PartnerCreate, PartnerDetail } from '@trellis/contracts';
import { uuidv7 } from 'uuidv7';
import type { Services } from '../../../app';
import { inScope } from '../../../db/scope';
import { audit } from '../../../platform/audit';
import { type Ctx, scopeOf } from '../../../platform/context';
import { notFound, validationFailed } from '../../../platform/errors';
import { listDefinitionRows } from '../custom-attribute.repo';
import { validateCustomAttributes } from '../custom-attributes.policy';
import { abilitiesNeedSettings, domainFromWebsite, partnerSearchName } from '../partner.policy';
import { partnerSnapshot, presentPartnerDetail } from '../partner.presenter';
import { findPartnerDetail, insertPartner, insertPartnerEvents } from '../partner.repo';
import { checkPartnerReferences, mergeCustomAttributes } from './partner-changes';

/** C1: a vendor adds a partner company; it starts in onboarding unless told otherwise (C2). */
export async function createPartner(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  input: PartnerCreate,
): Promise<PartnerDetail> {
  return inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const workspaceId = ctx.actor.workspaceId;
    const defs = await listDefinitionRows(tx, workspaceId);
    const issues = [
      ...(await checkPartnerReferences(tx, workspaceId, input, null)),
      ...validateCustomAttributes(defs, input.customAttributes ?? {}),
    ];
    if (issues.length > 0) throw validationFailed(issues);
    const id = uuidv7();
    const displayName = input.displayName ?? input.legalName;
    const website = input.website ?? null;
    const domain = domainFromWebsite(website);
    await insertPartner(tx, {
      id,
      workspaceId,
      legalName: input.legalName,
      displayName,
      searchName: partnerSearchName({ displayName, legalName: input.legalName, domain }),
      website,
      domain,
      country: input.country,
      region: input.region ?? null,
      address: input.address ?? {},
      phone: input.phone ?? null,
      type: input.type,
      sizeBand: input.sizeBand ?? null,
      industries: input.industries ?? [],
      capabilities: input.capabilities ?? [],
      territories: input.territories ?? [],
      tierId: input.tierId ?? null,
      ownerUserId: input.ownerUserId ?? null,
      parentPartnerId: input.parentPartnerId ?? null,
      status: input.status ?? 'onboarding',
      tags: [...new Set(input.tags ?? [])],
      customAttributes: mergeCustomAttributes({}, input.customAttributes ?? {}),
      logoUrl: input.logoUrl ?? null,
      metadata: input.metadata ?? {},
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    const row = await findPartnerDetail(tx, ctx.actor, id, { withSettings: abilitiesNeedSettings(ctx.actor) });
    if (!row) throw notFound('partner');
    await audit(tx, ctx, {
      action: 'partner.created',
      targetType: 'partner',
      targetId: id,
      after: partnerSnapshot(row),
    });
    await insertPartnerEvents(tx, [
      {
        id: uuidv7(),
        workspaceId,
        partnerId: id,
        type: 'partner.created',
        actorUserId: ctx.actor.userId,
        data: { status: row.status, displayName },
        occurredAt: ctx.now,
      },
    ]);
    return presentPartnerDetail(row, ctx.actor);
  });
}

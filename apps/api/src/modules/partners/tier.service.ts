import type { Tier, TierBenefits } from '@trellis/contracts';
import { uuidv7 } from 'uuidv7';
import type { Services } from '../../app';
import { inScope, readInScope } from '../../db/scope';
import { audit, changedFields } from '../../platform/audit';
import { type Ctx, scopeOf } from '../../platform/context';
import { conflict, invalidState, notFound } from '../../platform/errors';
import { presentTier, tierSnapshot } from './tier.presenter';
import {
  countPartnersInTier,
  deleteTierRow,
  findTierRow,
  insertTier,
  listTierRows,
  tierNameTaken,
  updateTierRow,
} from './tier.repo';

const nameTaken = (name: string) =>
  conflict(`a tier named "${name}" already exists`, {
    issues: [{ path: 'body.name', code: 'taken', message: 'another tier has this name' }],
  });

/** C1/C3: the program's tiers, lowest rank first, with how many partners hold each. */
export async function listTiers(services: Pick<Services, 'db'>, ctx: Ctx): Promise<Tier[]> {
  const rows = await readInScope(services.db, scopeOf(ctx.actor), (tx) => listTierRows(tx, ctx.actor.workspaceId));
  return rows.map((r) => presentTier(r, r.partnerCount));
}

export async function createTier(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  input: { name: string; rank: number; description?: string | undefined; benefits: TierBenefits },
): Promise<Tier> {
  return inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    if (await tierNameTaken(tx, ctx.actor.workspaceId, input.name)) throw nameTaken(input.name);
    const row = await insertTier(tx, {
      id: uuidv7(),
      workspaceId: ctx.actor.workspaceId,
      name: input.name,
      rank: input.rank,
      description: input.description ?? null,
      benefits: input.benefits,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await audit(tx, ctx, { action: 'tier.created', targetType: 'tier', targetId: row.id, after: tierSnapshot(row) });
    return presentTier(row, 0);
  });
}

export async function updateTier(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  id: string,
  patch: { name?: string; rank?: number; description?: string; benefits?: TierBenefits },
): Promise<Tier> {
  return inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const workspaceId = ctx.actor.workspaceId;
    const before = await findTierRow(tx, workspaceId, id, { lock: true });
    if (!before) throw notFound('tier');
    if (patch.name !== undefined && (await tierNameTaken(tx, workspaceId, patch.name, id))) throw nameTaken(patch.name);
    const after = await updateTierRow(tx, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.rank !== undefined ? { rank: patch.rank } : {}),
      ...(patch.description !== undefined ? { description: patch.description || null } : {}),
      ...(patch.benefits !== undefined ? { benefits: patch.benefits } : {}),
      updatedAt: ctx.now,
    });
    const diff = changedFields(tierSnapshot(before), tierSnapshot(after));
    if (Object.keys(diff.after).length > 0) {
      await audit(tx, ctx, { action: 'tier.updated', targetType: 'tier', targetId: id, ...diff });
    }
    return presentTier(after, await countPartnersInTier(tx, workspaceId, id));
  });
}

/** A tier that partners still hold cannot go: move them first (bulk change_tier). */
export async function deleteTier(services: Pick<Services, 'db'>, ctx: Ctx, id: string): Promise<void> {
  await inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const workspaceId = ctx.actor.workspaceId;
    const before = await findTierRow(tx, workspaceId, id, { lock: true });
    if (!before) throw notFound('tier');
    const inUse = await countPartnersInTier(tx, workspaceId, id);
    if (inUse > 0) {
      throw invalidState(
        `tier "${before.name}" is held by ${inUse} partner${inUse === 1 ? '' : 's'}; move them to another tier first`,
        { partnerCount: inUse },
      );
    }
    await deleteTierRow(tx, id);
    await audit(tx, ctx, { action: 'tier.deleted', targetType: 'tier', targetId: id, before: tierSnapshot(before) });
  });
}

import type { SavedView, SavedViewCreate } from '@trellis/contracts';
import { uuidv7 } from 'uuidv7';
import type { Services } from '../../app';
import { inScope, readInScope } from '../../db/scope';
import { audit } from '../../platform/audit';
import { type Ctx, scopeOf } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { presentSavedView } from './saved-view.presenter';
import { deleteSavedViewRow, findSavedViewRow, insertSavedView, listSavedViewRows } from './saved-view.repo';

/** C1 segmentation: the caller's own saved partner-list views, newest first. */
export async function listSavedViews(services: Pick<Services, 'db'>, ctx: Ctx): Promise<SavedView[]> {
  const rows = await readInScope(services.db, scopeOf(ctx.actor), (tx) => listSavedViewRows(tx, ctx.actor));
  return rows.map(presentSavedView);
}

export async function createSavedView(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  input: SavedViewCreate,
): Promise<SavedView> {
  return inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const query: Record<string, string> = {};
    for (const [k, v] of Object.entries(input.query)) if (typeof v === 'string') query[k] = v;
    const row = await insertSavedView(tx, {
      id: uuidv7(),
      workspaceId: ctx.actor.workspaceId,
      userId: ctx.actor.userId,
      name: input.name,
      query,
      columns: input.columns,
      createdAt: ctx.now,
    });
    await audit(tx, ctx, {
      action: 'saved_view.created',
      targetType: 'saved_view',
      targetId: row.id,
      after: { name: row.name, query: row.query, columns: row.columns },
    });
    return presentSavedView(row);
  });
}

export async function deleteSavedView(services: Pick<Services, 'db'>, ctx: Ctx, id: string): Promise<void> {
  await inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const before = await findSavedViewRow(tx, ctx.actor, id);
    if (!before) throw notFound('saved view');
    await deleteSavedViewRow(tx, ctx.actor, id);
    await audit(tx, ctx, {
      action: 'saved_view.deleted',
      targetType: 'saved_view',
      targetId: id,
      before: { name: before.name, query: before.query, columns: before.columns },
    });
  });
}

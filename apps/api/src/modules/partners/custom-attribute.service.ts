import type { CustomAttributeDefinition } from '@trellis/contracts';
import { uuidv7 } from 'uuidv7';
import type { Services } from '../../app';
import { inScope, readInScope } from '../../db/scope';
import { audit, changedFields } from '../../platform/audit';
import { type Ctx, scopeOf } from '../../platform/context';
import { conflict, notFound, validationFailed } from '../../platform/errors';
import { presentDefinition, definitionSnapshot as snapshot } from './custom-attribute.presenter';
import {
  deleteDefinition,
  findDefinitionRow,
  insertDefinition,
  listDefinitionRows,
  stripAttributeFromPartners,
  updateDefinition,
} from './custom-attribute.repo';

export async function listCustomAttributes(services: Pick<Services, 'db'>, ctx: Ctx) {
  const rows = await readInScope(services.db, scopeOf(ctx.actor), (tx) =>
    listDefinitionRows(tx, ctx.actor.workspaceId),
  );
  return rows.map(presentDefinition);
}

export async function createCustomAttribute(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  input: Pick<CustomAttributeDefinition, 'key' | 'label' | 'type' | 'options' | 'required' | 'partnerEditable'>,
): Promise<CustomAttributeDefinition> {
  return inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    if (await findDefinitionRow(tx, ctx.actor.workspaceId, { key: input.key })) {
      throw conflict(`a custom attribute with key "${input.key}" already exists`, {
        issues: [{ path: 'body.key', code: 'taken', message: 'another attribute has this key' }],
      });
    }
    const row = await insertDefinition(tx, {
      id: uuidv7(),
      workspaceId: ctx.actor.workspaceId,
      ...input,
      options: [...new Set(input.options)],
      createdAt: ctx.now,
    });
    await audit(tx, ctx, {
      action: 'custom_attribute.created',
      targetType: 'custom_attribute',
      targetId: row.id,
      after: snapshot(row),
    });
    return presentDefinition(row);
  });
}

export async function updateCustomAttribute(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  id: string,
  patch: { label?: string; options?: string[]; required?: boolean; partnerEditable?: boolean },
): Promise<CustomAttributeDefinition> {
  return inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const before = await findDefinitionRow(tx, ctx.actor.workspaceId, { id }, { lock: true });
    if (!before) throw notFound('custom attribute');
    if (patch.options !== undefined) {
      if (before.type === 'select' && patch.options.length === 0) {
        throw validationFailed([
          { path: 'body.options', code: 'too_small', message: 'a select attribute needs at least one option' },
        ]);
      }
      if (before.type !== 'select' && patch.options.length > 0) {
        throw validationFailed([
          { path: 'body.options', code: 'invalid', message: `a ${before.type} attribute has no options` },
        ]);
      }
    }
    const after = await updateDefinition(tx, id, {
      ...patch,
      ...(patch.options ? { options: [...new Set(patch.options)] } : {}),
    });
    const diff = changedFields(snapshot(before), snapshot(after));
    if (Object.keys(diff.after).length > 0) {
      await audit(tx, ctx, {
        action: 'custom_attribute.updated',
        targetType: 'custom_attribute',
        targetId: id,
        ...diff,
      });
    }
    return presentDefinition(after);
  });
}

/** Deleting a definition also removes its values from every partner, so none is left holding an unknown key. */
export async function deleteCustomAttribute(services: Pick<Services, 'db'>, ctx: Ctx, id: string): Promise<void> {
  await inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const before = await findDefinitionRow(tx, ctx.actor.workspaceId, { id }, { lock: true });
    if (!before) throw notFound('custom attribute');
    const cleared = await stripAttributeFromPartners(tx, ctx.actor.workspaceId, before.key);
    await deleteDefinition(tx, id);
    await audit(tx, ctx, {
      action: 'custom_attribute.deleted',
      targetType: 'custom_attribute',
      targetId: id,
      before: snapshot(before),
      after: { valuesRemovedFromPartners: cleared },
    });
  });
}

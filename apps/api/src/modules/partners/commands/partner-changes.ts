import type { ErrorIssue, PartnerUpdate } from '@trellis/contracts';
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../../db/client';
import { audit, changedFields } from '../../../platform/audit';
import type { Ctx } from '../../../platform/context';
import { notFound, validationFailed } from '../../../platform/errors';
import type { CustomAttributeDefinitionRow } from '../custom-attribute.repo';
import { listDefinitionRows } from '../custom-attribute.repo';
import { type CustomAttributeValue, validateCustomAttributes } from '../custom-attributes.policy';
import { abilitiesNeedSettings, domainFromWebsite, partnerSearchName } from '../partner.policy';
import { type PartnerSnapshot, partnerSnapshot } from '../partner.presenter';
import {
  findEligibleOwnerName,
  findPartnerDetail,
  findTierName,
  insertPartnerEvents,
  inspectParent,
  type PartnerDetailRow,
  type PartnerEventInsert,
  type PartnerInsert,
  type PartnerRow,
  type PartnerViewRow,
  updatePartnerRows,
} from '../partner.repo';

type References = { tierId?: string | null; ownerUserId?: string | null; parentPartnerId?: string | null };

/**
 * Checks what a partner points at against the data: the tier exists in the workspace, the owner is an
 * active admin or channel manager, the parent exists, is not the partner itself and is not below it.
 * Unchanged references are not re-checked, so a partner whose owner has left can still be edited.
 */
export async function checkPartnerReferences(
  tx: Tx,
  workspaceId: string,
  next: References,
  current: (References & { id: string }) | null,
  pathPrefix = 'body',
): Promise<ErrorIssue[]> {
  const issues: ErrorIssue[] = [];
  const changed = (key: keyof References) =>
    next[key] !== undefined && next[key] !== null && next[key] !== (current?.[key] ?? null);
  if (changed('tierId') && !(await findTierName(tx, workspaceId, next.tierId as string))) {
    issues.push({
      path: `${pathPrefix}.tierId`,
      code: 'not_found',
      message: `no tier ${next.tierId} in this workspace`,
    });
  }
  if (changed('ownerUserId') && !(await findEligibleOwnerName(tx, workspaceId, next.ownerUserId as string))) {
    issues.push({
      path: `${pathPrefix}.ownerUserId`,
      code: 'invalid_owner',
      message: `${next.ownerUserId} is not an active admin or channel manager of this workspace`,
    });
  }
  if (changed('parentPartnerId')) {
    const parentId = next.parentPartnerId as string;
    if (current && parentId === current.id) {
      issues.push({
        path: `${pathPrefix}.parentPartnerId`,
        code: 'self_parent',
        message: 'a partner cannot be its own parent',
      });
    } else {
      const parent = await inspectParent(tx, workspaceId, parentId, current?.id ?? null);
      if (!parent.exists) {
        issues.push({ path: `${pathPrefix}.parentPartnerId`, code: 'not_found', message: `no partner ${parentId}` });
      } else if (parent.cycle) {
        issues.push({
          path: `${pathPrefix}.parentPartnerId`,
          code: 'parent_cycle',
          message: `${parentId} is below this partner in the hierarchy; making it the parent would create a cycle`,
        });
      }
    }
  }
  return issues;
}

/** Null removes a value; what is left is stored. */
export function mergeCustomAttributes(
  current: Record<string, CustomAttributeValue>,
  patch: Record<string, CustomAttributeValue>,
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries({ ...current, ...patch })) if (v !== null && v !== '') out[k] = v;
  return out;
}

/**
 * A partial update checks only the attributes it sends (type, option, unknown key, and clearing a
 * required one), so editing one attribute never fails on another that a later definition change made stale.
 */
export function customAttributePatchIssues(
  defs: readonly CustomAttributeDefinitionRow[],
  patch: Record<string, CustomAttributeValue>,
): ErrorIssue[] {
  return validateCustomAttributes(
    defs.filter((d) => d.key in patch),
    patch,
  );
}

/** Columns to write for a patch, with the derived domain and search key; only what differs. */
function columnsToWrite(before: PartnerRow, patch: PartnerUpdate): Partial<PartnerInsert> {
  const next: PartnerRow = { ...before };
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'customAttributes') continue;
    if (value !== undefined) (next as Record<string, unknown>)[key] = value;
  }
  if (patch.customAttributes)
    next.customAttributes = mergeCustomAttributes(before.customAttributes, patch.customAttributes);
  if (patch.website !== undefined) next.domain = domainFromWebsite(next.website);
  if (patch.website !== undefined || patch.displayName !== undefined || patch.legalName !== undefined) {
    next.searchName = partnerSearchName(next);
  }
  const set: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof PartnerRow)[]) {
    if (JSON.stringify(next[key]) !== JSON.stringify(before[key])) set[key] = next[key];
  }
  return set as Partial<PartnerInsert>;
}

const summaryOf = (id: string | null, name: string | null) => (id ? { id, name } : null);

/** Timeline rows for a change: tier, owner and tags get their own event; other fields one profile.updated. */
export function partnerChangeEvents(ctx: Ctx, before: PartnerViewRow, after: PartnerViewRow): PartnerEventInsert[] {
  const base = {
    workspaceId: ctx.actor.workspaceId,
    partnerId: after.id,
    actorUserId: ctx.actor.userId,
    occurredAt: ctx.now,
  };
  const events: PartnerEventInsert[] = [];
  const diff = changedFields(partnerSnapshot(before), partnerSnapshot(after));
  const fields = Object.keys(diff.after) as (keyof PartnerSnapshot)[];
  const profileFields = fields.filter((f) => !['tierId', 'ownerUserId', 'tags', 'status'].includes(f));
  if (profileFields.length > 0) {
    events.push({ ...base, id: uuidv7(), type: 'profile.updated', data: { fields: profileFields } });
  }
  if (fields.includes('tierId')) {
    events.push({
      ...base,
      id: uuidv7(),
      type: 'tier.changed',
      data: { from: summaryOf(before.tierId, before.tierName), to: summaryOf(after.tierId, after.tierName) },
    });
  }
  if (fields.includes('ownerUserId')) {
    events.push({
      ...base,
      id: uuidv7(),
      type: 'owner.changed',
      data: {
        from: summaryOf(before.ownerUserId, before.ownerName),
        to: summaryOf(after.ownerUserId, after.ownerName),
      },
    });
  }
  if (fields.includes('tags')) {
    events.push({
      ...base,
      id: uuidv7(),
      type: 'tags.changed',
      data: {
        added: after.tags.filter((t) => !before.tags.includes(t)),
        removed: before.tags.filter((t) => !after.tags.includes(t)),
      },
    });
  }
  return events;
}

/**
 * The one write path of PATCH /partners/{id} and PATCH /partners/{id}/profile: validate against data,
 * write what differs, then audit and timeline in the same transaction.
 */
export async function applyPartnerPatch(
  tx: Tx,
  ctx: Ctx,
  before: PartnerDetailRow,
  patch: PartnerUpdate,
  defs?: readonly CustomAttributeDefinitionRow[],
): Promise<PartnerDetailRow> {
  const issues = await checkPartnerReferences(tx, ctx.actor.workspaceId, patch, before);
  if (patch.customAttributes) {
    const definitions = defs ?? (await listDefinitionRows(tx, ctx.actor.workspaceId));
    issues.push(...customAttributePatchIssues(definitions, patch.customAttributes));
  }
  if (issues.length > 0) throw validationFailed(issues);
  const set = columnsToWrite(before, patch);
  // Nothing a person can see changed (at most the search key, if an older writer folded it otherwise).
  if (Object.keys(set).every((k) => k === 'searchName')) return before;
  await updatePartnerRows(tx, ctx.actor, [before.id], { ...set, updatedAt: ctx.now });
  const after = await findPartnerDetail(tx, ctx.actor, before.id, { withSettings: abilitiesNeedSettings(ctx.actor) });
  if (!after) throw notFound('partner');
  await audit(tx, ctx, {
    action: 'partner.updated',
    targetType: 'partner',
    targetId: before.id,
    ...changedFields(partnerSnapshot(before), partnerSnapshot(after)),
  });
  await insertPartnerEvents(tx, partnerChangeEvents(ctx, before, after));
  return after;
}

import type {
  DealRegistrationCreate,
  DealRegistrationDetail,
  DealRegistrationUpdate,
  ErrorIssue,
} from '@trellis/contracts';
import { uuidv7 } from 'uuidv7';
import type { Services } from '../../../app';
import { inScope } from '../../../db/scope';
import { audit, changedFields } from '../../../platform/audit';
import { type Ctx, scopeOf } from '../../../platform/context';
import { forbidden, invalidState, notFound, validationFailed } from '../../../platform/errors';
import {
  closeDateIssue,
  dealTotals,
  domainIssue,
  EDITABLE_STATES,
  registrationMatchInput,
  submitIssues,
} from '../deal.policy';
import { dealSnapshot } from '../deal.presenter';
import { findDeal, insertDeal, partnerFacts, updateDealRow } from '../deal.repo';
import { loadDetail } from '../deal.service';
import { replaceMatchKeys } from '../match-keys.repo';
import { prepareRecord } from '../matching/index';
import { checkConflicts, submitRegistration } from './submit-registration';

function singleTotal(products: DealRegistrationCreate['products']) {
  const totals = dealTotals(products);
  const only = totals.length === 1 ? totals[0] : undefined;
  return { totalAmountMinor: only?.amountMinor ?? null, totalCurrency: only?.currency ?? null };
}

function amountIssues(products: DealRegistrationCreate['products'], prefix: string): ErrorIssue[] {
  const totals = dealTotals(products);
  return totals
    .filter((t) => !Number.isSafeInteger(t.amountMinor))
    .map((t) => ({
      path: `${prefix}products`,
      code: 'too_big',
      message: `the ${t.currency} total is not a possible amount`,
    }));
}

/** C4: a partner person drafts a registration (and may submit it in the same call). */
export async function createRegistration(
  services: Pick<Services, 'db' | 'jobs'>,
  ctx: Ctx,
  input: DealRegistrationCreate,
): Promise<DealRegistrationDetail> {
  const partnerId = ctx.actor.partnerId;
  if (!partnerId) throw forbidden('only partner people register deals');
  const issues = [
    input.customer.domain
      ? domainIssue(input.customer.domain, 'body.customer.domain', { allowPlatformPage: true })
      : null,
    closeDateIssue(input.expectedCloseDate, ctx.now, 'body.expectedCloseDate'),
    ...amountIssues(input.products, 'body.'),
  ].filter((i): i is ErrorIssue => i !== null);
  if (issues.length > 0) throw validationFailed(issues);
  const id = uuidv7();
  const values = {
    customerName: input.customer.name,
    customerDomain: input.customer.domain ?? null,
    customerCountry: input.customer.country,
    customerAddress: input.customer.address,
    contact: input.contact ?? null,
  };
  const matchProfile = prepareRecord(registrationMatchInput(values));
  if (input.submit) {
    // Create-and-submit: what a submit needs is checked before the draft exists, so a refusal changes nothing
    // (and a corrected retry does not leave a stray draft behind).
    const missing = submitIssues(
      { contact: input.contact ?? null, products: input.products, expectedCloseDate: input.expectedCloseDate ?? null },
      ctx.now,
    ).map((i) => ({ ...i, path: `body.${i.path}` }));
    if (missing.length > 0) throw validationFailed(missing);
    // C4: create-and-submit of a named account is refused before the draft exists, so nothing changes.
    await checkConflicts(services, ctx.actor.workspaceId, matchProfile, { partnerId });
  }
  await inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const partner = await partnerFacts(tx, ctx.actor.workspaceId, partnerId);
    if (!partner) throw notFound('partner');
    if (partner.status !== 'active') {
      throw invalidState(`a partner in state ${partner.status} cannot register deals`, {
        partnerStatus: partner.status,
      });
    }
    await insertDeal(tx, {
      id,
      workspaceId: ctx.actor.workspaceId,
      partnerId,
      status: 'draft',
      ...values,
      products: input.products,
      ...singleTotal(input.products),
      expectedCloseDate: input.expectedCloseDate ?? null,
      notes: input.notes ?? '',
      matchProfile,
      createdBy: ctx.actor.userId,
      metadata: input.metadata ?? {},
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    const row = await findDeal(tx, ctx.actor, id);
    if (!row) throw notFound('deal registration');
    await audit(tx, ctx, {
      action: 'deal.created',
      targetType: 'deal_registration',
      targetId: id,
      after: dealSnapshot(row),
    });
  });
  if (input.submit) return submitRegistration(services, ctx, id);
  return loadDetail(services, ctx, id);
}

/** Edits a draft, or a registration the vendor asked more information about (needs_info). */
export async function updateRegistration(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  id: string,
  patch: DealRegistrationUpdate,
): Promise<DealRegistrationDetail> {
  if (!ctx.actor.partnerId) throw forbidden('only the registering partner edits a registration');
  await inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const before = await findDeal(tx, ctx.actor, id, { lock: true });
    if (!before) throw notFound('deal registration');
    if (!EDITABLE_STATES.includes(before.status)) {
      throw invalidState(`a registration in state ${before.status} cannot be edited; only draft or needs_info`, {
        status: before.status,
      });
    }
    const products = patch.products ?? before.products;
    const issues = [
      patch.customer?.domain
        ? domainIssue(patch.customer.domain, 'body.customer.domain', { allowPlatformPage: true })
        : null,
      closeDateIssue(patch.expectedCloseDate, ctx.now, 'body.expectedCloseDate'),
      ...amountIssues(products, 'body.'),
    ].filter((i): i is ErrorIssue => i !== null);
    if (issues.length > 0) throw validationFailed(issues);
    const values = {
      customerName: patch.customer?.name ?? before.customerName,
      customerDomain: patch.customer ? (patch.customer.domain ?? null) : before.customerDomain,
      customerCountry: patch.customer?.country ?? before.customerCountry,
      customerAddress: patch.customer?.address ?? before.customerAddress,
      contact: patch.contact !== undefined ? patch.contact : before.contact,
    };
    const matchProfile = prepareRecord(registrationMatchInput(values));
    await updateDealRow(tx, ctx.actor, id, {
      ...values,
      products,
      ...singleTotal(products),
      ...(patch.expectedCloseDate !== undefined ? { expectedCloseDate: patch.expectedCloseDate } : {}),
      ...(patch.notes !== undefined ? { notes: patch.notes } : {}),
      ...(patch.metadata !== undefined ? { metadata: patch.metadata } : {}),
      matchProfile,
      updatedAt: ctx.now,
    });
    // A needs_info registration is still active: its keys follow the edit.
    if (before.status === 'needs_info') {
      await replaceMatchKeys(
        tx,
        { workspaceId: ctx.actor.workspaceId, kind: 'registration', id, partnerId: before.partnerId },
        matchProfile,
      );
    }
    const after = await findDeal(tx, ctx.actor, id);
    if (!after) throw notFound('deal registration');
    const diff = changedFields(dealSnapshot(before), dealSnapshot(after));
    if (Object.keys(diff.after).length > 0) {
      await audit(tx, ctx, { action: 'deal.updated', targetType: 'deal_registration', targetId: id, ...diff });
    }
  });
  return loadDetail(services, ctx, id);
}

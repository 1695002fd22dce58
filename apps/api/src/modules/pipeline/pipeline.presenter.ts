import type { Money, PipelineDeal, PipelineMoveRecord, PipelineStage } from '@trellis/contracts';
import type { Actor } from '../../platform/context';
import type { DealViewRow, listMoves, StageRow } from './pipeline.repo';

export function presentStage(row: StageRow, dealCount: number): PipelineStage {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    probability: row.probability,
    position: row.position,
    dealCount,
  };
}

/** A registration's amounts, one per currency: its product lines summed, or its stored total. */
export function amountsOf(row: Pick<DealViewRow, 'products' | 'total_amount_minor' | 'total_currency'>): Money[] {
  const sums = new Map<string, number>();
  for (const line of row.products ?? []) {
    sums.set(line.amount.currency, (sums.get(line.amount.currency) ?? 0) + line.amount.amountMinor);
  }
  if (sums.size === 0 && row.total_amount_minor !== null && row.total_currency)
    sums.set(row.total_currency, Number(row.total_amount_minor));
  return [...sums].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amountMinor]) => ({ amountMinor, currency }));
}

export function presentDeal(row: DealViewRow, stages: ReadonlyMap<string, StageRow>, actor: Actor): PipelineDeal {
  const stage = stages.get(row.stage_id ?? '');
  if (!stage) throw new Error(`registration ${row.id} shows in no stage`);
  const move = actor.permissions.has('pipeline.move') && row.status === 'approved';
  return {
    id: row.id,
    partner: { id: row.partner_id, name: row.partner_name },
    customer: { name: row.customer_name, country: row.customer_country },
    status: row.status,
    amounts: amountsOf(row),
    expectedCloseDate: row.expected_close_date,
    stage: { id: stage.id, name: stage.name, kind: stage.kind, probability: stage.probability },
    movedAt: row.moved_at,
    movedBy: row.moved_by ? { id: row.moved_by, name: row.moved_by_name ?? '' } : null,
    // C6: only open deals move; a move into won or lost records the outcome, with the outcome routes' rights.
    abilities: { move, close: move && actor.permissions.has(actor.partnerId ? 'deal.register' : 'deal.approve') },
  };
}

export function presentMove(row: Awaited<ReturnType<typeof listMoves>>[number]): PipelineMoveRecord {
  return {
    id: row.id,
    from: row.from_stage_id ? { id: row.from_stage_id, name: row.from_stage_name ?? '' } : null,
    to: { id: row.to_stage_id, name: row.to_stage_name },
    movedAt: row.moved_at,
    movedBy: row.moved_by ? { id: row.moved_by, name: row.moved_by_name ?? '' } : null,
  };
}

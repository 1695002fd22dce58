import type { PipelineDeal, PipelineStage } from '@trellis/contracts';
import { describe, expect, it } from 'vitest';
import { canDropOn, columnsOf, moveTargets, sumByCurrency } from './board';

const stage = (id: string, position: number, kind: PipelineStage['kind'] = 'open'): PipelineStage => ({
  id,
  name: id,
  kind,
  probability: kind === 'won' ? 100 : kind === 'lost' ? 0 : 50,
  position,
  dealCount: 0,
});
const stages = [stage('won', 3, 'won'), stage('qual', 1), stage('prop', 2), stage('lost', 4, 'lost')];
const deal = (
  id: string,
  stageId: string,
  amountMinor: number,
  currency: string,
  close: string | null,
  move = true,
  closable = move,
): PipelineDeal => {
  const s = stages.find((x) => x.id === stageId) as PipelineStage;
  return {
    id,
    partner: { id: 'p', name: 'Partner' },
    customer: { name: id, country: 'VN' },
    status: s.kind === 'open' ? 'approved' : s.kind,
    amounts: [{ amountMinor, currency }],
    expectedCloseDate: close,
    stage: { id: s.id, name: s.name, kind: s.kind, probability: s.probability },
    movedAt: null,
    movedBy: null,
    abilities: { move: move && s.kind === 'open', close: closable && move && s.kind === 'open' },
  };
};

describe('pipeline board', () => {
  it('puts cards in stage order, soonest close date first, and sums per currency without mixing them', () => {
    const cols = columnsOf(stages, [
      deal('b', 'qual', 100, 'USD', '2026-12-20'),
      deal('a', 'qual', 250, 'USD', '2026-12-01'),
      deal('c', 'qual', 5_000_000, 'VND', null),
      deal('d', 'won', 900, 'EUR', '2026-11-30'),
    ]);
    expect(cols.map((c) => c.stage.id)).toEqual(['qual', 'prop', 'won', 'lost']);
    expect(cols[0]?.deals.map((d) => d.id)).toEqual(['a', 'b', 'c']);
    expect(cols[0]?.sums).toEqual([
      { currency: 'USD', amountMinor: 350 },
      { currency: 'VND', amountMinor: 5_000_000 },
    ]);
    expect(cols[1]?.deals).toEqual([]);
    expect(sumByCurrency([])).toEqual([]);
  });

  it('offers the other stages as move targets — won and lost only to who may record the outcome — and none for closed or read-only deals', () => {
    expect(moveTargets(deal('a', 'qual', 1, 'USD', null), stages).map((s) => s.id)).toEqual(['prop', 'won', 'lost']);
    expect(moveTargets(deal('o', 'qual', 1, 'USD', null, true, false), stages).map((s) => s.id)).toEqual(['prop']);
    expect(moveTargets(deal('w', 'won', 1, 'USD', null), stages)).toEqual([]);
    expect(moveTargets(deal('r', 'prop', 1, 'USD', null, false), stages)).toEqual([]);
  });

  it('accepts a drop on the same stages the menu offers', () => {
    const [won, qual, prop] = stages as [PipelineStage, PipelineStage, PipelineStage];
    expect(canDropOn(deal('a', 'qual', 1, 'USD', null), prop)).toBe(true);
    expect(canDropOn(deal('a', 'qual', 1, 'USD', null), qual)).toBe(false);
    expect(canDropOn(deal('a', 'qual', 1, 'USD', null), won)).toBe(true);
    expect(canDropOn(deal('o', 'qual', 1, 'USD', null, true, false), won)).toBe(false);
    expect(canDropOn(deal('w', 'won', 1, 'USD', null), prop)).toBe(false);
  });
});

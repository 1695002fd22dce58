import type { Money, PipelineDeal, PipelineStage } from '@trellis/contracts';

/** C6 board logic, pure: columns in stage order with their cards and per-currency sums. */
export type Column = { stage: PipelineStage; deals: PipelineDeal[]; sums: Money[] };

export function columnsOf(stages: readonly PipelineStage[], deals: readonly PipelineDeal[]): Column[] {
  const byStage = new Map<string, PipelineDeal[]>(stages.map((s) => [s.id, []]));
  for (const d of deals) byStage.get(d.stage.id)?.push(d);
  return [...stages]
    .sort((a, b) => a.position - b.position)
    .map((stage) => {
      const cards = (byStage.get(stage.id) ?? []).sort(
        (a, b) =>
          (a.expectedCloseDate ?? '9999').localeCompare(b.expectedCloseDate ?? '9999') || a.id.localeCompare(b.id),
      );
      return { stage, deals: cards, sums: sumByCurrency(cards.flatMap((d) => d.amounts)) };
    });
}

/** Amounts added per currency (never across currencies: that needs a rate, which the forecast applies). */
export function sumByCurrency(amounts: readonly Money[]): Money[] {
  const sums = new Map<string, number>();
  for (const m of amounts) sums.set(m.currency, (sums.get(m.currency) ?? 0) + m.amountMinor);
  return [...sums].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amountMinor]) => ({ currency, amountMinor }));
}

/**
 * Where a deal may go, in order: the other open stages, and the won and lost stages when the caller may
 * record the outcome (a move there closes the registration); none when it is won, lost or not theirs to move.
 */
export function moveTargets(deal: PipelineDeal, stages: readonly PipelineStage[]): PipelineStage[] {
  if (!deal.abilities.move) return [];
  return [...stages]
    .sort((a, b) => a.position - b.position)
    .filter((s) => s.id !== deal.stage.id && (s.kind === 'open' || deal.abilities.close));
}

/** Whether a deal may be dropped on a stage's column (the same rule as the "Move to…" menu). */
export const canDropOn = (deal: PipelineDeal, stage: PipelineStage): boolean =>
  deal.abilities.move && deal.stage.id !== stage.id && (stage.kind === 'open' || deal.abilities.close);

/** The currencies on a page of deals, for the currency filter. */
export function currenciesOf(deals: readonly PipelineDeal[]): string[] {
  return [...new Set(deals.flatMap((d) => d.amounts.map((a) => a.currency)))].sort();
}

import type { RoutingStrategy } from '@trellis/contracts';
import type { PreparedPartner } from './partner-index';
import { roundScore } from './text';

type PerformanceStrategy = Extract<RoutingStrategy, { type: 'performance' }>;

/** One partner's figures in the strategy's window and the smoothed rates derived from them. */
export type PerformanceFigures = {
  offered: number;
  accepted: number;
  converted: number;
  acceptanceRate: number;
  conversionRate: number;
  performance: number;
};

const figuresIn = (p: PreparedPartner, windowDays: number) => {
  const f = p.fact.performance?.find((x) => x.windowDays === windowDays);
  const clean = (n: number | undefined) => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0);
  return { offered: clean(f?.offered), accepted: clean(f?.accepted), converted: clean(f?.converted) };
};

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));

/**
 * C5 performance weighting. Rates are smoothed toward the programme's average with `priorLeads` pseudo-leads
 * (empirical Bayes), so a partner with 1 accepted of 1 offered does not outrank 80 of 100, and a new partner
 * starts at the average instead of 0:
 *   acceptance = (accepted + k·A) / (offered + k),   A = Σaccepted / Σoffered over all partners (0.5 if none)
 *   conversion = (converted + k·C) / (accepted + k),  C = Σconverted / Σaccepted (0.5 if none)
 * and combined with the normalised weights wA, wC: arithmetic wA·acceptance + wC·conversion, or geometric
 * acceptance^wA · conversion^wC (a partner weak at either is pulled down harder).
 */
export function performanceFigures(
  partners: readonly PreparedPartner[],
  strategy: PerformanceStrategy,
): PerformanceFigures[] {
  const raw = partners.map((p) => figuresIn(p, strategy.windowDays));
  let offered = 0;
  let accepted = 0;
  let converted = 0;
  for (const r of raw) {
    offered += r.offered;
    accepted += r.accepted;
    converted += r.converted;
  }
  const avgAcceptance = offered > 0 ? clamp01(accepted / offered) : 0.5;
  const avgConversion = accepted > 0 ? clamp01(converted / accepted) : 0.5;
  const k = strategy.priorLeads;
  const sum = strategy.acceptanceWeight + strategy.conversionWeight;
  const wa = strategy.acceptanceWeight / sum;
  const wc = strategy.conversionWeight / sum;
  return raw.map((r) => {
    const acceptanceRate =
      r.offered + k > 0 ? clamp01((r.accepted + k * avgAcceptance) / (r.offered + k)) : avgAcceptance;
    const conversionRate =
      r.accepted + k > 0 ? clamp01((r.converted + k * avgConversion) / (r.accepted + k)) : avgConversion;
    const performance =
      strategy.combine === 'geometric'
        ? acceptanceRate ** wa * conversionRate ** wc
        : wa * acceptanceRate + wc * conversionRate;
    // Rounded once here, so the explanation shows exactly the figures the score was computed from.
    return {
      ...r,
      acceptanceRate: roundScore(acceptanceRate),
      conversionRate: roundScore(conversionRate),
      performance: roundScore(performance),
    };
  });
}

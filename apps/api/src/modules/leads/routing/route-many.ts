import type { RoutingDecision, RoutingRule } from '@trellis/contracts';
import { type CompiledRouting, compileRouting } from './compile';
import { routeCompiled, type WorkingState, workingState } from './route';
import type { RouteOptions, RoutingLead, RoutingPartner, RoutingState } from './types';

export type RouteManyOptions = RouteOptions & {
  /** Called with each decision in lead order (e.g. to write it out) — lets a caller stream instead of keep. */
  onDecision?: (decision: RoutingDecision) => void;
  /** Keep every decision in the result (default true); set false with `onDecision` for big batches. */
  keepDecisions?: boolean;
};

export type RouteManyResult = {
  decisions: RoutingDecision[];
  assigned: number;
  fallback: number;
  /** The state after the batch: cursors advanced, recent assignments counted. */
  state: RoutingState;
  /** Open leads per partner after the batch (the facts' counts plus what the batch assigned). */
  openLeads: Record<string, number>;
  /** Leads assigned per partner by this batch, partner id order, only partners that got any. */
  distribution: Record<string, number>;
};

/**
 * What an assignment changes before the next lead is routed: capacity, fairness counts, the cursor. Returns
 * the assigned partner's position, or null for a fallback.
 */
export function applyDecision(compiled: CompiledRouting, ws: WorkingState, decision: RoutingDecision): number | null {
  if (decision.outcome !== 'assigned' || decision.partnerId === null) return null;
  const i = compiled.index.positionOf.get(decision.partnerId);
  if (i === undefined) return null;
  ws.openLeads[i] = (ws.openLeads[i] as number) + 1;
  ws.recent[i] = (ws.recent[i] as number) + 1;
  if (decision.strategy === 'round_robin' && decision.ruleId !== null)
    ws.cursors.set(decision.ruleId, decision.partnerId);
  return i;
}

/**
 * C5 batch routing (imports, campaign uploads, the benchmark): compiles rules and partners once, then routes
 * the leads in order, each seeing the assignments before it — so capacity fills up, round robin rotates and
 * weighted shares converge exactly as they would lead by lead. Pure: inputs are not modified.
 */
export function routeMany(
  leads: Iterable<RoutingLead>,
  rules: readonly RoutingRule[],
  partners: readonly RoutingPartner[],
  state: RoutingState,
  options: RouteManyOptions,
): RouteManyResult {
  const compiled = compileRouting(rules, partners, options.fallbackQueue);
  const ws = workingState(compiled, state);
  const keep = options.keepDecisions ?? true;
  const decisions: RoutingDecision[] = [];
  const batch = new Int32Array(compiled.index.partners.length);
  let assigned = 0;
  let fallback = 0;
  for (const lead of leads) {
    const decision = routeCompiled(compiled, lead, ws);
    const i = applyDecision(compiled, ws, decision);
    if (i !== null) {
      assigned++;
      batch[i] = (batch[i] as number) + 1;
    } else fallback++;
    options.onDecision?.(decision);
    if (keep) decisions.push(decision);
  }
  const recentAssignments: Record<string, number> = { ...state.recentAssignments };
  const openLeads: Record<string, number> = {};
  const distribution: Record<string, number> = {};
  compiled.index.partners.forEach((p, i) => {
    if ((ws.recent[i] as number) > 0 || p.id in recentAssignments) recentAssignments[p.id] = ws.recent[i] as number;
    openLeads[p.id] = ws.openLeads[i] as number;
    if ((batch[i] as number) > 0) distribution[p.id] = batch[i] as number;
  });
  return {
    decisions,
    assigned,
    fallback,
    state: { cursors: Object.fromEntries(ws.cursors), recentAssignments },
    openLeads,
    distribution,
  };
}

import type {
  LeadRoutingDecision,
  RoutingCandidate,
  RoutingExclusionReason,
  RoutingRuleTrace,
  RoutingScoreComponents,
} from '@trellis/contracts';
import type { MessageId } from '../../i18n/locales';

/** A sentence to translate: the message id and its arguments (numbers stay numbers for ICU plural/percent). */
export type Msg = { id: MessageId; values?: Record<string, string | number> };

export type ExplainedCandidate = {
  partnerId: string;
  name: string;
  chosen: boolean;
  rank: number | null;
  score: number | null;
  components: Msg[];
  exclusions: MessageId[];
};

export type ExplainedRule = {
  ruleId: string;
  name: string;
  position: number;
  /** What happened at this rule. */
  outcome: Msg;
  /** The particulars: failed conditions, exclusion counts… */
  details: Msg[];
  deciding: boolean;
};

export type Explanation = {
  headline: Msg;
  /** Set when the decision was stored compact (batch routing): not every rule and candidate is kept. */
  compact: Msg | null;
  /** Rules looked at, in order, the deciding one last (when there is one). */
  rules: ExplainedRule[];
  rulesOmitted: Msg | null;
  eligible: ExplainedCandidate[];
  excluded: ExplainedCandidate[];
  candidatesOmitted: Msg | null;
  exclusionSummary: Msg[];
  tieBreak: Msg | null;
};

export const EXCLUSION_LABEL: Record<RoutingExclusionReason, MessageId> = {
  declined_this_lead: 'leads.exclusion.declined_this_lead',
  recalled_from_this_lead: 'leads.exclusion.recalled_from_this_lead',
  not_yet_active: 'leads.exclusion.not_yet_active',
  suspended: 'leads.exclusion.suspended',
  terminated: 'leads.exclusion.terminated',
  capability_mismatch: 'leads.exclusion.capability_mismatch',
  language_mismatch: 'leads.exclusion.language_mismatch',
  at_capacity: 'leads.exclusion.at_capacity',
  weight_zero: 'leads.exclusion.weight_zero',
};

export const STRATEGY_LABEL: Record<RoutingScoreComponents['strategy'], MessageId> = {
  round_robin: 'leads.strategy.round_robin',
  weighted: 'leads.strategy.weighted',
  capacity: 'leads.strategy.capacity',
  performance: 'leads.strategy.performance',
};

export const ATTRIBUTE_LABEL: Record<string, MessageId> = {
  country: 'leads.attribute.country',
  region: 'leads.attribute.region',
  territory: 'leads.attribute.territory',
  language: 'leads.attribute.language',
  productInterest: 'leads.attribute.productInterest',
  companySize: 'leads.attribute.companySize',
  partner: 'leads.attribute.partner',
  partnerType: 'leads.attribute.partnerType',
  tier: 'leads.attribute.tier',
  tierRank: 'leads.attribute.tierRank',
  capability: 'leads.attribute.capability',
};

export const OPERATOR_LABEL: Record<string, MessageId> = {
  in: 'leads.operator.in',
  not_in: 'leads.operator.not_in',
  between: 'leads.operator.between',
  matches_lead: 'leads.operator.matches_lead',
};

function exclusionMsg(reason: string): MessageId {
  return EXCLUSION_LABEL[reason as RoutingExclusionReason] ?? 'leads.exclusion.other';
}

/** The figures behind a score, one sentence each. */
export function componentMessages(c: RoutingScoreComponents): Msg[] {
  switch (c.strategy) {
    case 'round_robin':
      return c.rotationPosition === null
        ? []
        : [{ id: 'leads.explain.component.rotation', values: { position: c.rotationPosition + 1 } }];
    case 'weighted':
      return [
        { id: `leads.explain.component.weight.${c.weightSource}`, values: { weight: c.weight } },
        { id: 'leads.explain.component.recent', values: { count: c.recentAssignments } },
      ];
    case 'capacity':
      return [
        { id: 'leads.explain.component.open', values: { open: c.openLeads, max: c.maxOpenLeads } },
        { id: 'leads.explain.component.recent', values: { count: c.recentAssignments } },
      ];
    case 'performance':
      return [
        {
          id: 'leads.explain.component.performance',
          values: { acceptance: c.acceptanceRate, conversion: c.conversionRate, score: c.performance },
        },
        {
          id: 'leads.explain.component.window',
          values: { days: c.windowDays, offered: c.offered, accepted: c.accepted, converted: c.converted },
        },
        { id: 'leads.explain.component.recent', values: { count: c.recentAssignments } },
      ];
  }
}

function leadValueText(v: string | number | string[] | null): string | null {
  if (v === null) return null;
  if (Array.isArray(v)) return v.length === 0 ? null : v.join(', ');
  return String(v);
}

function traceMessages(trace: RoutingRuleTrace): { outcome: Msg; details: Msg[] } {
  switch (trace.result) {
    case 'disabled':
      return { outcome: { id: 'leads.explain.rule.disabled' }, details: [] };
    case 'conditions_not_met':
      return {
        outcome: { id: 'leads.explain.rule.conditionsNotMet' },
        details: trace.failedConditions.map((f) => {
          const value = leadValueText(f.leadValue);
          const attribute = ATTRIBUTE_LABEL[f.attribute] ?? 'leads.attribute.country';
          const msg: Msg =
            value === null
              ? { id: 'leads.explain.failed.missing', values: { attributeKey: attribute, operatorKey: f.operator } }
              : {
                  id: 'leads.explain.failed.value',
                  values: { attributeKey: attribute, operatorKey: f.operator, value },
                };
          return msg;
        }),
      };
    case 'no_candidates':
      return {
        outcome: {
          id: trace.stoppedAtFallback ? 'leads.explain.rule.noCandidatesStopped' : 'leads.explain.rule.noCandidates',
        },
        details: trace.missingLeadValue
          ? [
              {
                id: 'leads.explain.rule.missingLeadValue',
                values: { attributeKey: ATTRIBUTE_LABEL[trace.missingLeadValue] ?? 'leads.attribute.country' },
              },
            ]
          : [],
      };
    case 'no_eligible_candidate':
      return {
        outcome: {
          id: trace.stoppedAtFallback ? 'leads.explain.rule.noneEligibleStopped' : 'leads.explain.rule.noneEligible',
          values: { pool: trace.poolSize },
        },
        details: trace.exclusionCounts.map((e) => ({
          id: 'leads.explain.exclusionCount',
          values: { reasonKey: exclusionMsg(e.reason), count: e.count },
        })),
      };
    case 'matched':
      return {
        outcome: { id: 'leads.explain.rule.matched', values: { eligible: trace.eligibleCount, pool: trace.poolSize } },
        details: [],
      };
  }
}

function candidate(c: RoutingCandidate, names: Record<string, string>, chosenId: string | null): ExplainedCandidate {
  return {
    partnerId: c.partnerId,
    name: names[c.partnerId] ?? c.partnerId,
    chosen: c.eligible && c.partnerId === chosenId,
    rank: c.rank,
    score: c.score,
    components: componentMessages(c.components),
    exclusions: c.exclusions.map(exclusionMsg),
  };
}

/**
 * A stored routing decision as sentences: the outcome, why each earlier rule did not decide, the deciding rule's
 * candidates with their scores and what the scores are made of, the excluded ones with every reason.
 * Message values ending in `Key` name another message (an attribute, operator or reason) for the renderer to
 * translate first.
 */
export function explainDecision(d: LeadRoutingDecision): Explanation {
  const names = d.partnerNames;
  const partnerName = d.partner?.name ?? (d.partner ? names[d.partner.id] : undefined) ?? '';
  let headline: Msg;
  if (d.outcome === 'assigned') {
    headline = {
      id: 'leads.explain.assigned',
      values: {
        partner: partnerName,
        rule: d.ruleName ?? '',
        strategyKey: d.strategy ? STRATEGY_LABEL[d.strategy] : 'leads.strategy.round_robin',
      },
    };
  } else {
    const queue = d.fallbackQueue?.name ?? '';
    headline = {
      id:
        d.fallbackReason === 'no_rules'
          ? 'leads.explain.fallback.no_rules'
          : d.fallbackReason === 'no_eligible_candidate'
            ? 'leads.explain.fallback.no_eligible_candidate'
            : 'leads.explain.fallback.no_rule_matched',
      values: { queue },
    };
  }
  const rules: ExplainedRule[] = d.rules.map((trace) => {
    const { outcome, details } = traceMessages(trace);
    return {
      ruleId: trace.ruleId,
      name: trace.ruleName,
      position: trace.position,
      outcome,
      details,
      deciding: d.ruleId !== null && trace.ruleId === d.ruleId,
    };
  });
  const chosenId = d.partner?.id ?? null;
  const eligible = d.candidates
    .filter((c) => c.eligible)
    .sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER))
    .map((c) => candidate(c, names, chosenId));
  const excluded = d.candidates.filter((c) => !c.eligible).map((c) => candidate(c, names, chosenId));
  return {
    headline,
    compact: d.detail === 'compact' ? { id: 'leads.explain.compact' } : null,
    rules,
    rulesOmitted: d.rulesOmitted > 0 ? { id: 'leads.explain.rulesOmitted', values: { count: d.rulesOmitted } } : null,
    eligible,
    excluded,
    candidatesOmitted:
      d.candidatesOmitted > 0
        ? {
            id: 'leads.explain.candidatesOmitted',
            values: {
              count: d.candidatesOmitted,
              eligible: d.candidateCounts.eligible,
              excluded: d.candidateCounts.excluded,
            },
          }
        : null,
    exclusionSummary: d.exclusionCounts.map((e) => ({
      id: 'leads.explain.exclusionCount',
      values: { reasonKey: exclusionMsg(e.reason), count: e.count },
    })),
    tieBreak: d.tieBreak ? tieMsg(d.tieBreak, names) : null,
  };
}

/** The tie and how it was settled; a compact explanation names the first few and counts the rest. */
function tieMsg(tie: NonNullable<LeadRoutingDecision['tieBreak']>, names: Record<string, string>): Msg {
  const partners = tie.tiedPartnerIds.map((id) => names[id] ?? id).join(', ');
  const more = (tie.tiedCount ?? tie.tiedPartnerIds.length) - tie.tiedPartnerIds.length;
  const byFewest = tie.decidedBy === 'fewest_recent_assignments';
  if (more > 0) {
    return {
      id: byFewest ? 'leads.explain.tieMore.fewest_recent_assignments' : 'leads.explain.tieMore.partner_id_order',
      values: { partners, count: more },
    };
  }
  return {
    id: byFewest ? 'leads.explain.tie.fewest_recent_assignments' : 'leads.explain.tie.partner_id_order',
    values: { partners },
  };
}

/**
 * Renders a Msg: values whose name ends in `Key` are message ids translated first; `operatorKey` is an
 * operator code.
 */
export function renderMsg(msg: Msg, t: (id: MessageId, values?: Record<string, string | number>) => string): string {
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(msg.values ?? {})) {
    if (k === 'operatorKey') values.operator = t(OPERATOR_LABEL[String(v)] ?? 'leads.operator.in');
    else if (k.endsWith('Key')) values[k.slice(0, -3)] = t(v as MessageId);
    else values[k] = v;
  }
  return t(msg.id, values);
}

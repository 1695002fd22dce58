import type {
  LeadRoutingSettings,
  LeadRoutingSettingsUpdate,
  RoutingCondition,
  RoutingOperator,
  RoutingRule,
  RoutingStrategy,
  RoutingStrategyType,
} from '@trellis/contracts';

// The routing-rules editor keeps a draft that is easy to edit (values as lists of strings, every strategy's
// fields at once) and turns it into the contract's body on save: positions from the order on screen, each
// condition in the shape its operator needs, only the chosen strategy's fields.

export type Subject = 'lead' | 'partner';
/** How a condition's values are picked. */
export type ValueKind = 'country' | 'partner' | 'tier' | 'partnerType' | 'language' | 'text' | 'range';

type AttributeSpec = { operators: readonly RoutingOperator[]; kind: ValueKind };

export const LEAD_ATTRIBUTES: Record<string, AttributeSpec> = {
  country: { operators: ['in', 'not_in'], kind: 'country' },
  region: { operators: ['in', 'not_in'], kind: 'text' },
  territory: { operators: ['in', 'not_in'], kind: 'text' },
  language: { operators: ['in', 'not_in'], kind: 'language' },
  productInterest: { operators: ['in', 'not_in'], kind: 'text' },
  companySize: { operators: ['between'], kind: 'range' },
};

export const PARTNER_ATTRIBUTES: Record<string, AttributeSpec> = {
  partner: { operators: ['in', 'not_in'], kind: 'partner' },
  partnerType: { operators: ['in', 'not_in'], kind: 'partnerType' },
  tier: { operators: ['in', 'not_in'], kind: 'tier' },
  tierRank: { operators: ['between'], kind: 'range' },
  country: { operators: ['matches_lead', 'in', 'not_in'], kind: 'country' },
  region: { operators: ['matches_lead', 'in', 'not_in'], kind: 'text' },
  territory: { operators: ['matches_lead', 'in', 'not_in'], kind: 'text' },
  capability: { operators: ['matches_lead', 'in', 'not_in'], kind: 'text' },
  language: { operators: ['matches_lead', 'in', 'not_in'], kind: 'language' },
};

export function attributeSpec(subject: Subject, attribute: string): AttributeSpec {
  const table = subject === 'lead' ? LEAD_ATTRIBUTES : PARTNER_ATTRIBUTES;
  return table[attribute] ?? { operators: ['in', 'not_in'], kind: 'text' };
}

export type ConditionDraft = {
  key: string;
  subject: Subject;
  attribute: string;
  operator: RoutingOperator;
  values: string[];
  min: number | null;
  max: number | null;
};

export type StrategyDraft = {
  type: RoutingStrategyType;
  partnerWeights: { partnerId: string; weight: number }[];
  tierWeights: { tierId: string; weight: number }[];
  defaultWeight: number;
  maxOpenLeads: number;
  windowDays: number;
  acceptanceWeight: number;
  conversionWeight: number;
  combine: 'arithmetic' | 'geometric';
  priorLeads: number;
};

export type RuleDraft = {
  id: string;
  name: string;
  enabled: boolean;
  conditions: ConditionDraft[];
  strategy: StrategyDraft;
  whenNoEligible: 'next_rule' | 'fallback';
};

export type SettingsDraft = {
  rules: RuleDraft[];
  fallbackQueue: { id: string; name: string; ownerUserId: string | null };
  sla: { hours: number; reminderHoursBefore: number; maxRecalls: number };
  hideContactUntilAccepted: boolean;
  preApproveConvertedDeals: boolean;
  fairnessWindowDays: number;
};

const DEFAULT_STRATEGY: StrategyDraft = {
  type: 'round_robin',
  partnerWeights: [],
  tierWeights: [],
  defaultWeight: 1,
  maxOpenLeads: 10,
  windowDays: 90,
  acceptanceWeight: 0.5,
  conversionWeight: 0.5,
  combine: 'arithmetic',
  priorLeads: 10,
};

let keySeq = 0;
const nextKey = () => `c${++keySeq}`;

export function strategyDraft(s: RoutingStrategy): StrategyDraft {
  const base = { ...DEFAULT_STRATEGY, type: s.type };
  switch (s.type) {
    case 'round_robin':
      return base;
    case 'weighted':
      return {
        ...base,
        partnerWeights: s.partnerWeights.map((w) => ({ ...w })),
        tierWeights: s.tierWeights.map((w) => ({ ...w })),
        defaultWeight: s.defaultWeight,
      };
    case 'capacity':
      return { ...base, maxOpenLeads: s.maxOpenLeads };
    case 'performance':
      return {
        ...base,
        windowDays: s.windowDays,
        acceptanceWeight: s.acceptanceWeight,
        conversionWeight: s.conversionWeight,
        combine: s.combine,
        priorLeads: s.priorLeads,
      };
  }
}

export function conditionDraft(c: RoutingCondition): ConditionDraft {
  const hasRange = c.operator === 'between';
  return {
    key: nextKey(),
    subject: c.subject,
    attribute: c.attribute,
    operator: c.operator,
    values: 'values' in c && c.values ? c.values.map(String) : [],
    min: hasRange ? c.min : null,
    max: hasRange ? c.max : null,
  };
}

export function ruleDraft(r: RoutingRule): RuleDraft {
  return {
    id: r.id,
    name: r.name,
    enabled: r.enabled,
    conditions: r.conditions.map(conditionDraft),
    strategy: strategyDraft(r.strategy),
    whenNoEligible: r.whenNoEligible,
  };
}

export function settingsDraft(s: LeadRoutingSettings): SettingsDraft {
  return {
    rules: [...s.rules].sort((a, b) => a.position - b.position || a.id.localeCompare(b.id)).map(ruleDraft),
    fallbackQueue: { ...s.fallbackQueue },
    sla: { ...s.sla },
    hideContactUntilAccepted: s.hideContactUntilAccepted,
    preApproveConvertedDeals: s.preApproveConvertedDeals,
    fairnessWindowDays: s.fairnessWindowDays,
  };
}

export function newRule(id: string, name: string): RuleDraft {
  return { id, name, enabled: true, conditions: [], strategy: { ...DEFAULT_STRATEGY }, whenNoEligible: 'next_rule' };
}

export function newCondition(subject: Subject): ConditionDraft {
  const attribute = 'country';
  return {
    key: nextKey(),
    subject,
    attribute,
    operator: attributeSpec(subject, attribute).operators[0] ?? 'in',
    values: [],
    min: null,
    max: null,
  };
}

/** Changing the subject or attribute starts the condition over with the first operator that fits. */
export function withAttribute(c: ConditionDraft, subject: Subject, attribute: string): ConditionDraft {
  const spec = attributeSpec(subject, attribute);
  const sameKind = attributeSpec(c.subject, c.attribute).kind === spec.kind;
  return {
    ...c,
    subject,
    attribute,
    operator: spec.operators.includes(c.operator) ? c.operator : (spec.operators[0] ?? 'in'),
    values: sameKind ? c.values : [],
    min: sameKind ? c.min : null,
    max: sameKind ? c.max : null,
  };
}

/** Moves one rule up (-1) or down (+1); out of range leaves the list as it is. */
export function moveRule<T>(rules: readonly T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta;
  if (index < 0 || index >= rules.length || to < 0 || to >= rules.length) return [...rules];
  const next = [...rules];
  const [item] = next.splice(index, 1);
  next.splice(to, 0, item as T);
  return next;
}

export function conditionBody(c: ConditionDraft): RoutingCondition {
  if (c.operator === 'between') {
    return {
      subject: c.subject,
      attribute: c.attribute,
      operator: 'between',
      min: c.min,
      max: c.max,
    } as RoutingCondition;
  }
  if (c.operator === 'matches_lead') {
    return { subject: c.subject, attribute: c.attribute, operator: 'matches_lead' } as RoutingCondition;
  }
  const values = c.values.map((v) => v.trim()).filter(Boolean);
  return {
    subject: c.subject,
    attribute: c.attribute,
    operator: c.operator,
    values: attributeSpec(c.subject, c.attribute).kind === 'country' ? values.map((v) => v.toUpperCase()) : values,
  } as RoutingCondition;
}

export function strategyBody(s: StrategyDraft): RoutingStrategy {
  switch (s.type) {
    case 'round_robin':
      return { type: 'round_robin' };
    case 'weighted':
      return {
        type: 'weighted',
        partnerWeights: s.partnerWeights.filter((w) => w.partnerId),
        tierWeights: s.tierWeights.filter((w) => w.tierId),
        defaultWeight: s.defaultWeight,
      };
    case 'capacity':
      return { type: 'capacity', maxOpenLeads: s.maxOpenLeads };
    case 'performance':
      return {
        type: 'performance',
        windowDays: s.windowDays,
        acceptanceWeight: s.acceptanceWeight,
        conversionWeight: s.conversionWeight,
        combine: s.combine,
        priorLeads: s.priorLeads,
      };
  }
}

/** Rules are evaluated in the order shown: positions 10, 20, 30… leave room for the API's own ordering. */
export function settingsBody(d: SettingsDraft): LeadRoutingSettingsUpdate {
  return {
    rules: d.rules.map((r, i) => ({
      id: r.id,
      name: r.name.trim(),
      position: (i + 1) * 10,
      enabled: r.enabled,
      conditions: r.conditions.map(conditionBody),
      strategy: strategyBody(r.strategy),
      whenNoEligible: r.whenNoEligible,
    })),
    fallbackQueue: {
      id: d.fallbackQueue.id.trim(),
      name: d.fallbackQueue.name.trim(),
      ownerUserId: d.fallbackQueue.ownerUserId || null,
    },
    sla: { ...d.sla },
    hideContactUntilAccepted: d.hideContactUntilAccepted,
    preApproveConvertedDeals: d.preApproveConvertedDeals,
    fairnessWindowDays: d.fairnessWindowDays,
  };
}

export type RuleIssue = { path: string; message: string; severity?: 'error' | 'warning' };

/** `rules[3].conditions[0].values[1]` and `body.rules.3.conditions.0.values` → `rules.3.conditions.0.values.1`. */
export function normalisePath(path: string): string {
  return path
    .replace(/^(body|querystring|params)\./, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\./, '');
}

/** The field an issue belongs to inside its rule: a condition's part, a weight row, or a strategy field. */
function ruleField(rest: string[]): string {
  const [first, second] = rest;
  if (first === 'conditions') return rest.slice(0, 3).join('.');
  if (first === 'strategy' && (second === 'partnerWeights' || second === 'tierWeights')) {
    return rest.slice(0, 3).join('.');
  }
  if (first === 'strategy') return rest.slice(0, 2).join('.');
  return first ?? '';
}

export type GroupedIssues = {
  /** rule index → field (`name`, `conditions.0.values`, `strategy.partnerWeights.1`, `` for the rule) → issues. */
  rules: Record<number, Record<string, RuleIssue[]>>;
  /** Everything else by its path (`sla.reminderHoursBefore`, `fallbackQueue.name`…). */
  other: Record<string, RuleIssue[]>;
};

/** The API's issues placed next to the rule and field they are about (indexes are the order on screen). */
export function groupIssues(issues: readonly RuleIssue[]): GroupedIssues {
  const out: GroupedIssues = { rules: {}, other: {} };
  for (const issue of issues) {
    const path = normalisePath(issue.path);
    const segments = path.split('.');
    if (segments[0] === 'rules' && segments[1] !== undefined && /^\d+$/.test(segments[1])) {
      const index = Number(segments[1]);
      const field = ruleField(segments.slice(2));
      const rule = out.rules[index] ?? {};
      rule[field] = [...(rule[field] ?? []), { ...issue, path }];
      out.rules[index] = rule;
    } else {
      out.other[path] = [...(out.other[path] ?? []), { ...issue, path }];
    }
  }
  return out;
}

/** Issues of one rule, the rule-level ones and those under a prefix (e.g. `conditions.2`). */
export function issuesUnder(rule: Record<string, RuleIssue[]> | undefined, prefix: string): RuleIssue[] {
  if (!rule) return [];
  return Object.entries(rule)
    .filter(([field]) => field === prefix || field.startsWith(`${prefix}.`))
    .flatMap(([, list]) => list);
}

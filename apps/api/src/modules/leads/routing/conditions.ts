import type { LeadRoutingCondition, PartnerRoutingCondition } from '@trellis/contracts';
import type { PreparedPartner } from './partner-index';
import { anyLanguageMatches, normaliseLabel, sameLanguage } from './text';
import type { RoutingLead } from './types';

/** A lead with its labels normalised once and its excluded partners as a set. */
export type PreparedLead = {
  lead: RoutingLead;
  country: string | null;
  region: string | null;
  territory: string | null;
  language: string | null;
  interests: readonly string[];
  size: number | null;
  declined: ReadonlySet<string>;
  recalled: ReadonlySet<string>;
};

const norm = (v: string | null | undefined): string | null => {
  if (v === null || v === undefined) return null;
  const n = normaliseLabel(v);
  return n === '' ? null : n;
};

const NONE: ReadonlySet<string> = new Set();
const setOf = (ids: readonly string[] | undefined) => (ids === undefined || ids.length === 0 ? NONE : new Set(ids));

export function prepareLead(lead: RoutingLead): PreparedLead {
  return {
    lead,
    country: norm(lead.country),
    region: norm(lead.region),
    territory: norm(lead.territory),
    language: norm(lead.language),
    interests:
      lead.productInterests === undefined || lead.productInterests.length === 0
        ? []
        : [...new Set(lead.productInterests.map(normaliseLabel).filter((v) => v !== ''))],
    size: typeof lead.companySize === 'number' && Number.isFinite(lead.companySize) ? lead.companySize : null,
    declined: setOf(lead.declinedPartnerIds),
    recalled: setOf(lead.recalledPartnerIds),
  };
}

const inRange = (x: number, c: { min: number | null; max: number | null }) =>
  (c.min === null || x >= c.min) && (c.max === null || x <= c.max);

/** `holds` for one lead condition. A missing lead value fails `in` and `between` and passes `not_in`. */
export function leadTest(c: LeadRoutingCondition): (lead: PreparedLead) => boolean {
  if (c.attribute === 'companySize') return (l) => l.size !== null && inRange(l.size, c);
  const values = c.values.map(normaliseLabel);
  const set = new Set(values);
  const positive = c.operator === 'in';
  if (c.attribute === 'productInterest') {
    return (l) => l.interests.some((v) => set.has(v)) === positive;
  }
  if (c.attribute === 'language') {
    return (l) => (l.language !== null && values.some((v) => sameLanguage(v, l.language as string))) === positive;
  }
  const attribute = c.attribute;
  return (l) => {
    const v = l[attribute];
    return (v !== null && set.has(v)) === positive;
  };
}

/** The lead's own value for a condition, as the explanation shows it (null = the lead has none). */
export function leadValueOf(c: LeadRoutingCondition, lead: RoutingLead): string | number | string[] | null {
  switch (c.attribute) {
    case 'companySize':
      return typeof lead.companySize === 'number' ? lead.companySize : null;
    case 'productInterest':
      return lead.productInterests && lead.productInterests.length > 0 ? [...lead.productInterests] : null;
    default:
      return lead[c.attribute] ?? null;
  }
}

/**
 * A partner condition that does not depend on the lead, as a test on one partner; null for `matches_lead`
 * (location ones narrow the pool through the index, skill ones are gates — see route.ts).
 */
export function partnerTest(c: PartnerRoutingCondition): ((p: PreparedPartner) => boolean) | null {
  if (c.attribute === 'tierRank') return (p) => p.fact.tier !== null && inRange(p.fact.tier.rank, c);
  if (c.operator === 'matches_lead' || c.values === undefined) return null;
  const positive = c.operator === 'in';
  switch (c.attribute) {
    case 'partner': {
      const set = new Set(c.values);
      return (p) => set.has(p.id) === positive;
    }
    case 'partnerType': {
      const set = new Set<string>(c.values);
      return (p) => set.has(p.fact.type) === positive;
    }
    case 'tier': {
      const set = new Set(c.values);
      return (p) => (p.fact.tier !== null && set.has(p.fact.tier.id)) === positive;
    }
    case 'country':
    case 'region': {
      const set = new Set(c.values.map(normaliseLabel));
      const attribute = c.attribute;
      return (p) => {
        const v = p[attribute];
        return (v !== null && set.has(v)) === positive;
      };
    }
    case 'territory': {
      const set = new Set(c.values.map(normaliseLabel));
      return (p) => p.territories.some((t) => set.has(t)) === positive;
    }
    case 'capability': {
      const values = c.values.map(normaliseLabel);
      return (p) => values.some((v) => p.capabilities.has(v)) === positive;
    }
    case 'language': {
      const values = c.values.map(normaliseLabel);
      return (p) => anyLanguageMatches(p.languages, values) === positive;
    }
  }
}

/** Gate for `capability matches_lead`: the partner offers every product the lead is interested in. */
export function coversInterests(p: PreparedPartner, lead: PreparedLead): boolean {
  for (const i of lead.interests) if (!p.capabilities.has(i)) return false;
  return true;
}

/** Gate for `language matches_lead`: the partner speaks the lead's language (a lead without one needs none). */
export const speaksLanguage = (p: PreparedPartner, lead: PreparedLead): boolean =>
  lead.language === null || p.languages.some((l) => sameLanguage(l, lead.language as string));

import { type RoutingRule, type RoutingRuleInput, RoutingRuleSchema } from '@trellis/contracts';
import type { RoutingLead, RoutingPartner } from './types';

// Test data builders for the routing engine's unit tests (no database). Rules go through the contract, so the
// tests also prove the shapes they use are valid API input.

const uuid = (variant: string, n: number) => `00000000-0000-7000-${variant}-${String(n).padStart(12, '0')}`;
/** Partner ids sort by n, so "partner id order" in assertions is numeric order. */
export const pid = (n: number) => uuid('8000', n);
export const tid = (n: number) => uuid('9000', n);
export const rid = (n: number) => uuid('a000', n);

export const GOLD = { id: tid(1), name: 'Gold', rank: 3 };
export const SILVER = { id: tid(2), name: 'Silver', rank: 2 };

export const QUEUE = { id: 'inbox', name: 'Unassigned leads' };

export function partner(n: number, over: Partial<RoutingPartner> = {}): RoutingPartner {
  return {
    id: pid(n),
    type: 'reseller',
    tier: null,
    country: 'VN',
    region: 'South',
    territories: ['HCMC'],
    capabilities: ['firewall'],
    languages: ['vi', 'en'],
    status: 'active',
    openLeads: 0,
    capacity: null,
    performance: [],
    ...over,
  };
}

export function rule(n: number, over: Partial<RoutingRuleInput> = {}): RoutingRule {
  return RoutingRuleSchema.parse({
    id: rid(n),
    name: `Rule ${n}`,
    position: n * 10,
    strategy: { type: 'round_robin' },
    ...over,
  });
}

export function lead(over: Partial<RoutingLead> = {}): RoutingLead {
  return {
    id: 'lead-1',
    country: 'VN',
    region: 'South',
    territory: 'HCMC',
    language: 'vi',
    productInterests: ['firewall'],
    companySize: 120,
    ...over,
  };
}

/** n leads with ids lead-1…lead-n and the given facts. */
export const leads = (n: number, over: Partial<RoutingLead> = {}): RoutingLead[] =>
  Array.from({ length: n }, (_, k) => lead({ ...over, id: `lead-${k + 1}` }));

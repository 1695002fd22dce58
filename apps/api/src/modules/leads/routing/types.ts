import type { PartnerStatus, PartnerType, RoutingFallbackQueue } from '@trellis/contracts';

/** C5: what the engine needs to know about a lead. Missing values are `null` / empty / omitted. */
export type RoutingLead = {
  id: string;
  /** ISO 3166-1 alpha-2. */
  country?: string | null;
  region?: string | null;
  territory?: string | null;
  /** BCP 47, the language the customer wants to be served in. */
  language?: string | null;
  productInterests?: readonly string[];
  /** Employees. */
  companySize?: number | null;
  /** Partners who declined this lead: never offered it again. */
  declinedPartnerIds?: readonly string[];
  /** Partners it was recalled from after their SLA ran out: never offered it again. */
  recalledPartnerIds?: readonly string[];
};

/** Acceptance and conversion figures over the last `windowDays` (computed by the caller from lead history). */
export type PartnerPerformance = {
  windowDays: number;
  /** Leads assigned to the partner in the window. */
  offered: number;
  /** Of those, accepted. */
  accepted: number;
  /** Of the accepted, converted to a deal. */
  converted: number;
};

/** The facts about one partner the routing engine reads; the leads module loads them in one query. */
export type RoutingPartner = {
  id: string;
  type: PartnerType;
  tier: { id: string; name: string; rank: number } | null;
  country: string | null;
  region: string | null;
  territories: readonly string[];
  capabilities: readonly string[];
  languages: readonly string[];
  status: PartnerStatus;
  /** Leads assigned or accepted and not yet closed. */
  openLeads: number;
  /** The partner's own maximum of open leads; null = no limit of its own. */
  capacity: number | null;
  performance?: readonly PartnerPerformance[];
};

/**
 * What earlier decisions leave behind, so a decision is a function of its inputs: the last partner each
 * round-robin rule assigned, and each partner's assignments in the fairness window (the caller chooses the
 * window, e.g. 30 days; counts across all rules).
 */
export type RoutingState = {
  cursors: Record<string, string>;
  recentAssignments: Record<string, number>;
};

export const emptyRoutingState = (): RoutingState => ({ cursors: {}, recentAssignments: {} });

export type RouteOptions = {
  fallbackQueue: Pick<RoutingFallbackQueue, 'id' | 'name'>;
};

import { normaliseLabel } from './text';
import type { RoutingPartner } from './types';

/** A partner's facts with labels normalised once, so conditions compare plain strings. */
export type PreparedPartner = {
  fact: RoutingPartner;
  id: string;
  country: string | null;
  region: string | null;
  territories: readonly string[];
  capabilities: ReadonlySet<string>;
  languages: readonly string[];
};

/**
 * Partners in partner-id order (position = index into every array the engine keeps per partner, and the
 * stable order ties fall back to) with posting lists by location, so a rule whose partners must match the
 * lead's country, region or territory reads one list instead of scanning every partner.
 */
export type PartnerIndex = {
  partners: readonly PreparedPartner[];
  positionOf: ReadonlyMap<string, number>;
  byCountry: ReadonlyMap<string, readonly number[]>;
  byRegion: ReadonlyMap<string, readonly number[]>;
  byTerritory: ReadonlyMap<string, readonly number[]>;
};

export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const post = (map: Map<string, number[]>, key: string | null, position: number) => {
  if (key === null) return;
  const list = map.get(key);
  if (list === undefined) map.set(key, [position]);
  else if (list[list.length - 1] !== position) list.push(position);
};

export function indexPartners(partners: readonly RoutingPartner[]): PartnerIndex {
  const seen = new Map<string, number>();
  partners.forEach((p, i) => {
    const first = seen.get(p.id);
    if (first !== undefined) throw new RangeError(`partners[${i}].id repeats partners[${first}].id (${p.id})`);
    seen.set(p.id, i);
  });
  const sorted = [...partners].sort((a, b) => compareIds(a.id, b.id));
  const prepared: PreparedPartner[] = [];
  const positionOf = new Map<string, number>();
  const byCountry = new Map<string, number[]>();
  const byRegion = new Map<string, number[]>();
  const byTerritory = new Map<string, number[]>();
  sorted.forEach((fact, position) => {
    const partner: PreparedPartner = {
      fact,
      id: fact.id,
      country: fact.country === null ? null : normaliseLabel(fact.country),
      region: fact.region === null ? null : normaliseLabel(fact.region),
      territories: [...new Set(fact.territories.map(normaliseLabel))],
      capabilities: new Set(fact.capabilities.map(normaliseLabel)),
      languages: fact.languages.map(normaliseLabel),
    };
    prepared.push(partner);
    positionOf.set(fact.id, position);
    post(byCountry, partner.country, position);
    post(byRegion, partner.region, position);
    for (const t of partner.territories) post(byTerritory, t, position);
  });
  return { partners: prepared, positionOf, byCountry, byRegion, byTerritory };
}

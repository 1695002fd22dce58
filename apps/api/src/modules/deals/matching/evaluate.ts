import {
  blockingKeys,
  DEFAULT_MATCH_SETTINGS,
  type MatchInput,
  type MatchScore,
  type MatchSettings,
  prepareRecord,
  scoreCandidate,
} from './match';

/**
 * One labelled pair of pairs.json. `duplicate` is the truth — the same customer organisation, which a
 * reviewer would want flagged — not what the matcher happens to say. `known` records a pair the matcher
 * is known to get wrong at the default settings, so the table test states every current error openly.
 */
export type LabelledPair = {
  a: string;
  b: string;
  aDomain?: string | string[];
  bDomain?: string | string[];
  aCountry?: string;
  bCountry?: string;
  aAddress?: string;
  bAddress?: string;
  duplicate: boolean;
  note?: string;
  lang?: string;
  /** 'dev' (default): used while choosing weights and thresholds; 'holdout': written afterwards, unseen. */
  split?: 'dev' | 'holdout';
  known?: 'missed' | 'false_positive';
};

export type PairResult = {
  pair: LabelledPair;
  predicted: boolean;
  sharesBlockingKey: boolean;
} & MatchScore;

export type Evaluation = {
  pairs: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
  /** Pairs predicted a duplicate that share no blocking key: the index would never have fetched them. */
  blockingMisses: number;
  errors: PairResult[];
};

const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export function pairInputs(p: LabelledPair): [MatchInput, MatchInput] {
  return [
    { name: p.a, domains: asList(p.aDomain), country: p.aCountry ?? null, address: p.aAddress ?? null },
    { name: p.b, domains: asList(p.bDomain), country: p.bCountry ?? null, address: p.bAddress ?? null },
  ];
}

export function scorePair(p: LabelledPair, settings: MatchSettings = DEFAULT_MATCH_SETTINGS): PairResult {
  const [ia, ib] = pairInputs(p);
  const a = prepareRecord(ia);
  const b = prepareRecord(ib);
  const result = scoreCandidate(a, b, settings);
  const keysA = new Set(blockingKeys(a));
  return {
    pair: p,
    ...result,
    predicted: result.score >= settings.conflictThreshold,
    sharesBlockingKey: blockingKeys(b).some((k) => keysA.has(k)),
  };
}

const ratio = (n: number, d: number) => (d === 0 ? 1 : n / d);

/**
 * Precision, recall and F1 of "score ≥ conflictThreshold" against the labels. A pair predicted a
 * duplicate only counts as found if blocking would have fetched it, so the figure is what the indexed
 * conflict check delivers, not just the scorer in isolation.
 */
export function evaluate(pairs: readonly LabelledPair[], settings: MatchSettings = DEFAULT_MATCH_SETTINGS): Evaluation {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  let blockingMisses = 0;
  const errors: PairResult[] = [];
  for (const p of pairs) {
    const r = scorePair(p, settings);
    if (r.predicted && !r.sharesBlockingKey) blockingMisses++;
    const found = r.predicted && r.sharesBlockingKey;
    if (p.duplicate && found) tp++;
    else if (p.duplicate) fn++;
    else if (found) fp++;
    else tn++;
    if (found !== p.duplicate) errors.push(r);
  }
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { pairs: pairs.length, tp, fp, tn, fn, precision, recall, f1, blockingMisses, errors };
}

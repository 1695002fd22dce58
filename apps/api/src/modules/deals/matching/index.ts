/** C4 conflict-detection core: pure normalisation, scoring and blocking. The deals module imports this file. */
export { type Evaluation, evaluate, type LabelledPair, type PairResult, pairInputs, scorePair } from './evaluate';
export { FREE_MAIL_DOMAINS, PLATFORM_DOMAINS } from './free-mail';
export {
  type Band,
  blockingKeys,
  classify,
  DEFAULT_MATCH_SETTINGS,
  MATCHER_VERSION,
  type MatchInput,
  type MatchReason,
  type MatchScore,
  type MatchSettings,
  type NameMethod,
  nameSimilarity,
  type PreparedRecord,
  prepareRecord,
  queryKeys,
  type RankedCandidate,
  type ReasonCode,
  rankCandidates,
  sameName,
  scoreCandidate,
  tokenSetSimilarity,
  trigramSimilarity,
} from './match';
export {
  type DomainOptions,
  foldText,
  isCompanyDomain,
  type NormalisedAddress,
  type NormalisedDomain,
  type NormalisedName,
  normaliseAddress,
  normaliseCompanyName,
  normaliseCountry,
  normaliseDomain,
  sameAddress,
} from './normalize';

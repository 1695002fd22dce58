/** Labels (regions, territories, capabilities, product interests, languages) compare case- and width-blind. */
export const normaliseLabel = (value: string): string =>
  // Printable ASCII needs no NFKC pass (the common case, and the hot path of batch routing).
  (PRINTABLE_ASCII.test(value) ? value : value.normalize('NFKC')).trim().toLowerCase();
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Two normalised language tags name the same language when equal or when one extends the other by subtags:
 * `en` ~ `en-gb`, `zh-hant` ~ `zh-hant-tw`, but `zh-hant` ≁ `zh-hans`.
 */
export const sameLanguage = (a: string, b: string): boolean =>
  a === b || (a.length > b.length ? a.startsWith(`${b}-`) : b.startsWith(`${a}-`));

export const anyLanguageMatches = (spoken: readonly string[], wanted: readonly string[]): boolean => {
  for (const s of spoken) for (const w of wanted) if (sameLanguage(s, w)) return true;
  return false;
};

/** Scores are shown and compared rounded, so a tie in the console is a tie in the engine. */
export const roundScore = (x: number): number => Math.round(x * 1e6) / 1e6;

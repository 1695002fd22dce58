import { domainToASCII } from 'node:url';
import { parse as parseHost } from 'tldts';
import { FREE_MAIL_DOMAINS, PLATFORM_DOMAINS } from './free-mail';
import { foldHan } from './han-fold';
import {
  CANONICAL_PHRASES,
  CJK_GENERIC_SUFFIXES,
  CJK_GEO_PREFIXES,
  CJK_LEGAL_PREFIXES,
  CJK_LEGAL_SUFFIXES,
  CJK_PAREN_ABBREVIATIONS,
  CONNECTORS,
  GENERIC_WORDS,
  GEO_WORDS,
  LEGAL_INFIXES,
  LEGAL_PREFIXES,
  LEGAL_SUFFIXES,
  PARTICLES,
} from './lexicon';

/**
 * C4 conflict detection compares what partners type with what the vendor and other partners stored, so
 * every comparison runs on normalised forms. These functions are pure and deterministic: the same input
 * gives the same keys on the submit path, in the live hint and in the stored index.
 */

export type NormalisedName = {
  /** Tokens in reading order joined by one space: "hoa phat". Empty when nothing identifying remains. */
  key: string;
  /** Tokens after folding, legal-form stripping, stemming and descriptor canonicalisation. */
  tokens: string[];
  /** `key` without spaces, so "Micro Soft" equals "Microsoft" and "airBaltic" equals "Air Baltic". */
  compact: string;
  /** Tokens sorted and joined, so word order does not matter ("FPT Software" = "Phần mềm FPT"). */
  sortedKey: string;
  /** The legal forms and group descriptors removed, in the order found ("gmbh co kg", "cong ty co phan"). */
  legalForm?: string;
};

export type TokenKind = 'distinctive' | 'generic' | 'geo' | 'number';

// ---------------------------------------------------------------------------------------------------------
// Character level

const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}ー々〆';
const CJK_CHAR = new RegExp(`[${CJK}]`, 'u');
const CJK_RUN = new RegExp(`^[${CJK}]+$`, 'u');
const SCRIPT_BOUNDARY = new RegExp(`(?<=[${CJK}])(?=[^${CJK}\\s])|(?<=[^${CJK}\\s])(?=[${CJK}])`, 'gu');

/** Letters NFD does not decompose; Vietnamese đ is the one that matters most. */
const SPECIAL_LETTERS: Record<string, string> = {
  đ: 'd',
  ð: 'd',
  ø: 'o',
  ł: 'l',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
};
const SPECIAL_LETTER_RE = /[đðøłæœßþıħ]/g;

/**
 * Case, width and diacritics folded; CJK kept (only Traditional → Simplified). Diacritics are removed only
 * from Latin letters: Vietnamese tone marks and Latvian long vowels carry no identity for matching, but
 * the dakuten of Japanese kana and Thai vowel signs are letters in their own right.
 */
export function foldText(text: string): string {
  let s = text.normalize('NFKC');
  for (const [abbr, full] of CJK_PAREN_ABBREVIATIONS) s = s.split(abbr).join(full);
  s = foldHan(s).toLowerCase();
  s = s
    .normalize('NFD')
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .normalize('NFC');
  return s.replace(SPECIAL_LETTER_RE, (c) => SPECIAL_LETTERS[c] ?? c);
}

// ---------------------------------------------------------------------------------------------------------
// Token level

/** "L.L.C.", "S.p.A.", "N.V.", "o.o." → letters without dots (single letters separated by dots). */
const DOTTED_INITIALS = /(?<![\p{L}\p{N}])((?:\p{L}\.)+\p{L}?)\.?(?![\p{L}\p{N}])/gu;
/** "Salesforce.com", "Allegro.pl": the TLD is not part of the name. */
const NAME_TLD =
  /(?<=[\p{L}\p{N}])\.(?:com|net|org|io|ai|app|biz|info|co|vn|lv|lt|ee|pl|de|tw|jp|cn|kr|uk)(?![\p{L}\p{N}])/gu;
/** "A/S", "S/A", "I/S": a slash between single letters. */
const SLASHED_INITIALS = /(?<![\p{L}\p{N}])(\p{L})\/(\p{L})(?![\p{L}\p{N}])/gu;
const APOSTROPHES = /['’`´ʼ]/g;
/** Everything that is not a letter, digit, combining mark or "&" separates tokens. */
const SEPARATORS = /[^\p{L}\p{N}\p{M}&]+/gu;

function tokenise(folded: string): string[] {
  const s = folded
    .replace(DOTTED_INITIALS, (m) => m.replace(/\./g, ''))
    .replace(NAME_TLD, '')
    .replace(SLASHED_INITIALS, '$1$2')
    .replace(APOSTROPHES, '')
    .replace(/[&+]/g, ' & ')
    .replace(SEPARATORS, ' ')
    .replace(SCRIPT_BOUNDARY, ' ');
  const tokens: string[] = [];
  for (const t of s.split(' ')) {
    if (!t) continue;
    // 及/与 join two names inside a CJK run ("A及B"); split there so they behave like "&".
    if (CJK_CHAR.test(t) && /[及与]/u.test(t)) {
      for (const part of t.split(/([及与])/u)) if (part) tokens.push(part);
    } else tokens.push(t);
  }
  return tokens;
}

/** Connectors and particles go only between two words: a name may start with "De" or end with "E". */
function dropConnectors(tokens: string[]): string[] {
  return tokens.filter(
    (t, i) => t !== '&' && !(i > 0 && i < tokens.length - 1 && (CONNECTORS.has(t) || PARTICLES.has(t))),
  );
}

/** Runs of single Latin letters become one token: "J P Morgan" → "jp morgan", "S A" → "sa". */
function mergeInitials(tokens: string[]): string[] {
  const out: string[] = [];
  let run = '';
  for (const t of tokens) {
    if (/^[a-z]$/.test(t)) {
      run += t;
      continue;
    }
    if (run) out.push(run);
    run = '';
    out.push(t);
  }
  if (run) out.push(run);
  return out;
}

/**
 * Light English stemming so plurals meet their singular ("Technologies" = "Technology"). Latin-script
 * words of five letters or more only; "-ss", "-us", "-is" endings stay. Applied to both sides, so a
 * wrong stem of a non-English word ("Rīgas" → "riga") still compares equal to itself.
 */
function stem(t: string): string {
  if (t.length < 5 || !/^[a-z]+$/.test(t)) return t;
  if (t.endsWith('ies') && t.length > 5) return `${t.slice(0, -3)}y`;
  if (t.endsWith('s') && !/[sui]s$/.test(t)) return t.slice(0, -1);
  return t;
}

type Phrase = { words: string[]; replacement: string[] };
function phrases(list: readonly string[]): string[][] {
  return [...list].map((p) => p.split(' ')).sort((a, b) => b.length - a.length);
}
const SUFFIX_SEQUENCES = phrases(LEGAL_SUFFIXES);
const PREFIX_SEQUENCES = phrases(LEGAL_PREFIXES);
const CANONICAL: Phrase[] = CANONICAL_PHRASES.map(([from, to]) => ({
  words: from.split(' '),
  replacement: to.split(' '),
})).sort((a, b) => b.words.length - a.words.length);

function startsWith(tokens: string[], seq: string[], at: number): boolean {
  if (at < 0 || at + seq.length > tokens.length) return false;
  return seq.every((w, i) => tokens[at + i] === w);
}

/** Rewrites descriptors to canonical words, longest phrase first, left to right. */
function canonicalise(tokens: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    const hit = CANONICAL.find((p) => startsWith(tokens, p.words, i));
    if (hit) {
      out.push(...hit.replacement);
      i += hit.words.length;
    } else {
      out.push(tokens[i] as string);
      i += 1;
    }
  }
  return out;
}

/**
 * CJK runs: legal forms glued to the name are cut at either end, then place names at the start and
 * descriptors at the end become tokens of their own (台湾积体电路制造 → 台湾 | 积体电路 | 制造), so a
 * distinctive core remains that the token comparison can weigh like a Latin word.
 */
function splitCjkRun(run: string, legal: string[]): string[] {
  let core = run;
  let changed = true;
  while (changed) {
    changed = false;
    // A run may be nothing but legal form and descriptor ("ホールディングス株式会社" after the name);
    // it then disappears, and the caller keeps the name if nothing else is left.
    for (const s of CJK_LEGAL_SUFFIXES) {
      if (core.length >= s.length && core.endsWith(s)) {
        core = core.slice(0, -s.length);
        legal.unshift(s);
        changed = true;
      }
    }
    for (const p of CJK_LEGAL_PREFIXES) {
      if (core.length > p.length && core.startsWith(p)) {
        core = core.slice(p.length);
        legal.push(p);
        changed = true;
      }
    }
  }
  const head: string[] = [];
  const tail: string[] = [];
  for (const g of CJK_GEO_PREFIXES) {
    if (core.length >= g.length + 2 && core.startsWith(g)) {
      head.push(g);
      core = core.slice(g.length);
      break;
    }
  }
  changed = true;
  while (changed) {
    changed = false;
    for (const g of CJK_GENERIC_SUFFIXES) {
      if (core.length >= g.length + 2 && core.endsWith(g)) {
        tail.unshift(g);
        core = core.slice(0, -g.length);
        changed = true;
        break;
      }
    }
  }
  return [...head, core, ...tail];
}

/**
 * Strips legal forms where they conventionally sit — at the end ("Acme Corp", "Henkel AG & Co. KGaA"), at
 * the start ("SIA Tele2", "Công ty TNHH …", "株式会社…"), a few anywhere (Vietnamese "TMCP") — plus a
 * leading or list-style trailing "The". Never strips the last remaining word: "AB" alone stays "ab".
 */
function stripLegal(tokens: string[], legal: string[]): string[] {
  let t = stripEnds(tokens, legal);
  if (t.some((w) => LEGAL_INFIXES.has(w)) && t.length > 1) {
    t = t.filter((w) => {
      if (LEGAL_INFIXES.has(w)) legal.push(w);
      return !LEGAL_INFIXES.has(w);
    });
    t = stripEnds(t, legal);
  }
  return t;
}

function stripEnds(tokens: string[], legal: string[]): string[] {
  let t = tokens;
  let changed = true;
  while (changed && t.length > 1) {
    changed = false;
    if (t[0] === 'the' || t[t.length - 1] === 'the') {
      t = t[0] === 'the' ? t.slice(1) : t.slice(0, -1);
      changed = true;
      continue;
    }
    const suffix = SUFFIX_SEQUENCES.find((s) => s.length < t.length && startsWith(t, s, t.length - s.length));
    if (suffix) {
      legal.unshift(suffix.join(' '));
      t = t.slice(0, t.length - suffix.length);
      changed = true;
      continue;
    }
    const prefix = PREFIX_SEQUENCES.find((p) => p.length < t.length && startsWith(t, p, 0));
    if (prefix) {
      legal.push(prefix.join(' '));
      t = t.slice(prefix.length);
      changed = true;
    }
  }
  return t;
}

/**
 * C4: the normalised company name used for exact keys, blocking and similarity. Folds case, width (NFKC),
 * diacritics (Vietnamese, Latvian; đ → d), Traditional → Simplified Han; drops punctuation, "The",
 * connectors ("&", "and", "và", "un", "及", "與") and legal forms in many languages; rewrites common
 * descriptors to one canonical word ("Phần mềm" = "Software" = "软件").
 */
export function normaliseCompanyName(name: string): NormalisedName {
  const legal: string[] = [];
  let tokens = tokenise(foldText(name));
  tokens = mergeInitials(dropConnectors(tokens));
  tokens = canonicalise(tokens.map(stem));
  tokens = stripLegal(tokens, legal);
  // A CJK legal form standing alone ("ACME 股份有限公司") was stripped above; glued ones are cut here.
  const split = tokens.flatMap((t) => (CJK_RUN.test(t) ? splitCjkRun(t, legal).filter(Boolean) : [t]));
  tokens = canonicalise(split.length > 0 ? split : tokens);
  const key = tokens.join(' ');
  return {
    key,
    tokens,
    compact: tokens.join(''),
    sortedKey: [...tokens].sort().join(' '),
    ...(legal.length ? { legalForm: legal.join(' ') } : {}),
  };
}

/** How much a token says about identity; see GENERIC_WORDS for why. */
export function tokenKind(token: string): TokenKind {
  if (/^\p{N}+$/u.test(token)) return 'number';
  if (GEO_WORDS.has(token)) return 'geo';
  if (GENERIC_WORDS.has(token)) return 'generic';
  return 'distinctive';
}

export function isCjk(token: string): boolean {
  return CJK_CHAR.test(token);
}

// ---------------------------------------------------------------------------------------------------------
// Domains

export type NormalisedDomain = {
  /** Registrable domain (Public Suffix List, private section included), ASCII/punycode: "acme.co.uk". */
  domain: string;
  /** The full host the input named: "sales.acme.co.uk". */
  host: string;
  /** A free-mail or ISP-mail domain shared by unrelated people (gmail.com, qq.com, inbox.lv, …). */
  freeMail: boolean;
  /** A page or subdomain on a hosting platform (facebook.com/acme, sites.google.com/…). */
  platform: boolean;
};

export type DomainOptions = {
  /** Replaces the built-in FREE_MAIL_DOMAINS (extend it with `new Set([...FREE_MAIL_DOMAINS, …])`). */
  freeMailDomains?: ReadonlySet<string>;
};

/**
 * C4: the registrable domain behind a URL, bare host, "www."/subdomain or e-mail address:
 * "https://sales.acme.co.uk/x" → acme.co.uk, "jan@mail.acme.com.vn" → acme.com.vn. Internationalised
 * names are compared in punycode, so "müller.de" equals "xn--mller-kva.de". Returns null for input with
 * no registrable domain (empty, an IP address, "localhost", garbage).
 */
export function normaliseDomain(input: string, options: DomainOptions = {}): NormalisedDomain | null {
  let s = input.normalize('NFKC').trim().toLowerCase();
  if (!s) return null;
  s = s.replace(/^mailto:/, '');
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//.exec(s);
  if (scheme) s = s.slice(scheme[0].length);
  const pathStart = s.search(/[/?#]/);
  const rest = pathStart >= 0 ? s.slice(pathStart) : '';
  if (pathStart >= 0) s = s.slice(0, pathStart);
  const at = s.lastIndexOf('@');
  const isEmail = at >= 0;
  if (isEmail) s = s.slice(at + 1);
  s = s
    .replace(/:\d*$/, '')
    .replace(/[。．｡]/g, '.')
    .replace(/\.+$/, '');
  if (!s || /\s/.test(s)) return null;
  const host = domainToASCII(s);
  if (!host) return null;
  const parsed = parseHost(host, { allowPrivateDomains: true });
  if (parsed.isIp || !parsed.domain || !parsed.publicSuffix || parsed.domain === parsed.publicSuffix) return null;
  const domain = parsed.domain;
  const freeMail = (options.freeMailDomains ?? FREE_MAIL_DOMAINS).has(domain);
  const sub = parsed.subdomain ?? '';
  const inside = (sub !== '' && sub !== 'www' && sub !== 'm') || /^\/[^?#]*[^/?#]/.test(rest) || isEmail;
  const platform = PLATFORM_DOMAINS.has(domain) && inside;
  return { domain, host, freeMail, platform };
}

/** A domain that can identify one customer: not free mail, not a page on a shared platform. */
export function isCompanyDomain(d: NormalisedDomain): boolean {
  return !d.freeMail && !d.platform;
}

/** Why a customer's domain as typed cannot identify it, or null when it can; `host` is what to store. */
export type DomainCheck =
  | { problem: null; host: string }
  | { problem: 'not_a_domain' | 'free_mail' | 'platform_page'; host: null };

/**
 * C4: a customer's own domain from what someone typed (bare domain, URL or e-mail address), as the host to
 * store without `www.`/`m.` — or why it is not one: no registrable domain, a free-mail provider, or a page on
 * a shared platform (facebook.com/acme), which would tie every customer with such an address together.
 */
export function companyDomain(input: string): DomainCheck {
  const d = normaliseDomain(input);
  if (!d) return { problem: 'not_a_domain', host: null };
  if (d.freeMail) return { problem: 'free_mail', host: null };
  if (d.platform) return { problem: 'platform_page', host: null };
  return { problem: null, host: d.host.replace(/^(www|m)\./, '') };
}

/** The sentence a person reads for each problem: `what` quoted as they typed it. */
export const DOMAIN_PROBLEM_TEXT = {
  not_a_domain: (what: string) => `${what} is not a domain such as example.com`,
  free_mail: (what: string) => `${what} is a free e-mail provider, not the customer's own domain`,
  platform_page: (what: string) => `${what} is a page on a shared platform, not the customer's own domain`,
} as const;

// ---------------------------------------------------------------------------------------------------------
// Addresses

export type NormalisedAddress = {
  /** Folded, street-type words dropped, tokens in order: "123 nguyen hue 1 hcm". */
  key: string;
  /** Tokens with a digit: house numbers, districts, postal codes. */
  numbers: string[];
  /** The other tokens: street and place names. */
  words: string[];
};

/** Street-type and administrative words, in the languages we serve; they differ more than they identify. */
const ADDRESS_NOISE = new Set([
  'street',
  'st',
  'str',
  'road',
  'rd',
  'avenue',
  'ave',
  'av',
  'boulevard',
  'blvd',
  'lane',
  'ln',
  'drive',
  'dr',
  'way',
  'place',
  'pl',
  'floor',
  'fl',
  'suite',
  'ste',
  'unit',
  'building',
  'bldg',
  'city',
  'district',
  'dist',
  'ward',
  'province',
  'county',
  'iela',
  'iel',
  'duong',
  'pho',
  'quan',
  'q',
  'phuong',
  'p',
  'tp',
  'thanh',
  'tinh',
  'huyen',
  'xa',
  'so',
  'tang',
  'toa',
  'nha',
  'no',
  'nr',
  'strasse',
  'straße',
]);
const ADDRESS_ALIASES: ReadonlyArray<readonly [string, string]> = [
  ['thanh pho ho chi minh', 'hcm'],
  ['ho chi minh', 'hcm'],
  ['tphcm', 'hcm'],
  ['hcmc', 'hcm'],
  ['sai gon', 'hcm'],
  ['saigon', 'hcm'],
  ['ha noi', 'hanoi'],
  ['tp hcm', 'hcm'],
];

/**
 * C4 "same address": a cheap, exact-ish comparison key, not geocoding. Folds like names, joins postal
 * codes ("LV-1001" = "LV1001"), drops street-type words ("St", "iela", "Quận") and aliases a few cities.
 */
export function normaliseAddress(address: string): NormalisedAddress | null {
  const folded = foldText(address).replace(/(?<=[\p{L}\p{N}])-(?=[\p{L}\p{N}])/gu, '');
  let tokens = folded
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
    .replace(SCRIPT_BOUNDARY, ' ')
    .split(' ')
    .filter(Boolean);
  let joined = ` ${tokens.join(' ')} `;
  for (const [from, to] of ADDRESS_ALIASES) joined = joined.split(` ${from} `).join(` ${to} `);
  tokens = joined.split(' ').filter((t) => t && !ADDRESS_NOISE.has(t));
  if (tokens.length === 0) return null;
  const numbers = tokens.filter((t) => /\p{N}/u.test(t));
  const words = tokens.filter((t) => !/\p{N}/u.test(t));
  return { key: tokens.join(' '), numbers, words };
}

/**
 * Same address when the house/postal numbers agree exactly and most remaining words do. Requires at least
 * one number and one word: "Hà Nội" alone is a city, not an address.
 */
export function sameAddress(a: NormalisedAddress, b: NormalisedAddress): boolean {
  if (a.key === b.key) return a.numbers.length > 0 && a.words.length > 0;
  if (a.numbers.length === 0 || a.words.length === 0 || b.words.length === 0) return false;
  if ([...a.numbers].sort().join(' ') !== [...b.numbers].sort().join(' ')) return false;
  const wa = new Set(a.words);
  const wb = new Set(b.words);
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / (wa.size + wb.size - shared) >= 0.6;
}

/** ISO 3166-1 alpha-2, upper case; anything else is treated as unknown rather than guessed. */
export function normaliseCountry(country: string | null | undefined): string | undefined {
  const c = country?.trim().toUpperCase();
  return c && /^[A-Z]{2}$/.test(c) ? c : undefined;
}

import {
  type Address,
  DEAL_STATUS_TRANSITIONS,
  type DealAbilities,
  type DealProductLine,
  type DealSettings,
  type DealStatus,
  type ErrorIssue,
} from '@trellis/contracts';
import type { Actor } from '../../platform/context';
import {
  companyDomain,
  DEFAULT_MATCH_SETTINGS,
  DOMAIN_PROBLEM_TEXT,
  type MatchInput,
  type MatchSettings,
} from './matching/index';

/** C4: the status machine; null when the move is allowed, else what is. */
export function dealTransitionProblem(
  from: DealStatus,
  to: DealStatus,
): { from: DealStatus; to: DealStatus; allowed: DealStatus[] } | null {
  const allowed = DEAL_STATUS_TRANSITIONS[from];
  return allowed.includes(to) ? null : { from, to, allowed: [...allowed] };
}

export function describeDealTransitionProblem(p: { from: DealStatus; to: DealStatus; allowed: DealStatus[] }) {
  return `a registration in state ${p.from} cannot become ${p.to}; ${
    p.allowed.length > 0 ? `allowed from ${p.from}: ${p.allowed.join(', ')}` : `${p.from} is final`
  }`;
}

/** States in which the partner may still edit the registration. */
export const EDITABLE_STATES: readonly DealStatus[] = ['draft', 'needs_info'];
/** States that hold a customer and therefore keep match keys (C4: keys go when a registration stops being active). */
export const KEYED_STATES: readonly DealStatus[] = ['submitted', 'needs_info', 'approved', 'won'];

const isVendor = (actor: Actor) => actor.partnerId === null;

/**
 * What the actor may do with one visible registration; the UI renders from it (ARCHITECTURE §3.4).
 * `firstComeBlocked`: another partner's earlier registration holds the customer under first-come protection.
 */
export function dealAbilities(
  actor: Actor,
  r: { status: DealStatus; extensionCount: number; extensionRequestedAt: Date | null },
  settings: Pick<DealSettings, 'maxExtensions'>,
  firstComeBlocked = false,
): DealAbilities {
  const partner = !isVendor(actor) && actor.permissions.has('deal.register');
  const approver = isVendor(actor) && actor.permissions.has('deal.approve');
  const canExtend = r.status === 'approved' && r.extensionCount < settings.maxExtensions;
  const review = approver && (r.status === 'submitted' || r.status === 'needs_info');
  return {
    edit: partner && EDITABLE_STATES.includes(r.status),
    submit: partner && EDITABLE_STATES.includes(r.status),
    withdraw: partner && DEAL_STATUS_TRANSITIONS[r.status].includes('withdrawn'),
    review,
    approve: review && r.status === 'submitted' && !firstComeBlocked,
    markOutcome: partner && r.status === 'approved',
    closeOutcome: approver && r.status === 'approved',
    requestExtension: partner && canExtend && r.extensionRequestedAt === null,
    extend: approver && canExtend,
  };
}

/** C4 first-come: registrations that still hold their customer against a later one (won deals are done). */
export const FIRST_COME_STATES: readonly DealStatus[] = ['submitted', 'needs_info', 'approved'];

type Registrant = { id: string; partnerId: string | null; firstSubmittedAt: Date | null };

/**
 * C4 first-come: whether `other` registered the customer before `subject` — another partner's registration,
 * still active, submitted (firstSubmittedAt, UTC) earlier. Equal instants fall back to the UUIDv7 ids, so of
 * two registrations exactly one is first.
 */
export function registeredEarlier(other: Registrant & { status: string | null }, subject: Registrant): boolean {
  if (other.id === subject.id || other.partnerId === null || other.partnerId === subject.partnerId) return false;
  if (!other.status || !FIRST_COME_STATES.includes(other.status as DealStatus)) return false;
  if (!other.firstSubmittedAt) return false;
  if (!subject.firstSubmittedAt) return true;
  const a = other.firstSubmittedAt.getTime();
  const b = subject.firstSubmittedAt.getTime();
  return a < b || (a === b && other.id < subject.id);
}

/** C4 rules of engagement: a named account in the conflict band refuses the submit. */
export function namedAccountIssue(
  ranked: readonly { band: 'conflict' | 'hint'; detail: { kind: string; namedAccount: boolean } }[],
): ErrorIssue | null {
  const named = ranked.some((r) => r.band === 'conflict' && r.detail.kind === 'account' && r.detail.namedAccount);
  if (!named) return null;
  return {
    path: 'customer.name',
    code: 'named_account',
    message:
      "this customer is a named account reserved for the vendor's direct sales team; the rules of engagement do not let partners register it",
  };
}

/** One total per currency, in the order the currencies first appear. */
export function dealTotals(lines: readonly DealProductLine[]): { amountMinor: number; currency: string }[] {
  const totals = new Map<string, number>();
  for (const l of lines) totals.set(l.amount.currency, (totals.get(l.amount.currency) ?? 0) + l.amount.amountMinor);
  return [...totals].map(([currency, amountMinor]) => ({ amountMinor, currency }));
}

/** The UTC calendar date of an instant, YYYY-MM-DD. */
export const isoDay = (at: Date) => at.toISOString().slice(0, 10);

/** C4 bad input: an expected close date in the past is refused, naming the field. */
export function closeDateIssue(date: string | null | undefined, now: Date, path: string): ErrorIssue | null {
  if (!date || date >= isoDay(now)) return null;
  return { path, code: 'in_past', message: `must not be before today (${isoDay(now)})` };
}

/**
 * C4 bad input: a customer domain that cannot identify the customer, naming the field — not a domain at all,
 * a free-mail provider, or (`allowPlatformPage: false`, the vendor's accounts) a page on a shared platform.
 */
export function domainIssue(domain: string, path: string, opts: { allowPlatformPage: boolean }): ErrorIssue | null {
  const d = companyDomain(domain);
  if (!d.problem || (d.problem === 'platform_page' && opts.allowPlatformPage)) return null;
  return { path, code: 'invalid_domain', message: DOMAIN_PROBLEM_TEXT[d.problem](`"${domain}"`) };
}

/** What a registration needs before it can be submitted; every missing field is listed. */
export function submitIssues(
  r: { contact: unknown; products: readonly unknown[]; expectedCloseDate: string | null },
  now: Date,
): ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  if (!r.contact)
    issues.push({ path: 'contact', code: 'required', message: 'a customer contact is required to submit' });
  if (r.products.length === 0) {
    issues.push({ path: 'products', code: 'required', message: 'at least one product line is required to submit' });
  }
  if (!r.expectedCloseDate) {
    issues.push({
      path: 'expectedCloseDate',
      code: 'required',
      message: 'an expected close date is required to submit',
    });
  }
  const past = closeDateIssue(r.expectedCloseDate, now, 'expectedCloseDate');
  if (past) issues.push(past);
  return issues;
}

export const addressText = (a: Address | null | undefined): string | null => {
  if (!a) return null;
  const text = [a.line1, a.line2, a.city, a.state, a.postalCode].filter(Boolean).join(', ');
  return text || null;
};

/** What the matcher compares for a registration: the customer, its domain and the contact's e-mail domain. */
export function registrationMatchInput(r: {
  customerName: string;
  customerDomain: string | null;
  customerCountry: string;
  customerAddress: Address;
  contact: { email?: string | undefined } | null;
}): MatchInput {
  const domains = [r.customerDomain, r.contact?.email].filter((d): d is string => Boolean(d));
  return { name: r.customerName, domains, country: r.customerCountry, address: addressText(r.customerAddress) };
}

export function matchSettingsOf(s: Pick<DealSettings, 'conflictThreshold' | 'hintThreshold'>): MatchSettings {
  return { ...DEFAULT_MATCH_SETTINGS, conflictThreshold: s.conflictThreshold, hintThreshold: s.hintThreshold };
}

/**
 * C4 approval rules as data: null when a submitted registration is approved at once, else why it goes to
 * review. Amount limits compare only totals in the workspace base currency (no FX guesses).
 */
export function autoApprovalProblem(
  settings: Pick<DealSettings, 'autoApprove' | 'protection'>,
  facts: {
    /** Another partner's active registration of this customer was submitted first. */
    earlierRegistrant: boolean;
    topBand: 'none' | 'hint' | 'conflict';
    tierRank: number | null;
    totals: readonly { amountMinor: number; currency: string }[];
    baseCurrency: string;
  },
): string | null {
  const rule = settings.autoApprove;
  if (settings.protection === 'first_come' && facts.earlierRegistrant) {
    return 'another partner registered this customer first (first-come protection)';
  }
  if (!rule.enabled) return 'auto-approval is off';
  if (facts.topBand === 'conflict') return 'a conflict above the threshold';
  if (rule.minTierRank !== null && (facts.tierRank === null || facts.tierRank < rule.minTierRank)) {
    return `tier rank below ${rule.minTierRank}`;
  }
  if (rule.maxAmountMinor !== null) {
    const [only, ...more] = facts.totals;
    if (!only || more.length > 0 || only.currency !== facts.baseCurrency) {
      return `amount not in the base currency ${facts.baseCurrency}`;
    }
    if (only.amountMinor > rule.maxAmountMinor) return 'amount above the auto-approval limit';
  }
  return null;
}

/** C4: protection ends the tier's dealProtectionDays after approval (the workspace default without a tier). */
export function protectionEnd(approvedAt: Date, days: number): Date {
  return new Date(approvedAt.getTime() + days * 86_400_000);
}

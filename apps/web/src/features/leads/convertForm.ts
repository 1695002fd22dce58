import { type DealProductLine, FREE_MAIL_DOMAINS, type LeadInboxDetail } from '@trellis/contracts';
import { decimalToMinor } from '../../i18n/format';
import { type DealFormLine, emptyLine } from '../deals/dealForm';

/** Converting an accepted lead: the customer and contact come from the lead; the partner adds the deal. */
export type ConvertFormValues = {
  /** Asked only when the lead has no country (a registration needs one). */
  country: string | null;
  domain: string;
  lines: DealFormLine[];
  closeDate: string;
  notes: string;
  submit: boolean;
};

export type ConvertBody = {
  products: DealProductLine[];
  expectedCloseDate?: string | null;
  notes?: string;
  domain?: string;
  country?: string;
  submit: boolean;
};

/** The customer's web domain guessed from the contact's e-mail; none for free mail providers. */
export function domainFromEmail(email: string | null | undefined): string {
  const domain = email?.split('@')[1]?.trim().toLowerCase() ?? '';
  return domain && !FREE_MAIL_DOMAINS.has(domain) ? domain : '';
}

/** Pre-filled from the lead: one product line per product interest, the lead's notes, its e-mail domain. */
export function convertFormFromLead(
  lead: Pick<LeadInboxDetail, 'contact' | 'productInterests' | 'notes'>,
): ConvertFormValues {
  return {
    country: null,
    domain: domainFromEmail(lead.contact?.email),
    lines:
      lead.productInterests.length > 0
        ? lead.productInterests.map((product) => ({ ...emptyLine(), product }))
        : [emptyLine()],
    closeDate: '',
    notes: lead.notes,
    submit: true,
  };
}

/**
 * The body of POST /lead-inbox/{id}/convert, or the form paths of amounts that are not valid for their
 * currency. A line without product and amount is left out; `positions[i]` is the form line of product i.
 */
export function convertBody(
  v: ConvertFormValues,
  baseCurrency: string,
): { body: ConvertBody; positions: number[]; badAmounts: string[] } {
  const positions: number[] = [];
  const badAmounts: string[] = [];
  const products: DealProductLine[] = [];
  v.lines.forEach((l, formIndex) => {
    if (!l.product.trim() && !l.amount.trim()) return;
    const currency = l.currency ?? baseCurrency;
    const minor = decimalToMinor(l.amount, currency);
    if (minor === null || minor < 0) badAmounts.push(`lines.${formIndex}.amount`);
    positions.push(formIndex);
    products.push({
      product: l.product.trim(),
      quantity: Number(l.quantity) || 1,
      amount: { amountMinor: minor ?? 0, currency },
    });
  });
  const body: ConvertBody = { products, submit: v.submit };
  if (v.closeDate) body.expectedCloseDate = v.closeDate;
  if (v.notes.trim()) body.notes = v.notes.trim();
  if (v.domain.trim()) body.domain = v.domain.trim();
  if (v.country) body.country = v.country;
  return { body, positions, badAmounts };
}

/** API issue paths → form paths: `products.<i>.amount.amountMinor` → `lines.<form line>.amount`. */
export function convertFormErrors(
  errors: Record<string, string>,
  positions: readonly number[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const m = /^products\.(\d+)\.(product|quantity|amount)/.exec(path);
    const formIndex = m ? positions[Number(m[1])] : undefined;
    if (m && formIndex !== undefined) out[`lines.${formIndex}.${m[2]}`] ??= message;
    else if (path === 'expectedCloseDate') out.closeDate = message;
    else out[path] = message;
  }
  return out;
}

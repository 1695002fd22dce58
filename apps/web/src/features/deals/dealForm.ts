import type { Address, DealContact, DealProductLine, DealRegistration } from '@trellis/contracts';
import { decimalToMinor, minorToDecimalString } from '../../i18n/format';

/** `currency` null: the workspace's base currency, which arrives after the first render. */
export type DealFormLine = {
  key: string;
  product: string;
  quantity: number | string;
  amount: string;
  currency: string | null;
};

/** The register / edit form as typed: strings, so nothing is lost while the person types. */
export type DealFormValues = {
  name: string;
  domain: string;
  country: string | null;
  city: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  lines: DealFormLine[];
  closeDate: string;
  notes: string;
};

/** What POST and PATCH /deal-registrations take from the form. */
export type DealFormBody = {
  customer: { name: string; domain?: string; country: string; address: Address };
  contact: DealContact | null;
  products: DealProductLine[];
  expectedCloseDate: string | null;
  notes: string;
};

export const emptyLine = (): DealFormLine => ({
  key: crypto.randomUUID(),
  product: '',
  quantity: 1,
  amount: '',
  currency: null,
});

export const emptyDealForm = (): DealFormValues => ({
  name: '',
  domain: '',
  country: null,
  city: '',
  firstName: '',
  lastName: '',
  email: '',
  phone: '',
  lines: [emptyLine()],
  closeDate: '',
  notes: '',
});

/** A registration as the form shows it (editing a draft or a registration that needs information). */
export function dealFormFromRegistration(
  r: Pick<DealRegistration, 'customer' | 'contact' | 'products' | 'expectedCloseDate' | 'notes'>,
): DealFormValues {
  return {
    name: r.customer.name,
    domain: r.customer.domain ?? '',
    country: r.customer.country,
    city: r.customer.address.city ?? '',
    firstName: r.contact?.firstName ?? '',
    lastName: r.contact?.lastName ?? '',
    email: r.contact?.email ?? '',
    phone: r.contact?.phone ?? '',
    lines:
      r.products.length > 0
        ? r.products.map((p) => ({
            key: crypto.randomUUID(),
            product: p.product,
            quantity: p.quantity,
            amount: minorToDecimalString(p.amount.amountMinor, p.amount.currency),
            currency: p.amount.currency,
          }))
        : [emptyLine()],
    closeDate: r.expectedCloseDate ?? '',
    notes: r.notes,
  };
}

/**
 * The request body, or the lines whose amount is not a valid decimal for its currency. Empty lines are left
 * out; `positions[i]` is the form line of product i, so the API's `products.i.…` errors land on the right
 * line. `original` keeps what the form does not show (address lines, the contact's title) when editing.
 */
export function dealFormBody(
  v: DealFormValues,
  baseCurrency: string,
  original?: Pick<DealRegistration, 'customer' | 'contact'>,
): { body: DealFormBody; positions: number[]; badAmounts: string[] } {
  const positions: number[] = [];
  const badAmounts: string[] = [];
  const products: DealProductLine[] = [];
  v.lines.forEach((l, formIndex) => {
    if (!l.product.trim() && !l.amount.trim()) return;
    const currency = l.currency ?? baseCurrency;
    const minor = decimalToMinor(l.amount, currency);
    if (minor === null || minor < 0) badAmounts.push(`products.${formIndex}.amount.amountMinor`);
    positions.push(formIndex);
    products.push({
      product: l.product.trim(),
      quantity: Number(l.quantity) || 1,
      amount: { amountMinor: minor ?? 0, currency },
    });
  });
  const { city: _city, ...addressRest } = original?.customer.address ?? {};
  const address: Address = { ...addressRest, ...(v.city.trim() ? { city: v.city.trim() } : {}) };
  const anyContact = [v.firstName, v.lastName, v.email, v.phone].some((s) => s.trim());
  const title = original?.contact?.title;
  const contact: DealContact | null = anyContact
    ? {
        firstName: v.firstName.trim(),
        lastName: v.lastName.trim(),
        ...(v.email.trim() ? { email: v.email.trim() } : {}),
        ...(v.phone.trim() ? { phone: v.phone.trim() } : {}),
        ...(title ? { title } : {}),
      }
    : null;
  return {
    body: {
      customer: {
        name: v.name.trim(),
        ...(v.domain.trim() ? { domain: v.domain.trim() } : {}),
        country: v.country ?? '',
        address,
      },
      contact,
      products,
      expectedCloseDate: v.closeDate || null,
      notes: v.notes.trim(),
    },
    positions,
    badAmounts,
  };
}

/** API issue paths → form paths: `products.<i>` of the request becomes the form line it came from. */
export function toFormErrors(errors: Record<string, string>, positions: readonly number[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const m = /^products\.(\d+)(\..*)?$/.exec(path);
    const formIndex = m ? positions[Number(m[1])] : undefined;
    out[m && formIndex !== undefined ? `products.${formIndex}${m[2] ?? ''}` : path] = message;
  }
  return out;
}

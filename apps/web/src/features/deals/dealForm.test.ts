import { describe, expect, it } from 'vitest';
import { dealFormBody, dealFormFromRegistration, emptyDealForm, toFormErrors } from './dealForm';

const registration = {
  customer: {
    name: 'Công ty TNHH Sao Mai',
    domain: 'saomai.vn',
    country: 'VN',
    address: { line1: '12 Lê Lợi', city: 'Huế', postalCode: '530000' },
  },
  contact: { firstName: 'Lan', lastName: 'Trần', email: 'lan@saomai.vn', title: 'CFO' },
  products: [
    { product: 'Firewall', quantity: 2, amount: { amountMinor: 125_050, currency: 'USD' } },
    { product: 'Support', quantity: 1, amount: { amountMinor: 3_000_000, currency: 'VND' } },
  ],
  expectedCloseDate: '2031-03-31',
  notes: 'Bình Dương warehouse',
};

describe('the registration form', () => {
  it('shows a registration as typed text (exact decimals per currency) and sends it back unchanged', () => {
    const values = dealFormFromRegistration(registration);
    expect(values.lines.map((l) => [l.product, l.quantity, l.amount, l.currency])).toEqual([
      ['Firewall', 2, '1250.50', 'USD'],
      ['Support', 1, '3000000', 'VND'],
    ]);
    const { body, badAmounts } = dealFormBody(values, 'EUR', registration);
    expect(badAmounts).toEqual([]);
    expect(body).toEqual({
      customer: registration.customer,
      contact: registration.contact,
      products: registration.products,
      expectedCloseDate: '2031-03-31',
      notes: 'Bình Dương warehouse',
    });
  });

  it('editing keeps what the form does not show, and clearing the contact sends null', () => {
    const values = { ...dealFormFromRegistration(registration), city: '', firstName: '', lastName: '', email: '' };
    const { body } = dealFormBody(values, 'EUR', registration);
    expect(body.customer.address).toEqual({ line1: '12 Lê Lợi', postalCode: '530000' });
    expect(body.contact).toBeNull();
  });

  it('leaves empty lines out, uses the base currency, and names the form line of a bad amount', () => {
    const values = emptyDealForm();
    values.lines = [
      { key: 'a', product: '', quantity: 1, amount: '', currency: null },
      { key: 'b', product: 'Router', quantity: '3', amount: '12,5', currency: null },
      { key: 'c', product: 'Switch', quantity: 1, amount: '1.234', currency: 'EUR' },
    ];
    const { body, positions, badAmounts } = dealFormBody(values, 'EUR');
    expect(body.products).toEqual([
      { product: 'Router', quantity: 3, amount: { amountMinor: 1250, currency: 'EUR' } },
      { product: 'Switch', quantity: 1, amount: { amountMinor: 0, currency: 'EUR' } },
    ]);
    expect(positions).toEqual([1, 2]);
    expect(badAmounts).toEqual(['products.2.amount.amountMinor']);
    expect(body.contact).toBeNull();
    expect(body.expectedCloseDate).toBeNull();
  });

  it("maps the API's product indexes back to the form's lines", () => {
    expect(
      toFormErrors(
        { 'products.0.product': 'required', 'products.1.amount.currency': 'bad', 'customer.name': 'x' },
        [1, 3],
      ),
    ).toEqual({ 'products.1.product': 'required', 'products.3.amount.currency': 'bad', 'customer.name': 'x' });
    expect(toFormErrors({ products: 'at least one product line is required' }, [])).toEqual({
      products: 'at least one product line is required',
    });
  });
});

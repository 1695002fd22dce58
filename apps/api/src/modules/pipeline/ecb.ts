/**
 * C6: the ECB euro foreign exchange reference rates, as published in eurofxref-daily.xml and
 * eurofxref-hist.xml: `<Cube><Cube time="YYYY-MM-DD"><Cube currency="USD" rate="1.0823"/>…</Cube>…</Cube>`
 * inside a gesmes envelope. Every rate is 1 EUR = rate units of the currency. The reader checks that the
 * file is well-formed XML (a small tokenizer: the format has no DTDs, CDATA or entities worth supporting)
 * and that every day and rate is valid; it fails with the line of the first problem, never half-reads.
 */
export type EcbDay = { date: string; rates: { currency: string; rate: string }[] };

/** A day being read: its currencies so far, and the stack depth its <Cube time> opened at. */
type OpenDay = EcbDay & { currencies: Set<string>; depth: number };

export class EcbFormatError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
  ) {
    super(line === null ? message : `line ${line}: ${message}`);
  }
}

const TOKEN =
  /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)/y;
const ATTR = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const RATE = /^\d{1,12}(\.\d{1,12})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(d: string): boolean {
  return DATE.test(d) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

export function parseEcbXml(text: string): EcbDay[] {
  const xml = text.replace(/^\uFEFF/, '');
  if (!xml.trim()) throw new EcbFormatError('the file is empty', null);
  const days: EcbDay[] = [];
  const seenDates = new Set<string>();
  const stack: { name: string; line: number }[] = [];
  let day: OpenDay | null = null;
  let line = 1;
  let rootSeen = false;
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < xml.length) {
    const start = TOKEN.lastIndex;
    const m = TOKEN.exec(xml);
    if (!m || m.index !== start) throw new EcbFormatError('not well-formed XML (an unreadable tag)', line);
    const [whole, closing, name, attrText, selfClosing, textNode] = m;
    if (textNode !== undefined) {
      if (stack.length === 0 && textNode.trim()) throw new EcbFormatError('text outside the root element', line);
    } else if (name !== undefined) {
      if (closing) {
        const open = stack.pop();
        if (!open || open.name !== name)
          throw new EcbFormatError(
            `not well-formed XML: </${name}> does not close ${open ? `<${open.name}>` : 'anything'}`,
            line,
          );
        if (localName(name) === 'Cube' && day && stack.length < day.depth) day = closeDay(day, days);
      } else {
        if (stack.length === 0) {
          if (rootSeen) throw new EcbFormatError('a second root element', line);
          rootSeen = true;
        }
        const attrs: Record<string, string> = {};
        for (const a of (attrText ?? '').matchAll(ATTR)) attrs[localName(a[1] ?? '')] = a[2] ?? a[3] ?? '';
        if (localName(name) === 'Cube') {
          if (attrs.time !== undefined) {
            if (day) throw new EcbFormatError('a <Cube time> inside another day', line);
            if (!validDate(attrs.time)) throw new EcbFormatError(`time="${attrs.time}" is not a date YYYY-MM-DD`, line);
            if (seenDates.has(attrs.time)) throw new EcbFormatError(`the day ${attrs.time} appears twice`, line);
            seenDates.add(attrs.time);
            day = { date: attrs.time, rates: [], currencies: new Set(), depth: stack.length + 1 };
            if (selfClosing) day = closeDay(day, days);
          } else if (attrs.currency !== undefined || attrs.rate !== undefined) {
            if (!day) throw new EcbFormatError('a rate outside a <Cube time="…"> day', line);
            const currency = attrs.currency ?? '';
            const rate = attrs.rate ?? '';
            if (!/^[A-Z]{3}$/.test(currency))
              throw new EcbFormatError(`currency="${currency}" is not an ISO 4217 code`, line);
            if (!RATE.test(rate) || !/[1-9]/.test(rate))
              throw new EcbFormatError(`rate="${rate}" for ${currency} is not a positive decimal`, line);
            if (currency === 'EUR')
              throw new EcbFormatError('EUR is the base of every ECB rate, not a quoted currency', line);
            if (day.currencies.has(currency))
              throw new EcbFormatError(`${currency} appears twice on ${day.date}`, line);
            day.currencies.add(currency);
            day.rates.push({ currency, rate });
          }
        }
        if (!selfClosing) stack.push({ name, line });
      }
    }
    for (let i = whole.indexOf('\n'); i !== -1; i = whole.indexOf('\n', i + 1)) line++;
  }
  const open = stack.at(-1);
  if (open) throw new EcbFormatError(`not well-formed XML: <${open.name}> is never closed`, open.line);
  if (!rootSeen) throw new EcbFormatError('no XML element found', null);
  if (days.length === 0)
    throw new EcbFormatError('no exchange-rate days (<Cube time="…">) found: is this an ECB eurofxref file?', null);
  return days;
}

function closeDay(day: OpenDay, days: EcbDay[]): null {
  days.push({ date: day.date, rates: day.rates });
  return null;
}

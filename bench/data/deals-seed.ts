// The deal-registration bench's data (C4), added to the read bench's workspace A: 1,000,000 customer
// accounts, 200,000 active registrations of other partners and the bench partner's drafts, each with
// its match profile and blocking keys computed by the app's own functions (prepareRecord,
// blockingKeys, registrationMatchInput, addressText), so the bench measures the real design. Rows
// stream through COPY while they are generated; the tables' indexes and constraints are dropped for
// the load and rebuilt afterwards (as pg_restore does), then the tables are vacuumed and analysed.
import type pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { searchKey } from '../../apps/api/src/lib/search-key';
import { addressText, registrationMatchInput } from '../../apps/api/src/modules/deals/deal.policy';
import {
  blockingKeys,
  type PreparedRecord,
  prepareRecord,
  queryKeys,
} from '../../apps/api/src/modules/deals/matching/index';
import { copyText, psqlCopyLines, withClient } from '../lib/pg';
import { type GeneratedCustomer, generateCustomer, typoOf } from './accounts';
import { rng } from './names';
import type { Fixture } from './seed';

export type DealFixture = {
  accounts: number;
  registrations: number;
  keyRows: number;
  /** The bench partner's drafts, each ready to submit (contact, product, close date). */
  draftIds: string[];
  /** Conflict-hint request bodies as a partner types them: existing customers, look-alikes, new ones. */
  hintBodies: string[];
  /** Hint probes with a known answer, for the recall-at-scale check. */
  probes: { kind: 'existing' | 'typo'; body: string }[];
  seconds: { accounts: number; registrations: number; indexes: number; vacuum: number };
};

const rowLine = (values: (string | number | boolean | null | undefined)[]) => `${values.map(copyText).join('\t')}\n`;

const addressOf = (c: GeneratedCustomer) => ({
  line1: c.address.line1,
  city: c.address.city,
  postalCode: c.address.postalCode,
});

/**
 * Drops a table's indexes and foreign keys before a bulk load and returns what rebuilds them; primary
 * and unique keys go too unless other tables' foreign keys depend on them (keepKeys). An index that any
 * constraint uses — its own table's, or another table's foreign key referencing it — stays.
 */
async function dropIndexes(client: pg.Client, table: string, keepKeys = false): Promise<() => Promise<void>> {
  const cons = await client.query<{ name: string; def: string; type: string }>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS def, contype AS type FROM pg_constraint
     WHERE conrelid = $1::regclass AND contype = ANY($2::"char"[]) ORDER BY contype DESC`,
    [table, keepKeys ? ['f'] : ['p', 'u', 'f']],
  );
  const idx = await client.query<{ name: string; def: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
     WHERE x.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)`,
    [table],
  );
  for (const i of idx.rows) await client.query(`DROP INDEX "${i.name}"`);
  for (const c of cons.rows) await client.query(`ALTER TABLE ${table} DROP CONSTRAINT "${c.name}"`);
  return async () => {
    // Primary and unique keys first (foreign keys of other tables may need them), then foreign keys.
    for (const c of [...cons.rows].sort((a, b) => (a.type === 'f' ? 1 : 0) - (b.type === 'f' ? 1 : 0))) {
      await client.query(`ALTER TABLE ${table} ADD CONSTRAINT "${c.name}" ${c.def}`);
    }
    for (const i of idx.rows) await client.query(i.def);
  };
}

export async function seedDealBench(
  url: string,
  fixture: Fixture,
  opts: { accounts: number; registrations: number; drafts: number; log: (l: string) => void },
): Promise<DealFixture> {
  const ws = fixture.workspaceId;
  // Customer numbers: accounts [0, A), registrations [A, A+R), then the drafts' and the hint's new names
  // (generateCustomer's name space holds ≥ 1.4M distinct names, so these never repeat an account's).
  const NEW_BASE = opts.accounts + opts.registrations;
  const ownPartner = fixture.partnerUser.partnerId;
  const otherPartners = fixture.partnerIds.filter((id) => id !== ownPartner).slice(0, 3000);
  const now = Date.now();
  const day = 86_400_000;
  let keyRows = 0;
  const seconds = { accounts: 0, registrations: 0, indexes: 0, vacuum: 0 };

  return withClient(url, async (client) => {
    const users = await client.query<{ id: string; email: string }>(
      `SELECT id, email FROM users WHERE email = ANY($1::text[])`,
      [[fixture.channelManager.email, fixture.partnerUser.email, 'cm.apac@bench.example']],
    );
    const byEmail = new Map(users.rows.map((u) => [u.email, u.id]));
    const puId = byEmail.get(fixture.partnerUser.email);
    if (!puId) throw new Error('the bench partner user is missing');
    const owners = [byEmail.get(fixture.channelManager.email), byEmail.get('cm.apac@bench.example'), null];
    // C4 program rules: auto-approval on for every tier, so submits without a conflict are approved at once.
    await client.query(
      `INSERT INTO deal_settings (workspace_id, settings) VALUES ($1, $2)
       ON CONFLICT (workspace_id) DO UPDATE SET settings = EXCLUDED.settings`,
      [
        ws,
        JSON.stringify({
          conflictThreshold: 0.8,
          hintThreshold: 0.5,
          autoApprove: { enabled: true, minTierRank: null, maxAmountMinor: null },
          reviewReminderHours: 48,
          defaultProtectionDays: 90,
          extensionDays: 30,
          maxExtensions: 1,
        }),
      ],
    );
    await client.query(`SET maintenance_work_mem = '1GB'`);
    const restoreKeys = await dropIndexes(client, 'deal_match_keys');
    const restoreAccounts = await dropIndexes(client, 'customer_accounts', true);
    const restoreDeals = await dropIndexes(client, 'deal_registrations', true);

    const keyLines: string[] = [];
    // The compact-name keys of the named accounts (every 50th), which the bench partner's drafts avoid.
    const namedKeys = new Set<string>();
    const keysOf = (kind: string, id: string, partnerId: string | null, profile: PreparedRecord) => {
      for (const k of blockingKeys(profile)) keyLines.push(rowLine([ws, k, kind, id, partnerId]));
    };

    // Accounts, as createAccount writes them; their keys are buffered per chunk into a second COPY.
    let t = performance.now();
    const CHUNK = 100_000;
    for (let from = 0; from < opts.accounts; from += CHUNK) {
      keyLines.length = 0;
      const to = Math.min(opts.accounts, from + CHUNK);
      function* accountRows(): Generator<string> {
        for (let i = from; i < to; i++) {
          const c = generateCustomer(i);
          const id = uuidv7();
          const domains = c.domain ? [c.domain] : [];
          const address = addressOf(c);
          const profile = prepareRecord({ name: c.name, domains, country: c.country, address: addressText(address) });
          keysOf('account', id, null, profile);
          if (i % 50 === 0) namedKeys.add(`n:${profile.name.compact}`);
          const at = new Date(now - 900 * day + Math.floor((900 * day * i) / opts.accounts)).toISOString();
          yield rowLine([
            ws,
            id,
            c.name,
            `{${domains.map((d) => `"${d}"`).join(',')}}`,
            c.country,
            JSON.stringify(address),
            owners[i % owners.length] ?? null,
            i % 50 === 0,
            searchKey(`${c.name} ${domains.join(' ')}`),
            JSON.stringify(profile),
            at,
            at,
          ]);
        }
      }
      await psqlCopyLines(
        url,
        `COPY customer_accounts (workspace_id, id, name, domains, country, address, owner_user_id, named_account,
           search_name, match_profile, created_at, updated_at) FROM STDIN`,
        accountRows(),
      );
      keyRows += await psqlCopyLines(
        url,
        'COPY deal_match_keys (workspace_id, key, source_kind, source_id, partner_id) FROM STDIN',
        keyLines,
      );
      opts.log(`    accounts ${to.toLocaleString('en-US')} (${((performance.now() - t) / 1000).toFixed(0)} s)`);
    }
    seconds.accounts = (performance.now() - t) / 1000;

    // Registrations: active ones of many other partners (keyed), then the bench partner's drafts (no keys:
    // a draft holds no customer until it is submitted).
    t = performance.now();
    keyLines.length = 0;
    const draftIds: string[] = [];
    const r = rng(4242);
    type Reg = {
      customer: GeneratedCustomer;
      name: string;
      partnerId: string;
      status: 'submitted' | 'approved' | 'draft';
    };
    function* registrationRows(): Generator<string> {
      const total = opts.registrations + opts.drafts;
      for (let n = 0; n < total; n++) {
        const draft = n >= opts.registrations;
        let reg: Reg;
        if (!draft) {
          // One in eight names a customer direct sales already has (the conflicts a vendor sees).
          const existing = n % 8 === 0;
          const customer = generateCustomer(existing ? (n * 7919) % opts.accounts : opts.accounts + n);
          reg = {
            customer,
            name: customer.name,
            partnerId: otherPartners[n % otherPartners.length] as string,
            status: n % 5 < 3 ? 'approved' : 'submitted',
          };
        } else {
          // The bench partner's drafts: mostly new customers, some existing ones and look-alikes.
          const k = n - opts.registrations;
          const roll = k % 10;
          // Never a named account (every 50th): partners may not register those, submit answers 422 (C4).
          const existingNo = (k * 104_729) % opts.accounts;
          const customer =
            roll < 3
              ? generateCustomer(existingNo % 50 === 0 ? (existingNo + 1) % opts.accounts : existingNo)
              : generateCustomer(NEW_BASE + k);
          const name = roll === 2 ? typoOf(customer, r) : customer.name;
          // Nor one whose name (or a one-letter variant of it, as the check probes) is a named account's:
          // a typo or a legal-form-free name can land on another customer that is one. A new name instead.
          const reserved = queryKeys(prepareRecord({ name })).some((key) => namedKeys.has(key));
          const fresh = reserved ? generateCustomer(NEW_BASE + k) : customer;
          reg = { customer: fresh, name: reserved ? fresh.name : name, partnerId: ownPartner, status: 'draft' };
        }
        const id = uuidv7();
        if (draft) draftIds.push(id);
        const c = reg.customer;
        const contact = {
          firstName: 'Lan',
          lastName: 'Nguyễn',
          ...(c.domain ? { email: `buyer@${c.domain}` } : {}),
          title: 'IT Manager',
        };
        const values = {
          customerName: reg.name,
          customerDomain: c.domain,
          customerCountry: c.country,
          customerAddress: addressOf(c),
          contact,
        };
        const profile = prepareRecord(registrationMatchInput(values));
        if (!draft) keysOf('registration', id, reg.partnerId, profile);
        const amount = 1_000_00 * (1 + (n % 200));
        const created = new Date(now - (draft ? 1 : 1 + (n % 80)) * day);
        const submitted = draft ? null : new Date(created.getTime() + 3_600_000).toISOString();
        const approved = reg.status === 'approved';
        yield rowLine([
          ws,
          id,
          reg.partnerId,
          reg.status,
          values.customerName,
          values.customerDomain,
          values.customerCountry,
          JSON.stringify(values.customerAddress),
          JSON.stringify(contact),
          JSON.stringify([
            { product: 'Cloud platform subscription', quantity: 1, amount: { amountMinor: amount, currency: 'USD' } },
          ]),
          amount,
          'USD',
          new Date(now + 120 * day).toISOString().slice(0, 10),
          JSON.stringify(profile),
          'none',
          approved,
          submitted,
          submitted,
          approved ? submitted : null,
          approved ? new Date(now + 60 * day).toISOString() : null,
          draft ? puId : null,
          created.toISOString(),
          created.toISOString(),
        ]);
      }
    }
    await psqlCopyLines(
      url,
      `COPY deal_registrations (workspace_id, id, partner_id, status, customer_name, customer_domain, customer_country,
         customer_address, contact, products, total_amount_minor, total_currency, expected_close_date, match_profile,
         conflict_flag, auto_approved, submitted_at, first_submitted_at, decided_at, protected_until, created_by,
         created_at, updated_at) FROM STDIN`,
      registrationRows(),
    );
    keyRows += await psqlCopyLines(
      url,
      'COPY deal_match_keys (workspace_id, key, source_kind, source_id, partner_id) FROM STDIN',
      keyLines,
    );
    keyLines.length = 0;
    seconds.registrations = (performance.now() - t) / 1000;

    t = performance.now();
    await restoreAccounts();
    await restoreDeals();
    await restoreKeys();
    seconds.indexes = (performance.now() - t) / 1000;
    t = performance.now();
    // Index-only scans of the key index need the visibility map a VACUUM writes (autovacuum does it in
    // production); ANALYZE gives the planner the key frequencies.
    await client.query('VACUUM ANALYZE customer_accounts, deal_registrations, deal_match_keys');
    seconds.vacuum = (performance.now() - t) / 1000;

    // What partners type into the registration form, as the live hint sees it while they type.
    const hintBodies: string[] = [];
    const probes: DealFixture['probes'] = [];
    const hr = rng(777);
    for (let k = 0; k < 6000; k++) {
      const roll = k % 10;
      const existing = roll < 4;
      const c = existing
        ? generateCustomer(Math.floor(hr() * opts.accounts))
        : generateCustomer(NEW_BASE + opts.drafts + k);
      let name = roll < 3 ? c.name : roll === 3 ? typoOf(c, hr) : c.name;
      // A third of the calls fire mid-word, while the name is still being typed.
      if (k % 3 === 1) {
        const chars = Array.from(name);
        name = chars.slice(0, Math.max(4, Math.ceil(chars.length * (0.6 + 0.3 * hr())))).join('');
      }
      const body = JSON.stringify({
        name,
        ...(k % 2 === 0 && c.domain ? { domain: c.domain } : {}),
        country: c.country,
        ...(k % 4 === 0 ? { address: addressOf(c) } : {}),
      });
      hintBodies.push(body);
    }
    // Recall at scale: full names of existing accounts, and one-typo look-alikes, without a domain.
    for (let k = 0; k < 200; k++) {
      const c = generateCustomer(Math.floor(hr() * opts.accounts));
      const typo = k % 2 === 1;
      probes.push({
        kind: typo ? 'typo' : 'existing',
        body: JSON.stringify({ name: typo ? typoOf(c, hr) : c.name, country: c.country }),
      });
    }
    return {
      accounts: opts.accounts,
      registrations: opts.registrations,
      keyRows,
      draftIds,
      hintBodies,
      probes,
      seconds,
    };
  });
}

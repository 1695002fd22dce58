// The read floor: Fastify + a pg Pool + ONE prepared statement per route, nothing else (no auth, no
// scoping, no validation). Same paths as the API so the load generator sends identical requests.
import Fastify from 'fastify';
import pg from 'pg';
import { KEYED_STATES } from '../../apps/api/src/modules/deals/deal.policy';
import { KEY_STOP_COUNT, MAX_CANDIDATES } from '../../apps/api/src/modules/deals/match-keys.repo';
import { prepareRecord, queryKeys } from '../../apps/api/src/modules/deals/matching/index';

const url = process.env.DATABASE_URL;
const workspaceId = process.env.WORKSPACE_ID;
if (!url || !workspaceId) throw new Error('DATABASE_URL and WORKSPACE_ID are required');

const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
const app = Fastify({ logger: false });

app.get<{ Params: { id: string } }>('/api/v1/partners/:id', async (req, reply) => {
  const res = await pool.query({
    name: 'partner_by_id',
    text: 'SELECT * FROM partners WHERE id = $1',
    values: [req.params.id],
  });
  const row = res.rows[0];
  if (!row) return reply.code(404).send({ error: { code: 'not_found' } });
  return { partner: row };
});

app.get<{ Querystring: { limit?: string } }>('/api/v1/partners', async (req) => {
  const res = await pool.query({
    name: 'partner_page',
    text: 'SELECT * FROM partners WHERE workspace_id = $1 ORDER BY search_name, id LIMIT $2',
    values: [workspaceId, Math.min(Number(req.query.limit ?? 50), 200)],
  });
  return { data: res.rows, nextCursor: null };
});

// The lead inbox floor (bench/benches/leads.ts): one partner's newest leads, one prepared statement.
const leadPartnerId = process.env.LEAD_PARTNER_ID;
if (leadPartnerId) {
  app.get<{ Querystring: { limit?: string } }>('/api/v1/lead-inbox', async (req) => {
    const res = await pool.query({
      name: 'lead_inbox_page',
      text: 'SELECT * FROM leads WHERE workspace_id = $1 AND partner_id = $2 ORDER BY id DESC LIMIT $3',
      values: [workspaceId, leadPartnerId, Math.min(Number(req.query.limit ?? 50), 200)],
    });
    return { data: res.rows, nextCursor: null };
  });
}

// The conflict hint's own floor (bench/benches/deals.ts): what no implementation of the hint can skip —
// the typed text normalised into the keys the matcher probes (the app's own functions) and the one
// candidate statement (deal_conflict_candidates, migration 0011), with the same stop-list learning as
// match-keys.repo.ts. No session, no RLS scope (this pool logs in as the bench's superuser), no ranking.
const stopKeys = new Set<string>();
type HintBody = { name: string; domain?: string; email?: string; country?: string };
app.post<{ Body: HintBody }>('/api/v1/deal-registrations/conflict-hint', async (req) => {
  const b = req.body;
  const query = prepareRecord({
    name: b.name,
    domains: [b.domain, b.email].filter((d): d is string => Boolean(d)),
    country: b.country ?? null,
    address: null,
  });
  const res = await pool.query<{ kind: string; key: string | null }>({
    name: 'deal_hint_candidates',
    text: `SELECT kind, key FROM deal_conflict_candidates($1::uuid, $2::text[], $3::int, $4::int, $5::deal_status[], NULL, NULL)`,
    values: [
      workspaceId,
      queryKeys(query).filter((k) => !stopKeys.has(k)),
      KEY_STOP_COUNT,
      MAX_CANDIDATES,
      KEYED_STATES,
    ],
  });
  let candidates = 0;
  for (const r of res.rows) {
    if (r.kind === 'stop' && r.key) stopKeys.add(r.key);
    else if (r.kind !== 'settings') candidates++;
  }
  return { candidates };
});

app.get('/readyz', async () => {
  await pool.query('SELECT 1');
  return { status: 'ready' };
});

await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app
      .close()
      .then(() => pool.end())
      .finally(() => process.exit(0));
  });
}

// The read floor: Fastify + a pg Pool + ONE prepared statement per route, nothing else (no auth, no
// scoping, no validation). Same paths as the API so the load generator sends identical requests.
import Fastify from 'fastify';
import pg from 'pg';

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

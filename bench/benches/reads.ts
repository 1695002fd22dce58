// Bench 1: HTTP reads of the partner directory on PostgreSQL, against a Fastify + one-prepared-SELECT
// floor on the same database, same connections, same duration.
import type { Fixture } from '../data/seed';
import { getJson, signIn } from '../lib/http';
import { type LoadPlan, type LoadResult, loadPair, type Target } from '../lib/load';
import { AUTH_SECRET, type Child, CLI, freePort, spawnTsx, stop, tempDir, waitReady } from '../lib/procs';
import { makeRow, type Row } from '../lib/report';

export type ReadsOptions = {
  dbUrl: string;
  fixture: Fixture;
  plan: LoadPlan;
  poolSize: number;
  log: (line: string) => void;
  /** Also measure a channel manager whose session cookie cache has expired (informational). */
  coldSessionRow: boolean;
};

/** The pool logs in as trellis_app (DATABASE_APP_URL), as production must; migrations run as the owner. */
export function appUrl(dbUrl: string): string {
  const u = new URL(dbUrl);
  u.username = 'trellis_app';
  return u.toString();
}

export function apiEnv(dbUrl: string, port: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: dbUrl,
    DATABASE_APP_URL: appUrl(dbUrl),
    DATA_DIR: tempDir('trellis-bench-data-'),
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '1000000000',
    AUTH_SECRET,
    // BENCH_CPU_PROF_DIR=<dir>: every API process writes a V8 CPU profile there when it stops.
    ...(process.env.BENCH_CPU_PROF_DIR
      ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}` }
      : {}),
    ...extra,
  };
}

const note = (r: LoadResult) => {
  const codes = Object.entries(r.statusCodes)
    .filter(([c]) => !c.startsWith('2'))
    .map(([c, n]) => `${c}×${n}`)
    .join(' ');
  return `p50 ${r.p50} p99 ${r.p99} ms, ${r.non2xx} non-2xx${codes ? ` (${codes})` : ''}${r.errors ? `, ${r.errors} errors` : ''}`;
};
const busyNote = (r: LoadResult) =>
  r.backgroundCores >= 0.1 ? `  [other load ${r.backgroundCores.toFixed(2)} cores]` : '';

export async function readsBench(o: ReadsOptions): Promise<Row[]> {
  const { fixture, plan, log } = o;
  const apiPort = await freePort();
  const floorPort = await freePort();
  const api = spawnTsx(
    'api (postgres, JOBS=off)',
    CLI,
    ['start'],
    apiEnv(o.dbUrl, apiPort, {
      JOBS: 'off',
      DATABASE_POOL_SIZE: String(o.poolSize),
    }),
  );
  const floor = spawnTsx('floor server', 'bench/servers/floor.ts', [], {
    DATABASE_URL: o.dbUrl,
    PORT: String(floorPort),
    WORKSPACE_ID: fixture.workspaceId,
    DATABASE_POOL_SIZE: String(o.poolSize),
  });
  const apiBase = `http://127.0.0.1:${apiPort}`;
  const floorBase = `http://127.0.0.1:${floorPort}`;
  const children: Child[] = [api, floor];
  try {
    await Promise.all([waitReady(api, `${apiBase}/readyz`), waitReady(floor, `${floorBase}/readyz`)]);
    const own = fixture.partnerUser.partnerId;
    const manyIds = fixture.partnerIds.slice(0, 2000).map((id) => `/api/v1/partners/${id}`);
    const listPath = ['/api/v1/partners?limit=50'];

    // Probe first: the routes may not exist yet, and a wrong answer makes every figure meaningless.
    const pu = await signIn(apiBase, fixture.partnerUser.email, fixture.partnerUser.password);
    const cm = await signIn(apiBase, fixture.channelManager.email, fixture.channelManager.password);
    const probes = {
      singlePu: await getJson(apiBase, `/api/v1/partners/${own}`, { cookie: pu.cookie }),
      singleCm: await getJson(apiBase, manyIds[0] as string, { cookie: cm.cookie }),
      listPu: await getJson(apiBase, listPath[0] as string, { cookie: pu.cookie }),
      listCm: await getJson(apiBase, listPath[0] as string, { cookie: cm.cookie }),
      otherPartnerAsPu: await getJson(apiBase, manyIds[1] as string, { cookie: pu.cookie }),
    };
    const unavailable = (p: { status: number; text: string }) =>
      p.status >= 200 && p.status < 300 ? undefined : `route answered ${p.status}: ${p.text.slice(0, 160)}`;
    const listLen = (p: { body: unknown }) => {
      const data = (p.body as { data?: unknown[] } | undefined)?.data;
      return Array.isArray(data) ? data.length : -1;
    };
    // Wrong answers fail their row whatever the speed.
    const checks: Record<string, string> = {};
    if (!unavailable(probes.listPu) && listLen(probes.listPu) !== 1)
      checks['reads.list.partner_user'] =
        `partner_user list returned ${listLen(probes.listPu)} rows, expected exactly their own company`;
    if (!unavailable(probes.listCm) && listLen(probes.listCm) !== 50)
      checks['reads.list.channel_manager'] =
        `channel_manager list returned ${listLen(probes.listCm)} rows, expected 50`;
    if (probes.otherPartnerAsPu.status !== 404 && !unavailable(probes.singlePu))
      checks['reads.single.partner_user'] =
        `partner_user reading another partner got ${probes.otherPartnerAsPu.status}, expected 404`;
    for (const c of Object.values(checks)) log(`  check failed: ${c}`);

    const rows: Row[] = [];
    const singleFloor: Target = { base: floorBase, paths: manyIds, headers: {} };
    const listFloor: Target = { base: floorBase, paths: listPath, headers: {} };
    const scenario = async (
      id: string,
      label: string,
      login: { email: string; password: string },
      paths: string[],
      probe: { status: number; text: string },
      floorTarget: Target,
      goal: number,
      mutateCookie?: (cookie: string) => string,
    ) => {
      const problem = unavailable(probe);
      if (problem) {
        log(`  ${label}: skipped (${problem})`);
        rows.push(
          makeRow({
            id,
            bench: 'reads',
            label,
            unit: 'req/s',
            figure: null,
            floor: null,
            goal: { kind: 'ratio_min', value: goal },
            note: problem,
          }),
        );
        return;
      }
      // A fresh sign-in per scenario: the signed session-cache cookie lives 60 s, as in a browser.
      const session = await signIn(apiBase, login.email, login.password);
      const cookie = mutateCookie ? mutateCookie(session.cookie) : session.cookie;
      log(`  ${label} (interleaved with its floor)`);
      const { floor: f, figure: r } = await loadPair(
        floorTarget,
        { base: apiBase, paths, headers: { cookie } },
        plan,
        log,
      );
      log(`    API   ${Math.round(r.reqPerSec)} req/s  ${note(r)}`);
      log(`    floor ${Math.round(f.reqPerSec)} req/s  ${note(f)}${busyNote(f)}`);
      const bad =
        [r.non2xx > 0 || r.errors > 0 ? `${r.non2xx} non-2xx, ${r.errors} errors` : '', checks[id] ?? '']
          .filter(Boolean)
          .join('; ') || undefined;
      rows.push(
        makeRow({
          id,
          bench: 'reads',
          label,
          unit: 'req/s',
          figure: r.reqPerSec,
          floor: f.reqPerSec,
          figureNote: note(r),
          floorNote: note(f),
          goal: mutateCookie ? { kind: 'none' } : { kind: 'ratio_min', value: goal },
          extraFail: mutateCookie ? undefined : bad,
          backgroundCores: r.backgroundCores,
          details: { result: r, floor: f },
        }),
      );
    };
    const puPaths = [`/api/v1/partners/${own}`];
    await scenario(
      'reads.single.partner_user',
      'GET /partners/{id} as partner_user',
      fixture.partnerUser,
      puPaths,
      probes.singlePu,
      singleFloor,
      0.5,
    );
    await scenario(
      'reads.single.channel_manager',
      'GET /partners/{id} as channel_manager',
      fixture.channelManager,
      manyIds,
      probes.singleCm,
      singleFloor,
      0.5,
    );
    await scenario(
      'reads.list.partner_user',
      'GET /partners?limit=50 as partner_user',
      fixture.partnerUser,
      listPath,
      probes.listPu,
      listFloor,
      0.3,
    );
    await scenario(
      'reads.list.channel_manager',
      'GET /partners?limit=50 as channel_manager',
      fixture.channelManager,
      listPath,
      probes.listCm,
      listFloor,
      0.3,
    );
    if (o.coldSessionRow && !unavailable(probes.singleCm)) {
      await scenario(
        'reads.single.channel_manager.no_session_cache',
        'GET /partners/{id} as cm, session cache cookie expired',
        fixture.channelManager,
        manyIds,
        probes.singleCm,
        singleFloor,
        0.5,
        (cookie) =>
          cookie
            .split('; ')
            .filter((c) => !c.startsWith('trellis.session_data='))
            .join('; '),
      );
    }
    return rows;
  } finally {
    for (const c of children) await stop(c);
  }
}

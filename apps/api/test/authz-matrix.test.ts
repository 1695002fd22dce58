/*
 * The authorization matrix (ARCHITECTURE §3.6, C18, reliability-anchors AUTHZ-01…03): every route of
 * services.routes × every principal (the seven roles and anonymous) × {own record, another partner's,
 * another workspace's}. The expected status is derived from the route's declared auth and ROLE_PERMISSIONS:
 *
 *   anonymous on a non-public route                          401 unauthenticated
 *   a role without the declared permission (whatever the id) 403 forbidden
 *   a role with it, record out of scope                      404 not_found, the same body as a random id
 *   a role with it, record in scope                          2xx (or a documented 4xx in the fixture)
 *   lists                                                    2xx and no row of another partner/workspace
 *
 * Refused writes leave their record unchanged. authz-fixtures.ts says how to build each request; a route
 * without an entry there fails the first test below.
 */
import { can, type Role } from '@trellis/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMembership, ensureUser } from '../src/modules/people/bootstrap';
import type { RouteEntry } from '../src/platform/route-guard';
import {
  buildWorld,
  type Case,
  isVisible,
  type ListCheck,
  nextIp,
  PRINCIPALS,
  PROBES,
  type Principal,
  placeRows,
  type RequestSpec,
  ROUTE_FIXTURES,
  type RouteFixture,
  signInSession,
  snapshot,
  TARGETS,
  type Target,
  uniqueEmail,
  type World,
} from './authz-fixtures';
import { createTestApp, PASSWORD, type TestApp } from './harness';

let t: TestApp;
let world: World;
let routes: Map<string, RouteEntry>;

/** Documentation routes are public by construction (route-guard DOC_PREFIXES) and carry no data. */
const DOCS = ['/api/docs', '/api/openapi.json'];
const keyOf = (r: RouteEntry) => `${r.method} ${r.url}`;

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t);
  routes = new Map(
    t.services.routes.filter((r) => !DOCS.some((d) => r.url.startsWith(d))).map((r) => [keyOf(r), r] as const),
  );
});
afterAll(async () => t?.close());

const targetsOf = (fx: RouteFixture): readonly (Target | null)[] => fx.targets ?? (fx.targetIn ? TARGETS : [null]);

function expectedStatus(route: RouteEntry, fx: RouteFixture, c: Case): number {
  if (route.auth === 'public') return fx.publicStatus ?? fx.ok ?? 200;
  if (c.principal === 'anonymous') return 401;
  if (route.auth !== 'session' && !can(c.principal, route.auth)) return 403;
  if (!isVisible(c, fx.visibility ?? 'tenant'))
    return fx.targetIn === 'query' ? (fx.ok ?? 200) : (fx.outOfScope ?? 404);
  return fx.allowed?.(c) ?? fx.ok ?? 200;
}

async function send(route: RouteEntry, req: RequestSpec, principal: Principal): Promise<LightMyRequestResponse> {
  let url = route.url.replace(/:(\w+)/g, (_m, name: string) => {
    const value = req.params?.[name];
    if (!value) throw new Error(`the fixture gives no value for :${name} of ${keyOf(route)}`);
    return encodeURIComponent(value);
  });
  if (req.query) {
    url += `?${new URLSearchParams(Object.entries(req.query).map(([k, v]): [string, string] => [k, String(v)])).toString()}`;
  }
  let headers: Record<string, string> = {};
  if (principal !== 'anonymous') {
    const shared = world.sessions[principal];
    headers = req.freshSession ? (await signInSession(t.app, shared.email)).headers : shared.headers;
  }
  return t.app.inject({ method: route.method as 'GET', url, remoteAddress: nextIp(), ...payloadOf(req, headers) });
}

/** The body and headers to send: JSON, or a raw (multipart) payload with its content type. */
function payloadOf(req: RequestSpec, headers: Record<string, string>) {
  if (req.raw) return { headers: { ...headers, 'content-type': req.raw.contentType }, payload: req.raw.payload };
  return { headers, ...(req.body === undefined ? {} : { payload: req.body as object }) };
}

const json = (res: LightMyRequestResponse): Record<string, unknown> => {
  if (!res.body) return {};
  try {
    return res.json();
  } catch {
    return { raw: res.body.slice(0, 200) };
  }
};
const errorOf = (body: Record<string, unknown>) => (body.error ?? {}) as Record<string, unknown>;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** An error without its request id and with every id replaced, for comparing two answers. */
const anonymise = (e: Record<string, unknown>) => {
  const { requestId: _ignored, ...rest } = e;
  return JSON.parse(JSON.stringify(rest).replace(UUID, '<id>'));
};

async function checkList(list: ListCheck, c: Case, res: LightMyRequestResponse): Promise<void> {
  let ids: string[];
  if (list.idsFromText) ids = list.idsFromText(res.body);
  else {
    const data = json(res).data as { id: string }[] | undefined;
    expect(Array.isArray(data), 'a list answers { data: [...] }').toBe(true);
    ids = (data ?? []).map((r) => r.id);
  }
  const userId = c.principal === 'anonymous' ? null : world.sessions[c.principal].userId;
  const placed = await placeRows(world, list, ids, userId);
  const partnerPrincipal = c.principal === 'partner_admin' || c.principal === 'partner_user';
  const leaks: string[] = [];
  for (const id of ids) {
    const p = placed.get(id);
    if (!p) leaks.push(`${id}: not a row of ${list.table} this principal could own`);
    else if (p.workspaceId !== world.A) leaks.push(`${id}: a row of workspace B`);
    else if (partnerPrincipal && list.partnerColumn && p.partnerId !== world.P1) {
      leaks.push(`${id}: a row of ${p.partnerId === world.P2 ? 'partner P2' : `partner ${p.partnerId}`}`);
    } else if (list.userColumn && p.userId !== userId) leaks.push(`${id}: another person's row`);
  }
  expect(leaks, `${list.table} rows outside the principal's scope`).toEqual([]);
  for (const must of list.mustInclude?.(c) ?? []) expect(ids, 'the visible fixture row is listed').toContain(must);
}

async function runCase(key: string, principal: Principal, target: Target | null): Promise<void> {
  const route = routes.get(key);
  if (!route) throw new Error(`${key} has a fixture but is not in the route table`);
  const fx = ROUTE_FIXTURES[key] as RouteFixture;
  const c: Case = { principal, target, place: target ? world.places[target] : null, world };
  const req = await fx.request(c);
  const want = expectedStatus(route, fx, c);
  const refused = want >= 400;
  const before = req.subject && refused ? await snapshot(world, req.subject) : undefined;
  if (req.subject && refused) expect(before, 'the target row exists before the request').not.toBeNull();

  const res = await send(route, req, principal);
  const body = json(res);
  expect(res.statusCode, `${key} × ${principal} × ${target ?? '-'} answered ${res.body.slice(0, 400)}`).toBe(want);

  if (want === 401) expect(errorOf(body).code).toBe('unauthenticated');
  if (want === 403) expect(errorOf(body).code).toBe('forbidden');
  const hidden = target !== null && !isVisible(c, fx.visibility ?? 'tenant') && fx.targetIn !== 'query';
  if (hidden && want === (fx.outOfScope ?? 404)) {
    if (want === 404) expect(errorOf(body).code).toBe('not_found');
    // AUTHZ-01: out of scope looks exactly like a record that does not exist.
    const variant = fx.missing
      ? fx.missing(c, req)
      : req.params?.id
        ? { ...req, params: { ...req.params, id: uuidv7() } }
        : undefined;
    expect(variant, 'the fixture says how to point the request at a missing id').toBeDefined();
    if (variant) {
      const missing = await send(route, variant, principal);
      expect(missing.statusCode).toBe(want);
      expect(anonymise(errorOf(json(missing)))).toEqual(anonymise(errorOf(body)));
    }
  }
  if (req.subject && refused)
    expect(await snapshot(world, req.subject), 'a refused request changes nothing').toEqual(before);
  if (want < 300) {
    if (fx.list) await checkList(fx.list, c, res);
    await fx.check?.(c, body);
  }
}

describe('the route table and the fixtures', () => {
  it('every route in services.routes has a fixture entry (a new route without one fails)', () => {
    const missing = [...routes.keys()].filter((k) => !(k in ROUTE_FIXTURES));
    expect(missing, 'add these routes to ROUTE_FIXTURES in apps/api/test/authz-fixtures.ts').toEqual([]);
  });

  it('every fixture entry names a route that exists', () => {
    const stale = Object.keys(ROUTE_FIXTURES).filter((k) => !routes.has(k));
    expect(stale, 'remove or rename these entries in ROUTE_FIXTURES').toEqual([]);
  });

  it('the table is not trivially small and every role is covered by ROLE_PERMISSIONS', () => {
    expect(routes.size).toBeGreaterThan(15);
    for (const principal of PRINCIPALS) {
      if (principal === 'anonymous') continue;
      expect(() => can(principal as Role, 'workspace.read')).not.toThrow();
    }
    const size = Object.values(ROUTE_FIXTURES).reduce((n, fx) => n + PRINCIPALS.length * targetsOf(fx).length, 0);
    console.info(
      `authorization matrix: ${routes.size} routes × ${PRINCIPALS.length} principals × up to ${TARGETS.length} targets = ${size} cases`,
    );
  });
});

describe.each(Object.keys(ROUTE_FIXTURES))('%s', (key) => {
  const fx = ROUTE_FIXTURES[key] as RouteFixture;
  const cases = PRINCIPALS.flatMap((p) => targetsOf(fx).map((target) => [p, target ?? '-'] as const));
  it.each(cases)('%s × %s', async (principal, target) => {
    await runCase(key, principal, target === '-' ? null : target);
  });
});

describe('a workspace named in X-Workspace-Id that the person does not belong to', () => {
  it('is 403 on every permission route, for every role, before any data is read', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const [key, route] of routes) {
      if (route.auth === 'public' || route.auth === 'session') continue;
      const fx = ROUTE_FIXTURES[key];
      if (!fx) continue;
      for (const principal of PRINCIPALS) {
        if (principal === 'anonymous') continue;
        const target = targetsOf(fx)[0] ?? null;
        const c: Case = { principal, target, place: target ? world.places[target] : null, world };
        const req = await fx.request(c);
        const res = await t.app.inject({
          method: route.method as 'GET',
          url: route.url.replace(/:(\w+)/g, (_m, name: string) => req.params?.[name] ?? uuidv7()),
          remoteAddress: nextIp(),
          ...payloadOf(req, { ...world.sessions[principal].headers, 'x-workspace-id': world.B }),
        });
        checked++;
        if (res.statusCode !== 403 || res.body.includes(world.B))
          wrong.push(`${key} × ${principal}: ${res.statusCode}`);
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect(wrong).toEqual([]);
  });
});

describe('references in bodies and filters, escalation and mass assignment', () => {
  it.each(PROBES.map((p) => [p.name, p] as const))('%s', async (_name, probe) => {
    const req = await probe.request(world);
    const before = req.subject ? await snapshot(world, req.subject) : undefined;
    const res = await t.app.inject({
      method: probe.method,
      url: req.url,
      remoteAddress: nextIp(),
      ...payloadOf({ body: req.body, raw: req.raw }, world.sessions[probe.principal].headers),
    });
    expect(res.statusCode, res.body.slice(0, 400)).toBe(probe.status);
    if (req.subject) expect(await snapshot(world, req.subject), 'nothing changed').toEqual(before);
    probe.after?.(world, json(res));
  });
});

describe('a suspended person (session issued before the suspension)', () => {
  it('loses access at once when their membership is deactivated, and regains it when re-activated', async () => {
    const email = uniqueEmail('suspended');
    const userId = await ensureUser(t.services, { email, name: 'Soon suspended', password: PASSWORD });
    const membershipId = await addMembership(t.services, {
      workspaceId: world.A,
      userId,
      role: 'partner_user',
      partnerId: world.P1,
    });
    const session = await signInSession(t.app, email);
    const get = (url: string) =>
      t.app.inject({ method: 'GET', url, headers: session.headers, remoteAddress: nextIp() });
    expect((await get(`/api/v1/partners/${world.P1}`)).statusCode).toBe(200);

    const setStatus = (status: string) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/v1/members/${membershipId}`,
        headers: world.sessions.admin.headers,
        payload: { status },
        remoteAddress: nextIp(),
      });
    expect((await setStatus('deactivated')).statusCode).toBe(200);
    for (const url of [`/api/v1/partners/${world.P1}`, '/api/v1/partners', '/api/v1/contacts', '/api/v1/workspace']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(403);
      expect(res.body).not.toContain(world.P1);
    }
    expect((await setStatus('active')).statusCode).toBe(200);
    expect((await get(`/api/v1/partners/${world.P1}`)).statusCode).toBe(200);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DatabaseLockedError, openDatabase } from '../src/db/client';
import { inScope } from '../src/db/scope';
import { ActorResolver } from '../src/platform/actors';
import { createTestApp, engine, seedWorkspace, type TestApp } from './harness';

let t: TestApp;
let ws: Awaited<ReturnType<typeof seedWorkspace>>;

beforeAll(async () => {
  t = await createTestApp();
  ws = await seedWorkspace(t);
});
afterAll(async () => t?.close());

describe('API conventions', () => {
  it('answers malformed JSON with 400 bad_request in the one error shape, with a request id', async () => {
    const res = await ws.people.admin.request({
      method: 'PATCH',
      url: '/api/v1/me',
      payload: '{"name": "x",',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message).toMatch(/JSON/);
    expect(body.error.requestId).toBe(res.headers['x-request-id']);
  });

  it('lists every invalid field: wrong types, unknown fields, over-long strings, unknown enum values', async () => {
    const res = await ws.people.admin.patch('/api/v1/workspace', {
      name: 'x'.repeat(500),
      baseCurrency: 42,
      defaultLocale: 'klingon',
      colour: 'blue',
    });
    expect(res.statusCode).toBe(422);
    const issues = res.json().error.details.issues as { path: string; message: string }[];
    const paths = issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.baseCurrency', 'body.defaultLocale']));
    expect(issues.some((i) => /colour/.test(i.message) || i.path.includes('colour'))).toBe(true);
    const after = (await ws.people.admin.get('/api/v1/workspace')).json().workspace;
    expect(after.name).not.toBe('x'.repeat(500));
  });

  it('refuses a body that is not JSON and one that is too large', async () => {
    const text = await ws.people.admin.request({
      method: 'PATCH',
      url: '/api/v1/me',
      payload: 'name=x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.statusCode).toBe(415);
    expect(text.json().error.code).toBe('unsupported_media_type');
    const big = await ws.people.admin.patch('/api/v1/me', { name: 'x'.repeat(2 * 1024 * 1024) });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('payload_too_large');
  });

  it('uses 404 not_found for unknown routes and echoes a caller-chosen request id', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/nope',
      headers: { 'x-request-id': 'trace-12345678' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'not_found', requestId: 'trace-12345678' });
  });

  it('serves an OpenAPI 3.1 document where every operation has an id, and the interactive docs', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.values(doc.paths as Record<string, Record<string, { operationId?: string }>>).flatMap(
      (p) => Object.values(p),
    );
    expect(operations.length).toBeGreaterThan(10);
    expect(operations.filter((o) => !o.operationId)).toEqual([]);
    expect(doc.paths['/api/v1/invitations'].post).toBeDefined();
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toMatch(/html/);
  });

  it('reports liveness and readiness', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready', engine });
  });

  it('sends security headers on every response, errors included', async () => {
    for (const url of ['/healthz', '/api/v1/partners', '/api/v1/no-such-route']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
      expect(res.headers['content-security-policy'], url).toContain("script-src 'self'");
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security'], url).toMatch(/max-age=\d+/);
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy'], url).toBe('same-origin');
      expect(res.headers['x-powered-by'], url).toBeUndefined();
    }
  });
});

describe('who is asking: the actor resolver', () => {
  const viewer = () => ({ id: ws.people.viewer.userId, email: ws.people.viewer.email, name: 'Viewer' });
  const setRole = (role: string) =>
    inScope(t.services.db, { workspaceId: ws.workspaceId, userId: null, partnerId: null, kind: 'vendor' }, (tx) =>
      tx.execute(
        sql`UPDATE memberships SET role = ${role} WHERE workspace_id = ${ws.workspaceId} AND user_id = ${viewer().id}`,
      ),
    );

  it('looks a person up once for many concurrent requests, and again after invalidation', async () => {
    const resolver = new ActorResolver(t.services.db);
    const load = vi.spyOn(resolver as unknown as { load: () => Promise<unknown> }, 'load');
    const actors = await Promise.all(Array.from({ length: 10 }, () => resolver.resolve(viewer(), ws.workspaceId)));
    expect(load).toHaveBeenCalledTimes(1);
    expect(new Set(actors.map((a) => a?.role))).toEqual(new Set(['viewer']));
    await resolver.resolve(viewer(), ws.workspaceId);
    expect(load).toHaveBeenCalledTimes(1);
    resolver.invalidate(viewer().id);
    await resolver.resolve(viewer(), ws.workspaceId);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('a lookup that read before a change and finishes after it does not overwrite the newer answer', async () => {
    const resolver = new ActorResolver(t.services.db);
    type Load = (...args: unknown[]) => Promise<{ role: string } | null>;
    const target = resolver as unknown as { load: Load };
    const realLoad = target.load.bind(resolver);
    let readOld!: () => void;
    const oldRead = new Promise<void>((resolve) => {
      readOld = resolve;
    });
    let finishOld!: () => void;
    const oldMayFinish = new Promise<void>((resolve) => {
      finishOld = resolve;
    });
    let calls = 0;
    vi.spyOn(target, 'load').mockImplementation(async (...args) => {
      const first = ++calls === 1;
      const actor = await realLoad(...args);
      if (first) {
        readOld();
        await oldMayFinish;
      }
      return actor;
    });
    try {
      const early = resolver.resolve(viewer(), ws.workspaceId);
      await oldRead;
      await setRole('marketing');
      resolver.invalidate(viewer().id);
      expect((await resolver.resolve(viewer(), ws.workspaceId))?.role).toBe('marketing');
      finishOld();
      expect((await early)?.role).toBe('viewer');
      // The early lookup finished last, with what it read before the change; the cache kept the newer answer.
      expect((await resolver.resolve(viewer(), ws.workspaceId))?.role).toBe('marketing');
      expect(calls).toBe(2);
    } finally {
      await setRole('viewer');
    }
  });
});

describe('PGlite data directory (whatever engine the suite runs on)', () => {
  it('re-runs migrations safely and refuses a second process on the same directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-lock-'));
    try {
      const first = await openDatabase({ dataDir: dir });
      await expect(openDatabase({ dataDir: dir })).rejects.toBeInstanceOf(DatabaseLockedError);
      await first.close();
      const again = await openDatabase({ dataDir: dir });
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('serving the web app', () => {
  it('serves index.html for client-side routes and keeps API 404s in the error shape', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'trellis-web-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Trellis</title>');
    const web = await createTestApp({ webDist: dist });
    try {
      const page = await web.app.inject({ method: 'GET', url: '/portal/company' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<title>Trellis</title>');
      const api = await web.app.inject({ method: 'GET', url: '/api/v1/nope' });
      expect(api.statusCode).toBe(404);
      expect(api.json().error.code).toBe('not_found');
    } finally {
      await web.close();
      rmSync(dist, { recursive: true, force: true });
    }
  });
});

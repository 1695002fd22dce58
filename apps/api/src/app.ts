import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import helmet from 'helmet';
import { uuidv7 } from 'uuidv7';
import type { Config } from './config';
import type { Database } from './db/client';
import { JobRunner } from './jobs/runner';
import { registerModules } from './modules/index';
import { requestPasswordResetMail } from './modules/people/password-reset';
import { ActorResolver } from './platform/actors';
import { type Auth, createAuth } from './platform/auth';
import { installErrorHandler } from './platform/error-handler';
import { registerHealth } from './platform/health';
import { installIdempotency } from './platform/idempotency';
import type { Mailer } from './platform/mail';
import { installRouteGuard, type RouteEntry } from './platform/route-guard';
import { SessionCache } from './platform/session-cache';

export type AppDeps = {
  config: Config;
  database: Database;
  mailer: Mailer;
  /** Injectable clock: tests move time; production uses the wall clock. */
  clock?: () => Date;
  /** Where the built web app lives; served at / when present. */
  webDist?: string;
};

/** What every module may use. */
export type Services = {
  config: Config;
  database: Database;
  db: Database['db'];
  auth: Auth;
  actors: ActorResolver;
  sessions: SessionCache;
  jobs: JobRunner;
  mailer: Mailer;
  now: () => Date;
  /** Every API route with its declared auth: the authorization matrix is generated from it. */
  routes: RouteEntry[];
};

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database } = deps;
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization'] },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{8,100}$/.test(given) ? given : uuidv7();
    },
    requestIdHeader: false,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  // The API speaks JSON (and multipart for uploads); anything else is 415, not a string body.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  const jobs = new JobRunner(database.db, app.log);
  const now = deps.clock ?? (() => new Date());
  const services: Services = {
    config,
    database,
    db: database.db,
    auth: undefined as unknown as Auth,
    actors: new ActorResolver(database.db),
    sessions: new SessionCache(),
    jobs,
    mailer: deps.mailer,
    now,
    routes: [],
  };
  app.decorate('services', services);

  await app.register(cookie);
  // Security headers on every response, from helmet built ONCE: @fastify/helmet built a new helmet — parsing
  // this whole configuration — inside every request, ~15 % of a single read's CPU (bench/README.md).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'https:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  app.addHook('onRequest', (req, reply, done) =>
    securityHeaders(req.raw, reply.raw, (err) =>
      err === undefined ? done() : done(err instanceof Error ? err : new Error(String(err))),
    ),
  );
  await app.register(rateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    keyGenerator: (req) => req.ip,
  });
  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Trellis API',
        version: '1.0.0',
        description:
          'Partner Relationship Management. Cookie sessions (send X-CSRF-Token on writes), JSON in camelCase, cursor pagination, Idempotency-Key on creates.',
      },
      servers: [{ url: config.publicUrl }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  installErrorHandler(app);
  services.auth = createAuth(config, database.db, (user, token) => requestPasswordResetMail(services, user, token));
  installRouteGuard(app, services.auth, services.actors, services.sessions, services.routes);
  installIdempotency(app, database.db);

  app.get('/api/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () => app.swagger());
  registerHealth(app, database);
  await app.register(async (api) => registerModules(api, services), { prefix: '/api/v1' });

  const webDist = deps.webDist ?? DEFAULT_WEB_DIST;
  const serveWeb = existsSync(`${webDist}/index.html`);
  if (serveWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false });
  // One not-found handler: client-side routes of the web app get index.html, everything else the error shape.
  app.setNotFoundHandler((req, reply) => {
    if (serveWeb && req.method === 'GET' && !req.url.startsWith('/api/')) return reply.sendFile('index.html');
    return reply.code(404).send({
      error: { code: 'not_found', message: `no route ${req.method} ${req.url}`, requestId: String(req.id) },
    });
  });
  return app;
}

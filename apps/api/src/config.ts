import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().default('./.data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_APP_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_SESSION_READS: z
    .enum(['on', 'off'])
    .default('on')
    .transform((v) => v === 'on'),
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().default('Trellis <no-reply@trellis.local>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  JOBS: z
    .enum(['on', 'off'])
    .default('on')
    .transform((v) => v === 'on'),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** The login the app serves with (trellis_app); DATABASE_URL then only migrates. */
  appDatabaseUrl: string | undefined;
  poolSize: number;
  /** PostgreSQL: scoped reads keep their RLS scope as session settings (off behind a transaction-mode pooler). */
  sessionReads: boolean;
  authSecret: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: string;
  trustProxy: boolean;
  runJobs: boolean;
  rateLimitPerMinute: number;
};

export class ConfigError extends Error {}

/** Parses the environment once; lists every problem at once (ARCHITECTURE §3 Config). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  const problems: string[] = [];
  let authSecret = e.AUTH_SECRET;
  if (!authSecret) {
    if (e.NODE_ENV === 'production') problems.push('  AUTH_SECRET: required in production (32+ random characters)');
    else authSecret = developmentSecret(dataDir);
  } else if (e.NODE_ENV === 'production' && /^(dev|test|changeme)/i.test(authSecret)) {
    problems.push('  AUTH_SECRET: looks like a development secret; production refuses it');
  }
  if (e.NODE_ENV === 'production' && !e.PUBLIC_URL) problems.push('  PUBLIC_URL: required in production');
  if (e.NODE_ENV === 'production' && e.DATABASE_URL && !e.DATABASE_APP_URL) {
    problems.push(
      '  DATABASE_APP_URL: required in production with DATABASE_URL — log in as trellis_app, not the owner',
    );
  }
  if (e.DATABASE_APP_URL && !e.DATABASE_URL)
    problems.push('  DATABASE_APP_URL: needs DATABASE_URL (the owner that migrates)');
  if (e.NODE_ENV === 'production' && !e.SMTP_URL) problems.push('  SMTP_URL: required in production');
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    dataDir,
    databaseUrl: e.DATABASE_URL,
    appDatabaseUrl: e.DATABASE_APP_URL,
    poolSize: e.DATABASE_POOL_SIZE,
    sessionReads: e.DATABASE_SESSION_READS,
    authSecret: authSecret as string,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    runJobs: e.JOBS,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
  };
}

/** Development only: a random secret kept in DATA_DIR so sessions survive restarts. */
function developmentSecret(dataDir: string): string {
  const file = join(dataDir, '.auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

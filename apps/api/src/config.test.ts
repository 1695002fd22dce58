import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('lists every problem at once', () => {
    expect(() => loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', SMTP_URL: 'http://x' })).toThrow(
      /PORT[\s\S]*DATABASE_URL[\s\S]*SMTP_URL/,
    );
  });

  it('refuses to run production without secrets, or with a development secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        AUTH_SECRET: 'dev-secret-dev-secret-dev-secret-dev',
        PUBLIC_URL: 'https://partners.example.com',
        SMTP_URL: 'smtp://mail.example.com',
      }),
    ).toThrow(/development secret/);
  });

  it('accepts a complete production configuration', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      AUTH_SECRET: 'k3J9xQ2mV8pL5tR7wZ1cN4bH6gF0dS2aE9yU3iO5',
      PUBLIC_URL: 'https://partners.example.com/',
      SMTP_URL: 'smtps://user:pass@mail.example.com',
      DATABASE_URL: 'postgres://owner@db/trellis',
      DATABASE_APP_URL: 'postgres://trellis_app:pw@db/trellis',
    });
    expect(config.publicUrl).toBe('https://partners.example.com');
    expect(config.appDatabaseUrl).toBe('postgres://trellis_app:pw@db/trellis');
    expect(config.databaseUrl).toBe('postgres://owner@db/trellis');
  });

  it('in production, refuses to serve PostgreSQL through the owner login', () => {
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        AUTH_SECRET: 'k3J9xQ2mV8pL5tR7wZ1cN4bH6gF0dS2aE9yU3iO5',
        PUBLIC_URL: 'https://partners.example.com',
        SMTP_URL: 'smtp://mail.example.com',
        DATABASE_URL: 'postgres://owner@db/trellis',
      }),
    ).toThrow(/DATABASE_APP_URL/);
  });
});

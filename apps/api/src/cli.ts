import { parseArgs } from 'node:util';
import { type Locale, LocaleValues } from '@trellis/contracts';
import type { Services } from './app';
import { ConfigError, loadConfig } from './config';
import { DatabaseLockedError, openDatabase, RlsBypassError } from './db/client';
import { start } from './main';
import { addMembership, createWorkspace, ensureUser } from './modules/people/bootstrap';
import { createAuth } from './platform/auth';

const USAGE = `Usage: trellis <command> [options]

Commands:
  start                 migrate, then serve the API, console and portal (PORT, DATA_DIR or DATABASE_URL)
  migrate               apply database migrations and exit
  seed --demo           build a demo program (workspace, ~40 partners, a user per role); prints the sign-ins
  create-admin          create a workspace admin
      --email <e-mail> --name <name> --password <password>
      [--workspace <name>] [--currency USD] [--locale en|vi|zh-Hant|lv] [--time-zone UTC]
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  switch (command) {
    case 'start': {
      const { values } = parseArgs({ args: rest, options: { demo: { type: 'boolean' } } });
      if (values.demo) await seedDemo(config);
      const { app } = await start(config);
      app.log.info(`Trellis is ready at ${config.publicUrl}`);
      return -1;
    }
    case 'migrate': {
      const database = await openDatabase({
        databaseUrl: config.databaseUrl,
        appDatabaseUrl: config.appDatabaseUrl,
        dataDir: config.dataDir,
      });
      await database.close();
      console.log('migrations applied');
      return 0;
    }
    case 'seed': {
      const { values } = parseArgs({ args: rest, options: { demo: { type: 'boolean' } } });
      if (!values.demo) {
        console.error('seed needs --demo');
        return 2;
      }
      await seedDemo(config);
      return 0;
    }
    case 'create-admin': {
      const { values } = parseArgs({
        args: rest,
        options: {
          email: { type: 'string' },
          name: { type: 'string' },
          password: { type: 'string' },
          workspace: { type: 'string', default: 'My partner program' },
          currency: { type: 'string', default: 'USD' },
          locale: { type: 'string', default: 'en' },
          'time-zone': { type: 'string', default: 'UTC' },
        },
      });
      const problems: string[] = [];
      if (!values.email || !/^[^@\s]+@[^@\s]+$/.test(values.email))
        problems.push('--email: a valid e-mail is required');
      if (!values.name) problems.push('--name: required');
      if (!values.password || values.password.length < 12) problems.push('--password: at least 12 characters');
      if (!(LocaleValues as readonly string[]).includes(values.locale))
        problems.push(`--locale: one of ${LocaleValues.join(', ')}`);
      if (!/^[A-Z]{3}$/.test(values.currency)) problems.push('--currency: an ISO 4217 code such as USD');
      if (problems.length > 0) {
        console.error(problems.join('\n'));
        return 2;
      }
      await withServices(config, async (services) => {
        const workspaceId = await createWorkspace(services, {
          name: values.workspace,
          slug: slugify(values.workspace),
          baseCurrency: values.currency,
          defaultLocale: values.locale as Locale,
          timeZone: values['time-zone'],
        });
        const userId = await ensureUser(services, {
          email: values.email as string,
          name: values.name as string,
          password: values.password as string,
        });
        await addMembership(services, { workspaceId, userId, role: 'admin' });
        console.log(`admin ${values.email} created in workspace "${values.workspace}"`);
      });
      return 0;
    }
    default:
      console.log(USAGE);
      return command ? 2 : 0;
  }
}

export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${base || 'workspace'}-${Math.random().toString(36).slice(2, 6)}`;
}

/** The pieces of Services a command needs, without an HTTP server. */
async function withServices(
  config: ReturnType<typeof loadConfig>,
  fn: (services: Pick<Services, 'db' | 'auth' | 'config' | 'now'>) => Promise<void>,
): Promise<void> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    appDatabaseUrl: config.appDatabaseUrl,
    dataDir: config.dataDir,
  });
  try {
    const auth = createAuth(config, database.db, async () => undefined);
    await fn({ db: database.db, auth, config, now: () => new Date() });
  } finally {
    await database.close();
  }
}

async function seedDemo(config: ReturnType<typeof loadConfig>): Promise<void> {
  const { seedDemoProgram } = await import('./seed/demo');
  await withServices(config, (services) => seedDemoProgram(services));
}

main(process.argv.slice(2))
  .then((code) => {
    if (code >= 0) process.exit(code);
  })
  .catch((err) => {
    if (err instanceof ConfigError || err instanceof DatabaseLockedError || err instanceof RlsBypassError) {
      console.error(err.message);
      process.exit(1);
    }
    console.error(err);
    process.exit(1);
  });

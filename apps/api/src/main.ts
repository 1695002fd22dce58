import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import type { Config } from './config';
import { type Database, openDatabase } from './db/client';
import { createMailer } from './platform/mail';

/** config → db (migrated) → app → listen; SIGINT/SIGTERM close everything in order (C22). */
export async function start(
  config: Config,
): Promise<{ app: FastifyInstance; database: Database; stop: () => Promise<void> }> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    appDatabaseUrl: config.appDatabaseUrl,
    dataDir: config.dataDir,
    poolSize: config.poolSize,
    sessionReads: config.sessionReads,
  });
  const mailer = createMailer(config);
  const app = await buildApp({ config, database, mailer });
  await app.listen({ host: config.host, port: config.port });
  if (config.runJobs) app.services.jobs.start();
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      app.log.info('shutting down');
      await app.services.jobs.stop();
      await app.close();
      mailer.close();
      await database.close();
    })();
    return stopping;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stop()
        .then(() => process.exit(0))
        .catch((err) => {
          console.error(err);
          process.exit(1);
        });
    });
  }
  return { app, database, stop };
}

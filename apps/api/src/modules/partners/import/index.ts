import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../app';
import { importRoutes } from './import.routes';
import { IMPORT_JOB, importJobHandler } from './import.service';

/**
 * C1/C19 (and C4 for customer accounts): CSV import (upload, mapping, dry run, durable job with progress)
 * and export of partners, contacts and accounts.
 */
export async function registerImports(app: FastifyInstance, services: Services): Promise<void> {
  await app.register(importRoutes(services));
  services.jobs.register(IMPORT_JOB, importJobHandler(services));
}

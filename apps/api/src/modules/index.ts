import type { FastifyInstance } from 'fastify';
import type { Services } from '../app';
import { registerAudit } from './audit/index';
import { registerDeals } from './deals/index';
import { registerLeads } from './leads/index';
import { registerNotifications } from './notifications/index';
import { registerImports } from './partners/import/index';
import { registerPartners } from './partners/index';
import { registerPeople } from './people/index';
import { registerPipeline } from './pipeline/index';

/** Every module, mounted under /api/v1. */
export async function registerModules(app: FastifyInstance, services: Services): Promise<void> {
  await registerPeople(app, services);
  await registerPartners(app, services);
  await registerImports(app, services);
  await registerAudit(app, services);
  await registerNotifications(app, services);
  await registerDeals(app, services);
  await registerLeads(app, services);
  await registerPipeline(app, services);
}

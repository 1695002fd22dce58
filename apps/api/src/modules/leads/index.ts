import type { FastifyInstance } from 'fastify';
import type { Services } from '../../app';
import { inboxRoutes, webFormRoutes } from './inbox.routes';
import { LEAD_SLA_JOB } from './lead.alerts';
import { leadRoutes } from './lead.routes';
import { runLeadTimers } from './lead.timers';

export { LEAD_SLA_JOB } from './lead.alerts';
export { runLeadTimers } from './lead.timers';

/** C5: leads and routing (vendor), the partner inbox, web-to-lead, and the SLA job. */
export async function registerLeads(app: FastifyInstance, services: Services): Promise<void> {
  await app.register(leadRoutes(services));
  await app.register(inboxRoutes(services));
  await app.register(webFormRoutes(services));
  services.jobs.register(LEAD_SLA_JOB, async (job, { inJobScope }) => {
    const workspaceId = job.workspace_id;
    if (!workspaceId) throw new Error('lead.sla needs a workspace');
    await runLeadTimers(services, inJobScope, workspaceId);
  });
}
export { insertEvents } from './lead.repo';
export { bulkRoute, createdEvent, newLeadRow } from './lead.service';

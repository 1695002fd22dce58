import type { FastifyInstance } from 'fastify';
import type { Services } from '../../app';
import { accountRoutes } from './account.routes';
import { attachmentRoutes } from './attachment.routes';
import { type AlertSpec, DEAL_ALERTS_JOB, DEAL_TIMERS_JOB, sendAlerts } from './commands/registration-changes';
import { dealRoutes } from './deal.routes';
import { runDealTimers } from './deal.service';

// What other modules may use: leads convert to registrations, imports and exports write and read accounts, the
// pipeline records outcomes.
export { listAccountRows } from './account.repo';
export { closeRegistration } from './commands/close-registration';
export { decideRegistration } from './commands/decide-registration';
export { applyOutcome, type OutcomeInput, recordOutcome } from './commands/record-outcome';
export { DEAL_ALERTS_JOB, DEAL_TIMERS_JOB } from './commands/registration-changes';
export { createRegistration } from './commands/save-registration';
export { addressText, domainIssue } from './deal.policy';
export { companyDomain } from './matching/index';

/** C4: accounts, opportunities and deal registration under /api/v1, and the timers job. */
export async function registerDeals(app: FastifyInstance, services: Services): Promise<void> {
  await app.register(accountRoutes(services));
  await app.register(dealRoutes(services));
  await app.register(attachmentRoutes(services));
  services.jobs.register(DEAL_TIMERS_JOB, async (job, { inJobScope }) => {
    const workspaceId = job.workspace_id;
    if (!workspaceId) throw new Error('deal.timers needs a workspace');
    await runDealTimers(services, inJobScope, workspaceId);
  });
  services.jobs.register(DEAL_ALERTS_JOB, async (job, { inJobScope }) => {
    const workspaceId = job.workspace_id;
    if (!workspaceId) throw new Error('deal.alerts needs a workspace');
    const { alerts } = job.payload as { alerts: AlertSpec[] };
    await inJobScope((tx) => sendAlerts(tx, workspaceId, alerts));
  });
}

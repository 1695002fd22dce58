import type { Locale } from '@trellis/contracts';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../app';
import { renderMail, type TemplateName } from '../../platform/mail-templates';
import { authRoutes } from './auth.routes';
import { peopleRoutes } from './people.routes';

export { acceptInvitation, createInvitation, hashToken } from './invitations.service';

export async function registerPeople(app: FastifyInstance, services: Services): Promise<void> {
  await app.register(authRoutes(services));
  await app.register(peopleRoutes(services));
  services.jobs.register('mail.send', async (job) => {
    const p = job.payload as { to: string; template: TemplateName; locale: Locale; params: Record<string, string> };
    const { subject, text } = renderMail(p.template, p.locale, p.params);
    await services.mailer.send({ to: p.to, subject, text });
  });
}

import type { FastifyInstance } from 'fastify';
import type { Services } from '../../app';
import { contactRoutes } from './contact.routes';
import { customAttributeRoutes } from './custom-attribute.routes';
import { partnerRoutes } from './partner.routes';
import { savedViewRoutes } from './saved-view.routes';
import { tierRoutes } from './tier.routes';

// What other modules may use (ARCHITECTURE §2): pure rules, reference checks and the partner timeline.
export { checkPartnerReferences, mergeCustomAttributes } from './commands/partner-changes';
export { listDefinitionRows as listCustomAttributeDefinitions } from './custom-attribute.repo';
export {
  type AttributeDefinitionLike,
  isIsoDate,
  parseCustomAttributeText,
  validateCustomAttributes,
} from './custom-attributes.policy';
export {
  contactSearchName,
  domainFromWebsite,
  partnerAbilities,
  partnerSearchName,
  statusTransitionProblem,
} from './partner.policy';
export { presentPartner } from './partner.presenter';
export {
  findPartnerDetail,
  insertPartnerEvents as recordPartnerEvents,
  type PartnerEventInsert,
  partnerIsVisible,
} from './partner.repo';
export { createPartner, getPartner, listPartners } from './partner.service';

/** C1/C2: partners, tiers, custom attributes, contacts and saved views under /api/v1. */
export async function registerPartners(app: FastifyInstance, services: Services): Promise<void> {
  await app.register(partnerRoutes(services));
  await app.register(tierRoutes(services));
  await app.register(customAttributeRoutes(services));
  await app.register(contactRoutes(services));
  await app.register(savedViewRoutes(services));
}

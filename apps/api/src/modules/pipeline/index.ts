import type { FastifyInstance } from 'fastify';
import type { Services } from '../../app';
import { fxRoutes } from './fx.routes';
import { pipelineRoutes } from './pipeline.routes';

/** C6: the opportunity pipeline and the exchange rates its forecast converts with, under /api/v1. */
export async function registerPipeline(app: FastifyInstance, services: Services): Promise<void> {
  await app.register(pipelineRoutes(services));
  await app.register(fxRoutes(services));
}

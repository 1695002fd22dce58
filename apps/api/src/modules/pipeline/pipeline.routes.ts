import {
  ForecastQuerySchema,
  ForecastSchema,
  IdParamsSchema,
  PipelineDealListQuerySchema,
  PipelineDealSchema,
  PipelineMoveRecordSchema,
  PipelineMoveSchema,
  PipelineStageCreateSchema,
  PipelineStageDeleteQuerySchema,
  PipelineStageOrderSchema,
  PipelineStageSchema,
  PipelineStageUpdateSchema,
  pageOf,
} from '@trellis/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app';
import { ctxOf } from '../../platform/route-guard';
import {
  createStage,
  dealMoves,
  deleteStage,
  forecast,
  getDeal,
  listDeals,
  listStages,
  moveDeal,
  reorderStages,
  updateStage,
} from './pipeline.service';

const tags = ['Pipeline'];
const stageList = z.object({ data: z.array(PipelineStageSchema) });
const wrappedStage = z.object({ stage: PipelineStageSchema });
const wrappedDeal = z.object({ deal: PipelineDealSchema });

/** C6: the opportunity pipeline — stages, approved registrations on the board, moves and the forecast. */
export function pipelineRoutes(services: Services): FastifyPluginAsyncZod {
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, services.now());
  return async (app) => {
    app.get(
      '/pipeline/stages',
      {
        config: { auth: 'pipeline.read' },
        schema: {
          tags,
          operationId: 'listPipelineStages',
          summary: 'The stages in order, with probability and how many deals (the caller may see) each holds',
          response: { 200: stageList },
        },
      },
      async (req) => ({ data: await listStages(services, ctx(req)) }),
    );
    app.post(
      '/pipeline/stages',
      {
        config: { auth: 'pipeline.settings', idempotent: true },
        schema: {
          tags,
          operationId: 'createPipelineStage',
          summary: 'Adds a stage (an open one before the won and lost stages)',
          body: PipelineStageCreateSchema,
          response: { 201: wrappedStage },
        },
      },
      async (req, reply) => reply.code(201).send({ stage: await createStage(services, ctx(req), req.body) }),
    );
    app.put(
      '/pipeline/stages/order',
      {
        config: { auth: 'pipeline.settings' },
        schema: {
          tags,
          operationId: 'reorderPipelineStages',
          summary: 'Sets the order of all stages (every stage id once)',
          body: PipelineStageOrderSchema,
          response: { 200: stageList },
        },
      },
      async (req) => ({ data: await reorderStages(services, ctx(req), req.body) }),
    );
    app.patch(
      '/pipeline/stages/:id',
      {
        config: { auth: 'pipeline.settings' },
        schema: {
          tags,
          operationId: 'updatePipelineStage',
          summary: 'Renames a stage or changes its probability (won stays 100, lost 0)',
          params: IdParamsSchema,
          body: PipelineStageUpdateSchema,
          response: { 200: wrappedStage },
        },
      },
      async (req) => ({ stage: await updateStage(services, ctx(req), req.params.id, req.body) }),
    );
    app.delete(
      '/pipeline/stages/:id',
      {
        config: { auth: 'pipeline.settings' },
        schema: {
          tags,
          operationId: 'deletePipelineStage',
          summary: 'Deletes a stage; one that holds deals needs moveTo (a stage of the same kind)',
          params: IdParamsSchema,
          querystring: PipelineStageDeleteQuerySchema,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await deleteStage(services, ctx(req), req.params.id, req.query.moveTo);
        return reply.code(204).send(null);
      },
    );
    app.get(
      '/pipeline/deals',
      {
        config: { auth: 'pipeline.read' },
        schema: {
          tags,
          operationId: 'listPipelineDeals',
          summary:
            'Approved, won and lost registrations with their stage (partner people: their company’s), filtered by partner, stage, currency and close date',
          querystring: PipelineDealListQuerySchema,
          response: { 200: pageOf(PipelineDealSchema) },
        },
      },
      async (req) => listDeals(services, ctx(req), req.query),
    );
    app.get(
      '/pipeline/deals/:id',
      {
        config: { auth: 'pipeline.read' },
        schema: {
          tags,
          operationId: 'getPipelineDeal',
          summary: 'One deal of the pipeline with its stage (404 outside the caller’s scope)',
          params: IdParamsSchema,
          response: { 200: wrappedDeal },
        },
      },
      async (req) => ({ deal: await getDeal(services, ctx(req), req.params.id) }),
    );
    app.post(
      '/pipeline/deals/:id/move',
      {
        config: { auth: 'pipeline.move' },
        schema: {
          tags,
          operationId: 'movePipelineDeal',
          summary:
            'Moves an approved registration to another stage; into a won or lost stage it records the registration’s outcome in the same request (lost: reasonCode required; vendor staff closing as won: reason required)',
          params: IdParamsSchema,
          body: PipelineMoveSchema,
          response: { 200: wrappedDeal },
        },
      },
      async (req) => ({ deal: await moveDeal(services, ctx(req), req.params.id, req.body) }),
    );
    app.get(
      '/pipeline/deals/:id/moves',
      {
        config: { auth: 'pipeline.read' },
        schema: {
          tags,
          operationId: 'listPipelineDealMoves',
          summary: 'Every move of a deal, newest first: who, when, from and to',
          params: IdParamsSchema,
          response: { 200: z.object({ data: z.array(PipelineMoveRecordSchema) }) },
        },
      },
      async (req) => ({ data: await dealMoves(services, ctx(req), req.params.id) }),
    );
    app.get(
      '/pipeline/forecast',
      {
        config: { auth: 'pipeline.forecast' },
        schema: {
          tags,
          operationId: 'pipelineForecast',
          summary:
            'Total and weighted amounts per period and stage in the base currency, with the rate, date and source of every conversion; complete=false lists the missing rates',
          querystring: ForecastQuerySchema,
          response: { 200: z.object({ forecast: ForecastSchema }) },
        },
      },
      async (req) => ({ forecast: await forecast(services, ctx(req), req.query) }),
    );
  };
}

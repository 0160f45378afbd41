import {
  ArrangeTouchpointsBodySchema,
  CreatePersonaBodySchema,
  CreateStageBodySchema,
  CreateTouchpointBodySchema,
  ListChildrenQuerySchema,
  ListTouchpointsQuerySchema,
  PersonaPageSchema,
  PersonaParamsSchema,
  PersonaSchema,
  ReorderBodySchema,
  StagePageSchema,
  StageParamsSchema,
  StageSchema,
  TouchpointPageSchema,
  TouchpointParamsSchema,
  TouchpointListSchema,
  TouchpointSchema,
  UpdatePersonaBodySchema,
  UpdateStageBodySchema,
  UpdateTouchpointBodySchema,
} from '@klantreis/shared/journey'
import { StudyParamsSchema } from '@klantreis/shared/studies'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { JourneyService } from './journey.service.js'

const NoContent = { 204: z.null() }

const journeyAnalystRoutes: FastifyPluginAsyncZod<{ journey: JourneyService }> = async (app, { journey }) => {
  const base = '/studies/:studyId'

  {
    const tags = ['personas']
    const svc = journey.personas
    app.get(
      `${base}/personas`,
      {
        schema: {
          tags,
          params: StudyParamsSchema,
          querystring: ListChildrenQuerySchema,
          response: { 200: PersonaPageSchema },
        },
      },
      async (req) => svc.list(req.analyst, req.params.studyId, req.query),
    )
    app.post(
      `${base}/personas`,
      { schema: { tags, params: StudyParamsSchema, body: CreatePersonaBodySchema, response: { 201: PersonaSchema } } },
      async (req, reply) => reply.code(201).send(await svc.create(req.analyst, req.params.studyId, req.body)),
    )
    app.post(
      `${base}/personas/reorder`,
      { schema: { tags, params: StudyParamsSchema, body: ReorderBodySchema, response: NoContent } },
      async (req, reply) => {
        await svc.reorder(req.analyst, req.params.studyId, req.body.ids)
        return reply.code(204).send(null)
      },
    )
    app.get(
      `${base}/personas/:personaId`,
      { schema: { tags, params: PersonaParamsSchema, response: { 200: PersonaSchema } } },
      async (req) => svc.get(req.analyst, req.params.studyId, req.params.personaId),
    )
    app.patch(
      `${base}/personas/:personaId`,
      {
        schema: { tags, params: PersonaParamsSchema, body: UpdatePersonaBodySchema, response: { 200: PersonaSchema } },
      },
      async (req) => svc.update(req.analyst, req.params.studyId, req.params.personaId, req.body),
    )
    app.delete(
      `${base}/personas/:personaId`,
      { schema: { tags, params: PersonaParamsSchema, response: NoContent } },
      async (req, reply) => {
        await svc.remove(req.analyst, req.params.studyId, req.params.personaId)
        return reply.code(204).send(null)
      },
    )
  }

  {
    const tags = ['stages']
    const svc = journey.stages
    app.get(
      `${base}/stages`,
      {
        schema: {
          tags,
          params: StudyParamsSchema,
          querystring: ListChildrenQuerySchema,
          response: { 200: StagePageSchema },
        },
      },
      async (req) => svc.list(req.analyst, req.params.studyId, req.query),
    )
    app.post(
      `${base}/stages`,
      { schema: { tags, params: StudyParamsSchema, body: CreateStageBodySchema, response: { 201: StageSchema } } },
      async (req, reply) => reply.code(201).send(await svc.create(req.analyst, req.params.studyId, req.body)),
    )
    app.post(
      `${base}/stages/reorder`,
      { schema: { tags, params: StudyParamsSchema, body: ReorderBodySchema, response: NoContent } },
      async (req, reply) => {
        await svc.reorder(req.analyst, req.params.studyId, req.body.ids)
        return reply.code(204).send(null)
      },
    )
    app.get(
      `${base}/stages/:stageId`,
      { schema: { tags, params: StageParamsSchema, response: { 200: StageSchema } } },
      async (req) => svc.get(req.analyst, req.params.studyId, req.params.stageId),
    )
    app.patch(
      `${base}/stages/:stageId`,
      { schema: { tags, params: StageParamsSchema, body: UpdateStageBodySchema, response: { 200: StageSchema } } },
      async (req) => svc.update(req.analyst, req.params.studyId, req.params.stageId, req.body),
    )
    app.delete(
      `${base}/stages/:stageId`,
      { schema: { tags, params: StageParamsSchema, response: NoContent } },
      async (req, reply) => {
        await svc.remove(req.analyst, req.params.studyId, req.params.stageId)
        return reply.code(204).send(null)
      },
    )
  }

  {
    const tags = ['touchpoints']
    const svc = journey.touchpoints
    app.get(
      `${base}/touchpoints`,
      {
        schema: {
          tags,
          params: StudyParamsSchema,
          querystring: ListTouchpointsQuerySchema,
          response: { 200: TouchpointPageSchema },
        },
      },
      async (req) => svc.list(req.analyst, req.params.studyId, req.query),
    )
    app.post(
      `${base}/touchpoints`,
      {
        schema: {
          tags,
          params: StudyParamsSchema,
          body: CreateTouchpointBodySchema,
          response: { 201: TouchpointSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await svc.create(req.analyst, req.params.studyId, req.body)),
    )
    app.put(
      `${base}/touchpoints/arrangement`,
      {
        schema: {
          tags,
          params: StudyParamsSchema,
          body: ArrangeTouchpointsBodySchema,
          response: { 200: TouchpointListSchema },
        },
      },
      async (req) => svc.arrange(req.analyst, req.params.studyId, req.body),
    )
    app.get(
      `${base}/touchpoints/:touchpointId`,
      { schema: { tags, params: TouchpointParamsSchema, response: { 200: TouchpointSchema } } },
      async (req) => svc.get(req.analyst, req.params.studyId, req.params.touchpointId),
    )
    app.patch(
      `${base}/touchpoints/:touchpointId`,
      {
        schema: {
          tags,
          params: TouchpointParamsSchema,
          body: UpdateTouchpointBodySchema,
          response: { 200: TouchpointSchema },
        },
      },
      async (req) => svc.update(req.analyst, req.params.studyId, req.params.touchpointId, req.body),
    )
    app.delete(
      `${base}/touchpoints/:touchpointId`,
      { schema: { tags, params: TouchpointParamsSchema, response: NoContent } },
      async (req, reply) => {
        await svc.remove(req.analyst, req.params.studyId, req.params.touchpointId)
        return reply.code(204).send(null)
      },
    )
  }
}
export default journeyAnalystRoutes

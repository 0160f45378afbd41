import {
  AnalystEntryPageSchema,
  DiarySchema,
  ListEntriesQuerySchema,
  ProposalListSchema,
  ProposalParamsSchema,
  PutDiaryBodySchema,
  ResolveProposalBodySchema,
  ResolvedProposalSchema,
} from '@klantreis/shared/diary'
import { IdSchema } from '@klantreis/shared/common'
import { StudyParamsSchema } from '@klantreis/shared/studies'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { DiaryService } from './diary.service.js'

const diaryAnalystRoutes: FastifyPluginAsyncZod<{ diary: DiaryService }> = async (app, { diary }) => {
  const tags = ['diary']
  const base = '/studies/:studyId'
  app.get(
    `${base}/diary`,
    { schema: { tags, params: StudyParamsSchema, response: { 200: DiarySchema } } },
    async (req) => diary.getDiary(req.analyst, req.params.studyId),
  )
  app.put(
    `${base}/diary`,
    { schema: { tags, params: StudyParamsSchema, body: PutDiaryBodySchema, response: { 200: DiarySchema } } },
    async (req) => diary.putDiary(req.analyst, req.params.studyId, req.body),
  )
  app.get(
    `${base}/entries`,
    {
      schema: {
        tags,
        params: StudyParamsSchema,
        querystring: ListEntriesQuerySchema,
        response: { 200: AnalystEntryPageSchema },
      },
    },
    async (req) => diary.listEntries(req.analyst, req.params.studyId, req.query),
  )
  app.get(
    `${base}/photos/:photoId`,
    {
      schema: {
        tags,
        params: StudyParamsSchema.extend({ photoId: IdSchema }),
        response: { 200: z.string().describe('the image bytes (image/jpeg, image/png or image/webp)') },
      },
    },
    async (req, reply) => {
      const ph = await diary.photoForAnalyst(req.analyst, req.params.studyId, req.params.photoId)
      return reply
        .type(ph.content_type)
        .header('cache-control', 'private, max-age=86400')
        .send(ph.bytes as never) // binary: Fastify sends a Buffer as is
    },
  )
  app.get(
    `${base}/proposals`,
    { schema: { tags, params: StudyParamsSchema, response: { 200: ProposalListSchema } } },
    async (req) => diary.listProposals(req.analyst, req.params.studyId),
  )
  app.post(
    `${base}/proposals/:proposalId/resolve`,
    {
      schema: {
        tags,
        params: ProposalParamsSchema,
        body: ResolveProposalBodySchema,
        response: { 200: ResolvedProposalSchema },
      },
    },
    async (req) => diary.resolveProposal(req.analyst, req.params.studyId, req.params.proposalId, req.body),
  )
}
export default diaryAnalystRoutes

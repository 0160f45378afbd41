import {
  ConsentBodySchema,
  DeleteEntryQuerySchema,
  DiaryEntrySchema,
  EntryConflictSchema,
  EntryListSchema,
  EntryParamsSchema,
  PHOTO_MAX_BYTES,
  PHOTO_TYPES,
  PhotoParamsSchema,
  PhotoUploadedSchema,
  PutEntryBodySchema,
  RespondentLanguageBodySchema,
  RespondentMeSchema,
} from '@klantreis/shared/diary'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { EntryConflict } from './diary.errors.js'
import type { DiaryService } from './diary.service.js'

const diaryRespondentRoutes: FastifyPluginAsyncZod<{ diary: DiaryService }> = async (app, { diary }) => {
  const tags = ['respondent']
  app.addContentTypeParser([...PHOTO_TYPES], { parseAs: 'buffer', bodyLimit: PHOTO_MAX_BYTES }, (_req, body, done) =>
    done(null, body),
  )

  const conflict = (requestId: string, err: EntryConflict) => ({
    statusCode: 409 as const,
    code: 'ENTRY_CONFLICT' as const,
    error: 'Conflict',
    message: 'This entry was changed on another device; choose which version to keep',
    requestId,
    server: err.server,
  })

  app.get('/me', { schema: { tags, response: { 200: RespondentMeSchema } } }, async (req) => diary.me(req.participant))
  app.patch(
    '/me',
    { schema: { tags, body: RespondentLanguageBodySchema, response: { 200: RespondentMeSchema } } },
    async (req) => diary.setLanguage(req.participant, req.body.language),
  )
  app.post(
    '/consent',
    { schema: { tags, body: ConsentBodySchema, response: { 200: RespondentMeSchema } } },
    async (req) => diary.giveConsent(req.participant, req.body.version),
  )
  app.get('/entries', { schema: { tags, response: { 200: EntryListSchema } } }, async (req) =>
    diary.myEntries(req.participant),
  )
  app.put(
    '/entries/:entryId',
    {
      schema: {
        tags,
        params: EntryParamsSchema,
        body: PutEntryBodySchema,
        response: { 200: DiaryEntrySchema, 201: DiaryEntrySchema, 409: EntryConflictSchema },
      },
    },
    async (req, reply) => {
      try {
        const { created, entry } = await diary.putEntry(req.participant, req.params.entryId, req.body)
        return reply.code(created ? 201 : 200).send(entry)
      } catch (err) {
        if (err instanceof EntryConflict) return reply.code(409).send(conflict(req.id, err))
        throw err
      }
    },
  )
  app.delete(
    '/entries/:entryId',
    {
      schema: {
        tags,
        params: EntryParamsSchema,
        querystring: DeleteEntryQuerySchema,
        response: { 204: z.null(), 409: EntryConflictSchema },
      },
    },
    async (req, reply) => {
      try {
        await diary.deleteEntry(req.participant, req.params.entryId, req.query.baseVersion)
        return reply.code(204).send(null)
      } catch (err) {
        if (err instanceof EntryConflict) return reply.code(409).send(conflict(req.id, err))
        throw err
      }
    },
  )
  app.post(
    '/photos',
    {
      schema: {
        tags,
        consumes: [...PHOTO_TYPES],
        body: z.any().describe('the image bytes'),
        response: { 201: PhotoUploadedSchema },
      },
      bodyLimit: PHOTO_MAX_BYTES,
    },
    async (req, reply) => {
      const photo = await diary.uploadPhoto(
        req.participant,
        String(req.headers['content-type']).split(';')[0]!.trim(),
        req.body as Buffer,
      )
      return reply.code(201).send({ photoId: photo.id })
    },
  )
  app.get(
    '/photos/:photoId',
    {
      schema: {
        tags,
        params: PhotoParamsSchema,
        response: { 200: z.string().describe('the image bytes') },
      },
    },
    async (req, reply) => {
      const ph = await diary.photoForParticipant(req.participant, req.params.photoId)
      return reply
        .type(ph.content_type)
        .header('cache-control', 'private, max-age=86400')
        .send(ph.bytes as never) // binary: Fastify sends a Buffer as is
    },
  )
}
export default diaryRespondentRoutes

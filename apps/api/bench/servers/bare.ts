/**
 * Bare Fastify servers, each in its own process:
 *
 * - `ok` (ceiling C1): answers {ok:true} on the respondent write routes (diary-entry PUT and
 *   answer-save PUT); no plugins, no logger, no schema. The bench sends it exactly P1's requests
 *   (same headers, body and a fresh id per request), so the request bytes are equal.
 * - `validate` (diagnostic): the diary-entry PUT's zod params/body validation and response
 *   serialization (the shared contract), answering a fixed entry; no database.
 * - `insert` (diagnostic): the entry submit's idempotent INSERT (`insertEntryOnce`) through Kysely on a
 *   pg pool of the app's size (20), entry id from the path, body taken as sent; no session, consent,
 *   diary or touchpoint checks, no transaction, no validation or response schema.
 */
import { type DiaryEntry, DiaryEntrySchema, EntryParamsSchema, PutEntryBodySchema } from '@klantreis/shared/diary'
import Fastify from 'fastify'
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { DB } from '../../src/db/schema.js'
import { insertEntryOnce } from '../../src/modules/diary/diary.queries.js'
import { reportFailure, reportListening } from '../lib/child.js'

const variant = process.env.BENCH_VARIANT ?? 'ok'
const entryRoute = '/api/v1/respondent/entries/:entryId'
const answerRoute = '/api/v1/respondent/surveys/:surveyId/responses/:responseId'

async function main() {
  const app = Fastify({ logger: false })
  let close = async () => {}

  if (variant === 'ok') {
    app.get('/', async () => ({ ok: true }))
    app.put(entryRoute, async () => ({ ok: true }))
    app.put(answerRoute, async () => ({ ok: true }))
  } else if (variant === 'validate') {
    const zapp = app.withTypeProvider<ZodTypeProvider>()
    zapp.setValidatorCompiler(validatorCompiler)
    zapp.setSerializerCompiler(serializerCompiler)
    const now = new Date().toISOString()
    zapp.put(
      entryRoute,
      { schema: { params: EntryParamsSchema, body: PutEntryBodySchema, response: { 201: DiaryEntrySchema } } },
      async (req, reply) => {
        const b = req.body
        const entry: DiaryEntry = {
          id: req.params.entryId,
          occurredAt: b.occurredAt,
          touchpointId: b.touchpointId,
          proposal: null,
          text: b.text,
          emotion: b.emotion,
          valence: b.valence,
          channel: b.channel,
          photoId: b.photoId,
          version: 1,
          createdAt: now,
          updatedAt: now,
        }
        return reply.code(201).send(entry)
      },
    )
  } else if (variant === 'insert') {
    const databaseUrl = process.env.BENCH_DATABASE_URL
    const studyId = process.env.BENCH_STUDY_ID
    const participantId = process.env.BENCH_PARTICIPANT_ID
    if (!databaseUrl || !studyId || !participantId)
      throw new Error('BENCH_DATABASE_URL, BENCH_STUDY_ID and BENCH_PARTICIPANT_ID are required')
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 20 })
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
    close = () => db.destroy()
    app.put(entryRoute, async (req, reply) => {
      const b = req.body as Record<string, unknown>
      const row = await insertEntryOnce(db, (req.params as { entryId: string }).entryId, studyId, participantId, {
        occurredAt: String(b.occurredAt),
        touchpointId: (b.touchpointId as string | null) ?? null,
        text: String(b.text ?? ''),
        emotion: (b.emotion as number | null) ?? null,
        valence: (b.valence as string | null) ?? null,
        channel: (b.channel as string | null) ?? null,
        photoId: null,
      })
      if (!row) return reply.code(409).send({ ok: false })
      return reply.code(201).send({ id: row.id })
    })
  } else {
    throw new Error(`unknown BENCH_VARIANT ${variant}`)
  }

  await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as { port: number }
  reportListening(port, async () => {
    await app.close()
    await close()
  })
}

main().catch(reportFailure)

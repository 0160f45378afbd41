/**
 * Bare Fastify servers, each in its own process:
 *
 * - `ok` (ceiling C1): one route answering {ok:true}; no plugins, no logger, no schema. It takes
 *   the same POST (same body and headers) the bench sends to P1, so the request bytes are equal.
 * - `validate` (diagnostic): the create-touchpoint route's zod params/body validation and response
 *   serialization (the shared contract), answering a fixed touchpoint; no database.
 * - `insert` (diagnostic): the create-touchpoint INSERT through Kysely on a pg pool of the app's
 *   size (20), body taken as sent; no session, CSRF, validation or response schema.
 */
import {
  CreateTouchpointBodySchema,
  StudyParamsSchema,
  type Touchpoint,
  TouchpointSchema,
} from '@klantreis/shared/studies'
import Fastify from 'fastify'
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { DB } from '../../src/db/schema.js'
import { toTouchpoint } from '../../src/modules/journey/journey.mappers.js'
import { insertTouchpoint } from '../../src/modules/journey/journey.queries.js'
import { reportFailure, reportListening } from '../lib/child.js'

const variant = process.env.BENCH_VARIANT ?? 'ok'
const route = '/api/v1/studies/:studyId/touchpoints'

async function main() {
  const app = Fastify({ logger: false })
  let close = async () => {}

  if (variant === 'ok') {
    app.get('/', async () => ({ ok: true }))
    app.post(route, async () => ({ ok: true }))
  } else if (variant === 'validate') {
    const zapp = app.withTypeProvider<ZodTypeProvider>()
    zapp.setValidatorCompiler(validatorCompiler)
    zapp.setSerializerCompiler(serializerCompiler)
    zapp.post(
      route,
      { schema: { params: StudyParamsSchema, body: CreateTouchpointBodySchema, response: { 201: TouchpointSchema } } },
      async (req, reply) => {
        const tp: Touchpoint = { id: '00000000-0000-4000-8000-000000000000', studyId: req.params.studyId, position: 0, ...req.body }
        return reply.code(201).send(tp)
      },
    )
  } else if (variant === 'insert') {
    const databaseUrl = process.env.BENCH_DATABASE_URL
    const organizationId = process.env.BENCH_ORGANIZATION_ID
    if (!databaseUrl || !organizationId) throw new Error('BENCH_DATABASE_URL and BENCH_ORGANIZATION_ID are required')
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 20 })
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
    close = () => db.destroy()
    app.post(route, async (req, reply) => {
      const b = req.body as Record<string, unknown>
      const row = await insertTouchpoint(db, organizationId, (req.params as { studyId: string }).studyId, {
        stageId: String(b.stageId),
        name: String(b.name),
        description: String(b.description ?? ''),
        channel: String(b.channel ?? 'web'),
        kind: String(b.kind ?? 'direct'),
        ownerDepartment: String(b.ownerDepartment ?? ''),
        momentOfTruth: Boolean(b.momentOfTruth),
        origin: String(b.origin ?? 'model'),
      })
      if (!row) return reply.code(404).send({ ok: false })
      return reply.code(201).send(toTouchpoint(row))
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

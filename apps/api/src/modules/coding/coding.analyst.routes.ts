import {
  AgreementSchema,
  CodebookFileSchema,
  CodebookSchema,
  CodeParamsSchema,
  CodeSchema,
  CodingListQuerySchema,
  CodingListSchema,
  CodingParamsSchema,
  CodingSchema,
  CreateCodeBodySchema,
  CreateSampleBodySchema,
  DeleteCodeQuerySchema,
  DeleteCodingQuerySchema,
  ImportCodebookResultSchema,
  PutCodingBodySchema,
  SampleListSchema,
  SampleParamsSchema,
  SampleSchema,
  SourcePageSchema,
  SourceQuerySchema,
  UpdateCodeBodySchema,
} from '@klantreis/shared/coding'
import { StudyParamsSchema } from '@klantreis/shared/studies'
import { parse as parseCsv } from 'csv-parse/sync'
import { csvText, unguardFormula } from '../../lib/csv.js'
import { detectDelimiter } from '../../lib/csv-dialect.js'
import { utf8TextParser } from '../../lib/safe-text.js'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { RuleValidationError } from '../../lib/errors.js'
import type { CodingService } from './coding.service.js'

const CSV_COLUMNS = ['name', 'description', 'colour', 'shortcut', 'parent'] as const

/** The workbench: codebook (with import/export), sources to code, codings, double coding and agreement. */
const codingAnalystRoutes: FastifyPluginAsyncZod<{ coding: CodingService }> = async (app, { coding }) => {
  const tags = ['coding']
  const base = '/studies/:studyId'
  app.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, utf8TextParser)

  app.get(
    `${base}/codes`,
    { schema: { tags, params: StudyParamsSchema, response: { 200: CodebookSchema } } },
    async (req) => coding.codebook(req.analyst, req.params.studyId),
  )
  app.post(
    `${base}/codes`,
    { schema: { tags, params: StudyParamsSchema, body: CreateCodeBodySchema, response: { 201: CodeSchema } } },
    async (req, reply) => reply.code(201).send(await coding.createCode(req.analyst, req.params.studyId, req.body)),
  )
  app.patch(
    `${base}/codes/:codeId`,
    { schema: { tags, params: CodeParamsSchema, body: UpdateCodeBodySchema, response: { 200: CodeSchema } } },
    async (req) => coding.updateCode(req.analyst, req.params.studyId, req.params.codeId, req.body),
  )
  app.delete(
    `${base}/codes/:codeId`,
    { schema: { tags, params: CodeParamsSchema, querystring: DeleteCodeQuerySchema, response: { 204: z.null() } } },
    async (req, reply) => {
      await coding.deleteCode(req.analyst, req.params.studyId, req.params.codeId, req.query.remapTo)
      return reply.code(204).send(null)
    },
  )

  app.get(
    `${base}/codebook`,
    { schema: { tags, params: StudyParamsSchema, response: { 200: CodebookFileSchema } } },
    async (req, reply) => {
      reply.header('content-disposition', 'attachment; filename="codebook.json"')
      return coding.exportCodebook(req.analyst, req.params.studyId, req.ip, 'json')
    },
  )
  app.get(
    `${base}/codebook.csv`,
    { schema: { tags, params: StudyParamsSchema, produces: ['text/csv'], response: { 200: z.string() } } },
    async (req, reply) => {
      const file = await coding.exportCodebook(req.analyst, req.params.studyId, req.ip, 'csv')
      const lines = [
        CSV_COLUMNS.join(','),
        ...file.codes.map((c) => CSV_COLUMNS.map((k) => csvText(String(c[k] ?? ''), ',')).join(',')),
      ]
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="codebook.csv"')
        .send(`${lines.join('\r\n')}\r\n`)
    },
  )
  app.post(
    `${base}/codebook`,
    {
      schema: {
        tags,
        params: StudyParamsSchema,
        body: CodebookFileSchema,
        response: { 200: ImportCodebookResultSchema },
      },
    },
    async (req) => coding.importCodebook(req.analyst, req.params.studyId, req.body),
  )
  app.post(
    `${base}/codebook.csv`,
    {
      schema: {
        tags,
        params: StudyParamsSchema,
        consumes: ['text/csv'],
        body: z
          .string()
          .min(1)
          .describe(`CSV: ${CSV_COLUMNS.join(', ')}`),
        response: { 200: ImportCodebookResultSchema },
      },
    },
    async (req) => {
      let rows: Record<string, string>[]
      try {
        rows = parseCsv(req.body, {
          columns: (h: string[]) => h.map((x) => x.trim().toLowerCase()),
          skip_empty_lines: true,
          trim: true,
          bom: true,
          // `;` as Dutch Excel saves it, `,`, or tab
          delimiter: detectDelimiter(req.body),
        })
      } catch (err) {
        throw new RuleValidationError([{ path: 'body', message: `not a CSV file: ${(err as Error).message}` }])
      }
      const parsed = CodebookFileSchema.safeParse({
        format: 'klantreis-codebook',
        version: 1,
        // a file we exported has its formula-like texts guarded with a ': read back as they were written
        codes: rows.map((r) => ({
          name: unguardFormula(r.name ?? ''),
          description: unguardFormula(r.description ?? ''),
          colour: r.colour ? unguardFormula(r.colour) : undefined,
          shortcut: r.shortcut ? unguardFormula(r.shortcut) : null,
          parent: unguardFormula(r.parent ?? ''),
        })),
      })
      if (!parsed.success)
        throw new RuleValidationError(
          parsed.error.issues.map((i) => ({
            path: `body.${i.path[1] !== undefined ? `row ${Number(i.path[1]) + 2}.` : ''}${String(i.path[2] ?? '')}`,
            message: i.message,
          })),
        )
      return coding.importCodebook(req.analyst, req.params.studyId, parsed.data)
    },
  )

  app.get(
    `${base}/sources`,
    {
      schema: { tags, params: StudyParamsSchema, querystring: SourceQuerySchema, response: { 200: SourcePageSchema } },
    },
    async (req) => coding.sources(req.analyst, req.params.studyId, req.query),
  )

  app.get(
    `${base}/codings`,
    {
      schema: {
        tags,
        params: StudyParamsSchema,
        querystring: CodingListQuerySchema,
        response: { 200: CodingListSchema },
      },
    },
    async (req) => coding.codings(req.analyst, req.params.studyId, req.query),
  )
  app.put(
    `${base}/codings/:codingId`,
    {
      schema: {
        tags,
        params: CodingParamsSchema,
        body: PutCodingBodySchema,
        response: { 200: CodingSchema, 201: CodingSchema },
      },
    },
    async (req, reply) => {
      const { created, coding: c } = await coding.putCoding(
        req.analyst,
        req.params.studyId,
        req.params.codingId,
        req.body,
      )
      return reply.code(created ? 201 : 200).send(c)
    },
  )
  app.delete(
    `${base}/codings/:codingId`,
    { schema: { tags, params: CodingParamsSchema, querystring: DeleteCodingQuerySchema, response: { 204: z.null() } } },
    async (req, reply) => {
      await coding.deleteCoding(req.analyst, req.params.studyId, req.params.codingId, req.query.baseVersion)
      return reply.code(204).send(null)
    },
  )

  app.get(
    `${base}/samples`,
    { schema: { tags, params: StudyParamsSchema, response: { 200: SampleListSchema } } },
    async (req) => coding.samples(req.analyst, req.params.studyId),
  )
  app.post(
    `${base}/samples`,
    { schema: { tags, params: StudyParamsSchema, body: CreateSampleBodySchema, response: { 201: SampleSchema } } },
    async (req, reply) => reply.code(201).send(await coding.createSample(req.analyst, req.params.studyId, req.body)),
  )
  app.get(
    `${base}/samples/:sampleId/agreement`,
    { schema: { tags, params: SampleParamsSchema, response: { 200: AgreementSchema } } },
    async (req) => coding.agreement(req.analyst, req.params.studyId, req.params.sampleId),
  )
}
export default codingAnalystRoutes

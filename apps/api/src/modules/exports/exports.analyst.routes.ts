import {
  CreateExportBodySchema,
  ExportJobSchema,
  ExportListSchema,
  ExportParamsSchema,
} from '@klantreis/shared/exports'
import { StudyParamsSchema } from '@klantreis/shared/studies'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { attachmentHeader } from './exports.files.js'
import type { ExportsService } from './exports.service.js'

const exportsAnalystRoutes: FastifyPluginAsyncZod<{ exports: ExportsService }> = async (app, { exports }) => {
  const tags = ['exports']
  app.post(
    '/studies/:studyId/exports',
    {
      schema: {
        tags,
        summary: "Start an export of the study's data (a background job)",
        description:
          "Queues a job that streams the chosen datasets, with the dashboard's filters, into one file: CSV (UTF-8 with BOM, ',' or ';' and a decimal point or comma), XLSX (a sheet per table), SPSS (CSV plus a syntax file with labels, in a ZIP) or JSON Lines; several tables or photos make a ZIP. Answers 202 with the job; poll GET …/exports/:exportId for its progress. The same request by the same member while it is queued or running answers 200 with that job. includeContactDetails (names and e-mail addresses) is for roles that see them (researcher and up), else 403 naming the field. Audited as export.created.",
        params: StudyParamsSchema,
        body: CreateExportBodySchema,
        response: { 200: ExportJobSchema, 202: ExportJobSchema },
      },
    },
    async (req, reply) => {
      const { created, job } = await exports.create(req.analyst, req.params.studyId, req.body, req.ip)
      return reply.code(created ? 202 : 200).send(job)
    },
  )
  app.get(
    '/studies/:studyId/exports',
    {
      schema: {
        tags,
        summary: 'Your exports of the study, newest first (the last 50)',
        description:
          'Only the exports you started: an export made by someone else (with names, say) is never listed for you.',
        params: StudyParamsSchema,
        response: { 200: ExportListSchema },
      },
    },
    async (req) => exports.list(req.analyst, req.params.studyId),
  )
  app.get(
    '/studies/:studyId/exports/:exportId',
    {
      schema: {
        tags,
        summary: 'One of your exports: its state and progress (rows done of rows total)',
        description: "Another member's export, or another study's, is a 404.",
        params: ExportParamsSchema,
        response: { 200: ExportJobSchema },
      },
    },
    async (req) => exports.get(req.analyst, req.params.studyId, req.params.exportId),
  )
  app.get(
    '/studies/:studyId/exports/:exportId/download',
    {
      schema: {
        tags,
        summary: 'Download a finished export (audited as export.downloaded)',
        description:
          'Streams the file with its name (klantreis-<study>-<yyyymmdd-hhmm>.<ext>) and type: text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/zip or application/x-ndjson. 409 EXPORT_NOT_READY while queued or running; 410 EXPORT_EXPIRED once it expired (72 hours after it was made), failed, or was superseded by an erasure.',
        params: ExportParamsSchema,
        produces: [
          'text/csv',
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'application/zip',
          'application/x-ndjson',
        ],
        // documents the download; a stream is sent as it is, never serialized
        response: { 200: z.any().describe('the export file') },
      },
    },
    async (req, reply) => {
      const file = await exports.download(req.analyst, req.params.studyId, req.params.exportId, req.ip)
      return reply
        .type(file.contentType)
        .header('content-disposition', attachmentHeader(file.fileName))
        .header('content-length', String(file.bytes))
        .header('cache-control', 'no-store')
        .send(file.stream)
    },
  )
  app.delete(
    '/studies/:studyId/exports/:exportId',
    {
      schema: {
        tags,
        summary: 'Delete one of your exports and its file',
        description: 'A job still running finds its export gone and discards what it wrote.',
        params: ExportParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await exports.remove(req.analyst, req.params.studyId, req.params.exportId)
      return reply.code(204).send(null)
    },
  )
}
export default exportsAnalystRoutes
